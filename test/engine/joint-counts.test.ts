/**
 * The drivers' joint counts of a small survey against their definition, counted here row by
 * row: for every row in a slot and every pair of variables both answered, w is added to the
 * bin of its two points. Pairs are laid out by hand (enumerated in order), not by layout.ts.
 */
import { describe, expect, it } from 'vitest'
import { addJointCounts, triplesOf } from '../../engine/joint-counts'
import type { PairLayout } from '../../engine/layout'

const SLOTS = 4

function layout(variables: number, points: number): PairLayout {
  const offsets = new Map<string, number>()
  let next = 0
  for (let a = 0; a < variables; a++) {
    for (let b = a + 1; b < variables; b++) {
      offsets.set(`${a},${b}`, next)
      next += points * points
    }
  }
  return {
    variables,
    points,
    pairs: offsets.size,
    width: next,
    pair: (a, b) => offsets.get(`${a},${b}`) as number,
  }
}

/** Rows with some points missing and some rows in no slot (fixed seed). */
function survey(rows: number, variables: number, points: number, seed: number) {
  let s = seed
  const random = () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
  const columns = Array.from({ length: variables }, () =>
    Int8Array.from({ length: rows }, () => (random() < 0.15 ? -1 : Math.floor(random() * points))),
  )
  const slots = Int8Array.from({ length: rows }, () => Math.floor(random() * (SLOTS + 1)) - 1)
  const weight = Float64Array.from({ length: rows }, () => Math.round(random() * 64) / 16 + 0.25)
  return { columns, slots, weight }
}

function byDefinition(
  { columns, slots }: ReturnType<typeof survey>,
  pairs: PairLayout,
  weight: Float64Array | null,
) {
  const out = new Float64Array(SLOTS * pairs.width)
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] < 0) continue
    for (let a = 0; a < columns.length; a++) {
      for (let b = a + 1; b < columns.length; b++) {
        const u = columns[a][i]
        const v = columns[b][i]
        if (u < 0 || v < 0) continue
        out[slots[i] * pairs.width + pairs.pair(a, b) + u * pairs.points + v] += weight?.[i] ?? 1
      }
    }
  }
  return out
}

describe('the drivers’ joint counts', () => {
  for (const [variables, points] of [
    [2, 5],
    [3, 5],
    [5, 5],
    [9, 5],
    [9, 10],
    [12, 7],
  ]) {
    it(`are the definition's, counted and weighted (${variables} variables, ${points} points)`, () => {
      const data = survey(997, variables, points, variables * 31 + points)
      const pairs = layout(variables, points)
      for (const weight of [null, data.weight]) {
        const drivers = new Float64Array(SLOTS * pairs.width)
        addJointCounts(drivers, data.columns, data.slots, SLOTS, pairs, weight)
        expect([...drivers]).toEqual([...byDefinition(data, pairs, weight)])
      }
    })
  }

  it('count every pair of variables once, by triples', () => {
    for (const variables of [0, 1, 2, 3, 4, 9, 10, 17]) {
      const counted = triplesOf(variables).flatMap((t) => t.pairs.map(([a, b]) => `${a},${b}`))
      const expected: string[] = []
      for (let a = 0; a < variables; a++) {
        for (let b = a + 1; b < variables; b++) expected.push(`${a},${b}`)
      }
      expect(counted.sort()).toEqual(expected.sort())
    }
    expect(triplesOf(9)).toHaveLength(14)
    expect(triplesOf(3)).toEqual([
      {
        variables: [0, 1, 2],
        pairs: [
          [0, 1],
          [0, 2],
          [1, 2],
        ],
      },
    ])
  })
})
