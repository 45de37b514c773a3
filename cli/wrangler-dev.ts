/** @module Runs the Worker locally under `wrangler dev` (workerd) on a free loopback port. */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { offlineEnv, ROOT, WRANGLER } from './wrangler'

export interface LocalWorker {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string
  /** wrangler dev's DevTools inspector, e.g. `http://127.0.0.1:43122` (the bench profiles through it). */
  inspectorUrl: string
  /** The process group of wrangler and the workerd it runs (the bench reads workerd's CPU). */
  processGroup: number
  stop(): Promise<void>
}

export interface LocalWorkerOptions {
  /**
   * Vars and secrets, e.g. `{ SAPA_HMAC_SECRET: '…' }`, given to wrangler in an env file in
   * a private temporary directory (never on its command line, which any user can read in
   * `ps`), removed when the Worker stops. They override wrangler.toml's `[vars]`, and the
   * repository's `.dev.vars` is not read.
   */
  vars?: Record<string, string>
  /** Give up when /v1/health has not answered by then. Default 30 s. */
  readyTimeoutMs?: number
}

/**
 * Starts `wrangler dev` with no login and no network needs, waits until `/v1/health`
 * answers, and stops it (with workerd) on `stop()`, when this process exits, or, through a
 * guard process, when this process dies without exiting (SIGKILL, V8 out of memory).
 *
 * @example
 * const worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
 * try { await fetch(`${worker.url}/v1/health`) } finally { await worker.stop() }
 */
export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  // A free port is free only until wrangler binds it: another process can take it in between
  // (seen once in CI, with suites starting servers side by side). Such a start is tried again
  // on new ports; any other failure is reported at once.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options)
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !String(error).includes('Address already in use')) throw error
    }
  }
}

/** Starts on ports taken again, at most this many times, when the first were taken meanwhile. */
const PORT_ATTEMPTS = 3

async function startOnce(options: LocalWorkerOptions): Promise<LocalWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const vars = privateEnvFile(options.vars ?? {})
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      '--env-file',
      vars.file,
    ],
    // Its own process group, so stopping it also stops the workerd it spawns.
    { cwd: ROOT, env: envFileEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const guard = startGuard(child, vars.dir)
  const kill = () => {
    guard.disarm()
    killGroup(child)
    vars.remove()
  }
  process.once('exit', kill)
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    process.off('exit', kill)
    guard.disarm()
    if (child.exitCode !== null || child.signalCode !== null) return vars.remove()
    const exited = new Promise((resolve) => child.once('exit', resolve))
    kill()
    await exited
  }
  try {
    await waitReady(url, child, options.readyTimeoutMs ?? 30_000, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url,
    inspectorUrl: `http://127.0.0.1:${inspectorPort}`,
    processGroup: child.pid ?? 0,
    stop,
  }
}

/** Waits until the Worker run by `child` answers `/v1/health` at `url`; `name` says which in errors. */
export async function waitReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
  name = 'wrangler dev',
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode}:\n${output()}`)
    }
    try {
      const response = await fetch(`${url}/v1/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${name} did not answer ${url}/v1/health within ${timeoutMs} ms:\n${output()}`)
}

const GUARD = fileURLToPath(new URL('./worker-guard.mjs', import.meta.url))

/**
 * A small process that stops wrangler's group and removes the secret's directory when this
 * process dies without doing it (SIGKILL, or V8 aborting when out of memory: no exit hook
 * runs). It holds the read end of a pipe only this process writes: the kernel closes it
 * when this process dies, however it dies. Detached, so a Ctrl-C reaches this process only.
 */
function startGuard(child: ChildProcess, dir: string) {
  if (child.pid === undefined) return { disarm() {} }
  const guard = spawn(process.execPath, [GUARD, String(child.pid), dir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  guard.on('error', () => undefined)
  guard.stdin?.on('error', () => undefined)
  // Neither the guard nor its pipe keeps this process running.
  guard.unref()
  ;(guard.stdin as Socket | null)?.unref()
  return {
    /** Stopped here: the guard exits without touching anything. */
    disarm() {
      if (guard.stdin?.writable) guard.stdin.end('stopped\n')
    },
  }
}

/** Stops a detached child's whole process group (it and what it started). */
export function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    // Already gone.
  }
}

/**
 * The vars as a dotenv file, readable by this user only (a directory of mode 0700 from
 * mkdtemp, the file 0600), and how to remove both.
 */
function privateEnvFile(vars: Record<string, string>) {
  const lines = Object.entries(vars).map(([name, value]) => `${name}=${dotenvQuoted(name, value)}`)
  const dir = mkdtempSync(join(tmpdir(), 'sapa-worker-'))
  const file = join(dir, '.env')
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
  return { file, dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * A value as dotenv reads it back unchanged: in single quotes (else double, else backticks),
 * each `$` escaped, since wrangler expands `$NAME` even inside quotes (dotenv-expand).
 */
function dotenvQuoted(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a var name: ${name}`)
  if (/[\r\n]/.test(value)) throw new Error(`var ${name} holds a line break`)
  const quote = ["'", '"', '`'].find((q) => !value.includes(q))
  if (quote === undefined) throw new Error(`var ${name} holds every quote character`)
  return `${quote}${value.replaceAll('$', () => '\\$')}${quote}`
}

/** wrangler reads the env file only when loading vars from env files is on; no process env. */
function envFileEnv(): NodeJS.ProcessEnv {
  const env = offlineEnv()
  env.CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV = 'true'
  delete env.CLOUDFLARE_INCLUDE_PROCESS_ENV
  return env
}

/** A port the OS had free a moment ago (wrangler binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
