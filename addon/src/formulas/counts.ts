/** @module Weighted score counts n_1..n_5 of one range, the input of the engine's measures. */
import { parseScore, quantizeSquare } from '../../../engine/index'
import { type Cells, parseCells } from './ranges'

export interface Counts {
  /** Weighted n_1..n_5. */
  d: number[]
  /** Σw² of the counted cells, for the effective base. */
  sumW2: number
}

export function scoreCounts(cells: Cells, weights: readonly number[]): Counts {
  const d = [0, 0, 0, 0, 0]
  let sumW2 = 0
  parseCells(cells, parseScore).forEach((score, i) => {
    const w = weights[i]
    if (score === null || w === 0) return
    d[score - 1] += w
    sumW2 += w === 1 ? 1 : quantizeSquare(w)
  })
  return { d, sumW2 }
}
