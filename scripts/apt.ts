/**
 * @module Debian packages a developer tool needs, installed when missing: `apt-get` as root,
 * through `sudo` otherwise, and one line naming the package when neither can.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export interface Need {
  /** The file the tool runs, e.g. `/usr/bin/chromium`. */
  path: string
  /** The Debian package that installs it. */
  pkg: string
  /** Who needs it, for the messages: "the sidebar test". */
  why: string
}

export interface InstallOptions {
  /** Whether this process may run apt-get itself. Default: its uid is 0. */
  root?: boolean
  /** The environment apt-get and sudo are found and run in. Default: this process's. */
  env?: NodeJS.ProcessEnv
  /** Where progress and the failure line go. Default: stderr. */
  log?: (line: string) => void
}

/**
 * Installs the packages of the needs whose path is missing, then checks they are there.
 * Nothing runs when every path exists.
 * @returns the one-line reason when something is still missing, or null when all is there.
 *
 * @example
 * const failure = ensurePackages([{ path: '/usr/bin/chromium', pkg: 'chromium', why: 'the sidebar test' }])
 * if (failure) process.exit(1)
 */
export function ensurePackages(
  needs: readonly Need[],
  options: InstallOptions = {},
): string | null {
  const missing = needs.filter((need) => !existsSync(need.path))
  if (missing.length === 0) return null
  const {
    root = process.getuid?.() === 0,
    env = process.env,
    log = (line: string) => process.stderr.write(`${line}\n`),
  } = options
  const packages = [...new Set(missing.map((need) => need.pkg))]
  const fail = (cause: string) => {
    const what = missing.map((need) => `${need.why} needs ${need.path}`).join(', ')
    const line = `${cause}; ${what}: run "apt-get install ${packages.join(' ')}" as root (Debian's ${packages.join(' ')})`
    log(line)
    return line
  }
  const sudo = root ? [] : ['sudo']
  if (!root && !runs('sudo', ['--version'], env)) return fail('not root and no sudo')
  log(
    `installing ${packages.join(' ')} with ${sudo.length ? 'sudo ' : ''}apt-get (for ${missing[0].why})`,
  )
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args]
    return spawnSync(command, rest, {
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['inherit', 'ignore', 'inherit'],
    })
  }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const result = apt(...args)
    if (result.error || result.status !== 0) {
      const how = result.error
        ? (result.error as NodeJS.ErrnoException).code
        : `exit ${result.status}`
      return fail(`${sudo.length ? 'sudo ' : ''}apt-get ${args[0]} failed (${how})`)
    }
  }
  const still = missing.filter((need) => !existsSync(need.path))
  if (still.length > 0)
    return fail(`apt-get installed ${packages.join(' ')}, but ${still[0].path} is not there`)
  return null
}

/** Whether `command` can be run at all (found on PATH and exiting 0). */
function runs(command: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync(command, args, { env, stdio: 'ignore' })
  return !result.error && result.status === 0
}
