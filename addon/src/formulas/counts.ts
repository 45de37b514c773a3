/**
 * @module Weighted score counts of one range by point of the scale, with what the design-based
 * variances need: Σw² by point and the respondents counted (the engine's measures' input).
 */
import {
  DEFAULT_SCALE,
  pointsOf,
  quantizeSquare,
  type Scale,
  scoreParser,
} from '../../../engine/index'
import { type Cells, parseCells } from './ranges'

export interface Counts {
  /** Weighted n_min..n_max. */
  d: number[]
  /** Σw² of the respondents at each point (the counts again without weights). */
  squares: number[]
  /** Respondents counted, unweighted (m). */
  m: number
}

export function scoreCounts(
  cells: Cells,
  weights: readonly number[],
  scale: Scale = DEFAULT_SCALE,
): Counts {
  const d = new Array<number>(pointsOf(scale)).fill(0)
  const squares = new Array<number>(d.length).fill(0)
  let m = 0
  parseCells(cells, scoreParser(scale)).forEach((score, i) => {
    const w = weights[i]
    if (score === null || w === 0) return
    d[score - scale.min] += w
    squares[score - scale.min] += w === 1 ? 1 : quantizeSquare(w)
    m++
  })
  return { d, squares, m }
}
