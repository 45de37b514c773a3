/**
 * The answer stays on JSON.stringify's fast path in V8, which it leaves for the whole value at
 * the first rope string (text joined with + or a template, not yet flattened) or hash-table
 * object it meets: the sample's answer takes 0.5 ms to serialize in workerd on it, 1.2–1.6 off
 * it (docs/performance.md). Checked with V8's own view of each value, in a child process
 * allowed V8's natives.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

describe('the answer for JSON.stringify', () => {
  it('holds no rope or sliced strings and no hash-table objects (the reference reports)', () => {
    // V8 prints through C's buffered stdout: into a file, whole once the child has exited.
    const printed = join(mkdtempSync(join(tmpdir(), 'sapa-shapes-')), 'stdout')
    const out = openSync(printed, 'w')
    const run = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', 'test/support/answer-shapes.ts'],
      { encoding: 'utf8', stdio: ['ignore', out, 'pipe'] },
    )
    closeSync(out)
    expect(run.status, run.stderr).toBe(0)
    const { texts, slow } = JSON.parse(run.stderr.trim().split('\n').at(-1) as string)
    const types = [...readFileSync(printed, 'utf8').matchAll(/^ - type: (\w+)$/gm)].map((m) => m[1])
    // One description per text: the check is not vacuous if V8's print format changes.
    expect(types.length).toBe(texts)
    expect(texts).toBeGreaterThan(500) // 585 distinct texts today
    expect(types.filter((type) => /CONS|SLICED/.test(type))).toEqual([])
    expect(slow).toEqual([])
  }, 60_000)
})
