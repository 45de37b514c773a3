import { describe, expect, it } from 'vitest'
import { rankRanges, type Sign } from '../../../engine/stats'

describe('rankRanges', () => {
  // Five services in rank order A..E. Significant pairs, by hand: A > C, A > D, A > E, B > E,
  // C > E. Counted by hand:
  //   A: better than it 0, worse 3 → 1..2      B: 0 better, 1 worse (E) → 1..4
  //   C: 1 better (A), 1 worse (E) → 2..4      D: 1 better (A), 0 worse → 2..5
  //   E: 3 better (A, B, C), 0 worse → 4..5
  const names = ['A', 'B', 'C', 'D', 'E']
  const better = new Set(['A>C', 'A>D', 'A>E', 'B>E', 'C>E'])
  const compare = (i: number, j: number): Sign =>
    better.has(`${names[i]}>${names[j]}`) ? 1 : better.has(`${names[j]}>${names[i]}`) ? -1 : 0
  const expected = [
    { low: 1, high: 2 },
    { low: 1, high: 4 },
    { low: 2, high: 4 },
    { low: 2, high: 5 },
    { low: 4, high: 5 },
  ]

  it('counts significantly better and worse items (hand-made case)', () => {
    expect(rankRanges(5, compare)).toEqual(expected)
  })

  it('reads the same from an antisymmetric matrix', () => {
    const matrix = names.map((_, i) => names.map((__, j) => (i === j ? 0 : compare(i, j))))
    expect(rankRanges(5, matrix)).toEqual(expected)
  })

  it('asks a callback about i < j only', () => {
    const asked: [number, number][] = []
    rankRanges(4, (i, j) => {
      asked.push([i, j])
      return 0
    })
    expect(asked).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ])
  })

  it('gives 1..n when nothing differs and exact ranks when everything does', () => {
    expect(rankRanges(3, () => 0)).toEqual([
      { low: 1, high: 3 },
      { low: 1, high: 3 },
      { low: 1, high: 3 },
    ])
    // i < j means i ranks higher and is significantly better: ranks are exact.
    expect(rankRanges(3, () => 1)).toEqual([
      { low: 1, high: 1 },
      { low: 2, high: 2 },
      { low: 3, high: 3 },
    ])
  })

  it('handles no item and one item', () => {
    expect(rankRanges(0, () => 0)).toEqual([])
    expect(rankRanges(1, () => 0)).toEqual([{ low: 1, high: 1 }])
  })

  it('refuses a bad count or matrix with fixed messages', () => {
    expect(() => rankRanges(-1, () => 0)).toThrow('rankRanges requires a whole number of items')
    expect(() => rankRanges(1.5, () => 0)).toThrow('rankRanges requires a whole number of items')
    expect(() => rankRanges(2, [[0, 1]])).toThrow('rankRanges requires an n × n matrix')
    expect(() =>
      rankRanges(2, [
        [0, 1],
        [1, 0],
      ]),
    ).toThrow('rankRanges requires an antisymmetric matrix: [i][j] = −[j][i]')
  })
})
