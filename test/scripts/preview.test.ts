import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ensurePackages } from '../../scripts/apt'
import { previewTools } from '../../scripts/preview'

const dir = mkdtempSync(join(tmpdir(), 'sapa-preview-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A directory of executable stand-ins named `names`, each failing if run. */
function bin(name: string, ...names: string[]): string {
  const path = join(dir, name)
  mkdirSync(path)
  for (const command of names) {
    writeFileSync(join(path, command), '#!/bin/sh\nexit 1\n')
    chmodSync(join(path, command), 0o755)
  }
  return path
}

describe('the preview’s programs go through scripts/apt.ts', () => {
  it('asks for Debian’s packages at Debian’s paths when PATH has neither program', () => {
    expect(previewTools({ PATH: bin('empty') })).toEqual([
      { path: '/usr/bin/soffice', pkg: 'libreoffice-calc', why: 'npm run preview' },
      { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils', why: 'npm run preview' },
    ])
  })

  it('takes the programs found on PATH, in PATH’s order, and installs nothing then', () => {
    const first = bin('first', 'soffice')
    const second = bin('second', 'soffice', 'pdftoppm')
    const env = { PATH: [join(dir, 'nowhere'), first, second].join(':') }
    const tools = previewTools(env)
    expect(tools.map((tool) => tool.path)).toEqual([
      join(first, 'soffice'),
      join(second, 'pdftoppm'),
    ])
    // No apt-get on this PATH: ensurePackages would fail if it tried to install anything.
    const lines: string[] = []
    expect(ensurePackages(tools, { root: true, env, log: (l) => lines.push(l) })).toBeNull()
    expect(lines).toEqual([])
  })

  it('does not take a file that cannot be run', () => {
    const plain = join(dir, 'plain')
    mkdirSync(plain)
    writeFileSync(join(plain, 'soffice'), '')
    expect(previewTools({ PATH: plain })[0].path).toBe('/usr/bin/soffice')
  })
})
