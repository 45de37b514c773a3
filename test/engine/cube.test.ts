/**
 * The cube's roll-ups, against sums written out by hand from six rows: groups in order of
 * first appearance, a cell missing a `by` code in no group, `where` as a filter, and the same
 * groups and sums whatever order the queries come in (roll-ups are made from coarser sums of
 * the cells, shared between queries).
 */
import { describe, expect, it } from 'vitest'
import { aggregate } from '../../engine'
import { Cube, type Query, Slab } from '../../engine/cube'
import { Reader } from '../../engine/tables/context'

const CENTRAL = 'Министрлік'
const LOCAL = 'Алматы қаласының әкімдігі'
const header = ['Қызмет', 'Мемлекеттік орган', 'Өңір', 'Арна', 'Жалпы баға']
const rows = [
  ['A', CENTRAL, 'R1', 'ХҚКО', 5], // 1
  ['B', CENTRAL, 'R2', 'Мемлекеттік орган', 4], // 2
  ['A', LOCAL, '', 'ХҚКО', 3], // 3: no region
  ['B', '', 'R1', '', 5], // 4: no agency (so no level), no channel
  ['A', CENTRAL, 'R1', 'Мемлекеттік орган', 1], // 5
  ['C', LOCAL, 'R2', 'ХҚКО', 5], // 6
]

/** Each group as its labels, respondents and overall counts per point 1..5. */
function groupsOf(cube: Cube, query: Query) {
  const read = new Reader(cube.layout)
  return [...cube.rollUp(query).values()].map(({ codes, counts }) => ({
    group: codes.map((code, d) => cube.text(query.by[d], code)).join('|'),
    respondents: read.respondents(counts),
    overall: [...read.overall(counts)],
  }))
}

const QUERIES: [Query, ReturnType<typeof groupsOf>][] = [
  [{ by: [] }, [{ group: '', respondents: 6, overall: [1, 0, 1, 1, 3] }]],
  [
    { by: ['service'] },
    [
      { group: 'A', respondents: 3, overall: [1, 0, 1, 0, 1] }, // rows 1, 3, 5
      { group: 'B', respondents: 2, overall: [0, 0, 0, 1, 1] }, // rows 2, 4
      { group: 'C', respondents: 1, overall: [0, 0, 0, 0, 1] }, // row 6
    ],
  ],
  [
    { by: ['region'] },
    [
      { group: 'R1', respondents: 3, overall: [1, 0, 0, 0, 2] }, // rows 1, 4, 5
      { group: 'R2', respondents: 2, overall: [0, 0, 0, 1, 1] }, // rows 2, 6
    ],
  ],
  [
    { by: ['agency', 'region'] },
    [
      { group: `${CENTRAL}|R1`, respondents: 2, overall: [1, 0, 0, 0, 1] }, // rows 1, 5
      { group: `${CENTRAL}|R2`, respondents: 1, overall: [0, 0, 0, 1, 0] }, // row 2
      { group: `${LOCAL}|R2`, respondents: 1, overall: [0, 0, 0, 0, 1] }, // row 6
    ],
  ],
  [
    { by: ['service'], where: { channel: 'corp' } },
    [
      { group: 'A', respondents: 2, overall: [0, 0, 1, 0, 1] }, // rows 1, 3
      { group: 'C', respondents: 1, overall: [0, 0, 0, 0, 1] }, // row 6
    ],
  ],
  [
    { by: [], where: { channel: 'corp' } },
    [{ group: '', respondents: 3, overall: [0, 0, 1, 0, 2] }], // rows 1, 3, 6
  ],
  [
    { by: ['region'], where: { channel: 'corp', level: 'local' } },
    [{ group: 'R2', respondents: 1, overall: [0, 0, 0, 0, 1] }], // row 6 (row 3 has no region)
  ],
  [
    { by: ['channel', 'level'] },
    [
      { group: 'corp|central', respondents: 1, overall: [0, 0, 0, 0, 1] }, // row 1
      { group: 'body|central', respondents: 2, overall: [1, 0, 0, 1, 0] }, // rows 2, 5
      { group: 'corp|local', respondents: 2, overall: [0, 0, 1, 0, 1] }, // rows 3, 6
    ],
  ],
]

describe('the cube’s roll-ups', () => {
  const state = aggregate({ header, rows })

  it.each(QUERIES)('%j: the sums by hand, in order of first appearance', (query, expected) => {
    expect(groupsOf(new Cube(state), query)).toEqual(expected)
  })

  it('give the same groups and sums whatever order the queries come in', () => {
    const forward = new Cube(state)
    const backward = new Cube(state)
    const first = QUERIES.map(([query]) => groupsOf(forward, query))
    const last = [...QUERIES].reverse().map(([query]) => groupsOf(backward, query))
    expect(last.reverse()).toEqual(first)
  })
})

describe('the slab the groups’ counts are cut from', () => {
  it('gives zeroed arrays that do not overlap, across blocks and past the block size', () => {
    const slab = new Slab(8)
    const arrays = [3, 4, 2, 20, 1].map((n) => slab.take(n))
    expect(arrays.map((a) => a.length)).toEqual([3, 4, 2, 20, 1])
    arrays.forEach((a, k) => {
      expect([...a].every((x) => x === 0)).toBe(true)
      a.fill(k + 1)
    })
    expect(arrays.map((a) => [...a])).toEqual([3, 4, 2, 20, 1].map((n, k) => Array(n).fill(k + 1)))
  })
})
