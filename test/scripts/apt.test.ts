import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ensurePackages, type Need } from '../../scripts/apt'

const dir = mkdtempSync(join(tmpdir(), 'sapa-apt-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let made = 0
/** A PATH holding only stand-ins that write each call to a log; `apt-get install` creates `creates`. */
function fakePath(commands: { sudo?: boolean; apt?: boolean; aptExit?: number }, creates?: string) {
  const bin = join(dir, `bin-${++made}`)
  const log = join(dir, `log-${made}`)
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  mkdirSync(bin)
  if (commands.apt !== false) {
    const touch = creates ? `[ "$1" = install ] && : > "${creates}"` : ''
    script('apt-get', `${touch}\nexit ${commands.aptExit ?? 0}`)
  }
  if (commands.sudo) script('sudo', '[ "$1" = --version ] && exit 0\nexec "$@"')
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [])
  return { env: { PATH: bin }, calls }
}

const need = (path: string): Need => ({ path, pkg: 'chromium', why: 'the sidebar test' })
const missing = () => join(dir, `missing-${++made}`, 'chromium')
const logged = () => {
  const lines: string[] = []
  return { lines, log: (line: string) => lines.push(line) }
}

describe('ensurePackages', () => {
  it('runs nothing when the path is there', () => {
    const present = join(dir, 'present')
    writeFileSync(present, '')
    const fake = fakePath({ sudo: true })
    const out = logged()
    expect(ensurePackages([need(present)], { root: true, env: fake.env, log: out.log })).toBeNull()
    expect(fake.calls()).toEqual([])
    expect(out.lines).toEqual([])
  })

  it('installs a missing package with apt-get as root', () => {
    const path = missing()
    mkdirSync(join(path, '..'))
    const fake = fakePath({}, path)
    const out = logged()
    expect(ensurePackages([need(path)], { root: true, env: fake.env, log: out.log })).toBeNull()
    expect(fake.calls()).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends chromium',
    ])
    expect(out.lines).toEqual(['installing chromium with apt-get (for the sidebar test)'])
  })

  it('goes through sudo when not root', () => {
    const path = missing()
    mkdirSync(join(path, '..'))
    const fake = fakePath({ sudo: true }, path)
    expect(ensurePackages([need(path)], { root: false, env: fake.env, log: () => {} })).toBeNull()
    expect(fake.calls()).toEqual([
      'sudo --version',
      'sudo apt-get update -qq',
      'apt-get update -qq',
      'sudo apt-get install -y -qq --no-install-recommends chromium',
      'apt-get install -y -qq --no-install-recommends chromium',
    ])
  })

  it('says in one line what to install when neither root nor sudo can', () => {
    const fake = fakePath({})
    const out = logged()
    const failure = ensurePackages([need(missing())], { root: false, env: fake.env, log: out.log })
    expect(failure).toMatch(
      /^not root and no sudo; the sidebar test needs .*\/chromium: run "apt-get install chromium" as root \(Debian's chromium\)$/,
    )
    expect(out.lines).toEqual([failure])
    expect(fake.calls()).toEqual([])
  })

  it('names the package when apt-get fails or is not there', () => {
    const failing = fakePath({ aptExit: 100 })
    expect(
      ensurePackages([need(missing())], { root: true, env: failing.env, log: () => {} }),
    ).toMatch(/^apt-get update failed \(exit 100\); .*"apt-get install chromium"/)
    expect(failing.calls()).toEqual(['apt-get update -qq'])
    const none = fakePath({ apt: false })
    expect(ensurePackages([need(missing())], { root: true, env: none.env, log: () => {} })).toMatch(
      /^apt-get update failed \(ENOENT\); .*chromium/,
    )
  })

  it('says so when the package installed but the path is still missing', () => {
    const fake = fakePath({})
    const path = missing()
    expect(ensurePackages([need(path)], { root: true, env: fake.env, log: () => {} })).toBe(
      `apt-get installed chromium, but ${path} is not there; the sidebar test needs ${path}: run "apt-get install chromium" as root (Debian's chromium)`,
    )
  })
})
