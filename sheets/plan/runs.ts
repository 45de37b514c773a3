/** @module Consecutive indexes grouped into half-open runs, for ranges over scattered rows. */

export interface Run {
  start: number
  end: number
}

/** `[1, 2, 3, 7, 8]` → `[{start: 1, end: 4}, {start: 7, end: 9}]`; input in any order. */
export function runsOf(indexes: readonly number[]): Run[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b)
  const runs: Run[] = []
  for (const index of sorted) {
    const last = runs[runs.length - 1]
    if (last && last.end === index) last.end++
    else runs.push({ start: index, end: index + 1 })
  }
  return runs
}
