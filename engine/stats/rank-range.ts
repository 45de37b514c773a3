/** @module Rank ranges: the best and worst rank each item could hold (DESIGN §4). */
import type { Sign } from './significance-sign'

/** The best (low) and worst (high) rank an item could hold, 1-based. */
export interface RankRange {
  low: number
  high: number
}

/**
 * How item i compares with item j: +1 when i is significantly better, −1 when significantly
 * worse, 0 when not different. A matrix must be antisymmetric ([i][j] = −[j][i]); a callback
 * is asked about i < j only, the other half following by antisymmetry.
 */
export type PairwiseComparison = ((i: number, j: number) => Sign) | readonly (readonly Sign[])[]

/**
 * Rank range of each of n items from the pairwise differences that are significant:
 * low = 1 + the number of items significantly better, high = n − the number significantly worse
 * (DESIGN §4; the construction of Klein, Wright & Wieczorek 2020, "A joint confidence region
 * for an overall ranking of populations", JRSS C 69: 589–606, on league tables whose
 * limits Goldstein & Spiegelhalter 1996, JRSS A 159: 385–443, set out).
 * Items whose ranges overlap are not shown as different. Runs in O(n²).
 *
 * @param n number of items (in rank order, though the ranges do not depend on it)
 * @param compare the pairwise signs, as a callback or an n × n antisymmetric matrix
 * @throws {Error} when n is not a whole number ≥ 0, or the matrix is not n × n and antisymmetric
 * @returns one range per item, in the items' order
 * @example
 * // A is better than C; B differs from neither:
 * rankRanges(3, [[0, 0, 1], [0, 0, 0], [-1, 0, 0]])
 * // [{ low: 1, high: 2 }, { low: 1, high: 3 }, { low: 2, high: 3 }]
 */
export function rankRanges(n: number, compare: PairwiseComparison): RankRange[] {
  if (!(Number.isInteger(n) && n >= 0))
    throw new Error('rankRanges requires a whole number of items')
  const sign = typeof compare === 'function' ? compare : matrixSign(n, compare)
  // beats[i]: items i is significantly better than; beatenBy[i]: items significantly better than i.
  const beats = new Array<number>(n).fill(0)
  const beatenBy = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = sign(i, j)
      if (s > 0) {
        beats[i]++
        beatenBy[j]++
      } else if (s < 0) {
        beats[j]++
        beatenBy[i]++
      }
    }
  }
  return beats.map((count, i) => ({ low: 1 + beatenBy[i], high: n - count }))
}

function matrixSign(
  n: number,
  matrix: readonly (readonly Sign[])[],
): (i: number, j: number) => Sign {
  if (matrix.length !== n || matrix.some((row) => row.length !== n)) {
    throw new Error('rankRanges requires an n × n matrix')
  }
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      if (matrix[i][j] !== -matrix[j][i]) {
        throw new Error('rankRanges requires an antisymmetric matrix: [i][j] = −[j][i]')
      }
    }
  }
  return (i, j) => matrix[i][j]
}
