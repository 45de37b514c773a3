/**
 * The Worker bench's readings: workerd's CPU from a /proc stat line, and a CPU profile split
 * by phase (the numbers written out by hand from the lines and samples below).
 */
import { describe, expect, it } from 'vitest'
import { readStat, summarise } from '../../bench/workerd-cpu'

describe('readStat', () => {
  it('reads the name, process group and utime + stime of a stat line (proc(5))', () => {
    // Fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
    // cmajflt utime stime …
    const line = '4242 (workerd) S 4200 4199 4199 0 -1 4194560 900 0 3 0 1234 56 0 0 20 0 9'
    expect(readStat(line)).toEqual({ name: 'workerd', group: 4199, ticks: 1234 + 56 })
  })

  it('takes a name with spaces and parentheses whole', () => {
    const line = '7 (my (odd) name) R 1 7 7 0 -1 0 0 0 0 0 10 5 0 0 20 0 1'
    expect(readStat(line)).toEqual({ name: 'my (odd) name', group: 7, ticks: 15 })
  })
})

describe('summarise', () => {
  it('gives each sample its phase, found up the stack, and leaves idle time out', () => {
    // root → fetch (no phase) → report → countColumns (count) and → ratingTable (tables);
    // idle, the collector and a bare (program) are apart.
    const frame = (id: number, functionName: string, children: number[] = []) => ({
      id,
      callFrame: { functionName, url: 'index.js' },
      children,
    })
    const profile = {
      nodes: [
        frame(1, '(root)', [2, 6, 7, 8]),
        frame(2, 'fetch', [3]),
        frame(3, 'report', [4, 5]),
        frame(4, 'countColumns'),
        frame(5, 'ratingTable'),
        frame(6, '(idle)'),
        frame(7, '(garbage collector)'),
        frame(8, '(program)'),
      ],
      // µs per sample: count 3,000 + 1,000, tables 2,000, fetch's own 500, idle 9,000,
      // gc 400, native 100.
      samples: [4, 4, 5, 2, 6, 7, 8],
      timeDeltas: [3000, 1000, 2000, 500, 9000, 400, 100],
    }
    // Two requests: per request count 2, tables 1, other 0.25, gc 0.2, native 0.05;
    // CPU (7,000 µs not idle) 3.5 ms.
    expect(summarise(profile, 2)).toEqual({
      requests: 2,
      cpuMs: 3.5,
      phases: { count: 2, tables: 1, other: 0.25, gc: 0.2, native: 0.05 },
    })
  })
})
