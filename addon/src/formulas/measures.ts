/** @module The custom functions over score ranges: the engine's measures, run in the sheet. */
import {
  base,
  correlation,
  dissatisfied,
  effectiveBase,
  meanScore,
  parseScore,
  parseYesNo,
  satisfaction,
  score10,
  shares,
  socialConcern,
  topTwoBox,
  wilson,
} from '../../../engine/index'
import { scoreCounts } from './counts'
import { cellsOf, parseCells, type RangeArg, weightsFor } from './ranges'

type Definition = 'top' | 'top2'

function definitionOf(value: unknown): Definition {
  if (value === undefined || value === null || value === '') return 'top'
  const text = String(value).trim().toLowerCase()
  if (text === 'top' || text === 'top2') return text
  throw new Error(`definition must be "top" or "top2", not "${String(value)}"`)
}

/** The top box, or the top two boxes. */
const share = (d: number[], definition: Definition) =>
  definition === 'top2' ? topTwoBox(d) : satisfaction(d)

function countsOf(range: RangeArg, weights?: RangeArg) {
  const cells = cellsOf(range, 'the range')
  return scoreCounts(cells, weightsFor(weights, cells))
}

function measured(value: number | null): number {
  if (value === null) throw new Error('no scores 1..5 in the range')
  return value
}

/** Share who gave 5 ("top", the report's headline) or 4–5 ("top2"). */
export function SATISFACTION(range: RangeArg, definition?: unknown, weights?: RangeArg): number {
  return measured(share(countsOf(range, weights).d, definitionOf(definition)))
}

export function TOP2BOX(range: RangeArg, weights?: RangeArg): number {
  return measured(topTwoBox(countsOf(range, weights).d))
}

export function MEAN_SCORE(range: RangeArg, weights?: RangeArg): number {
  return measured(meanScore(countsOf(range, weights).d))
}

export function SCORE10(range: RangeArg, weights?: RangeArg): number {
  return measured(score10(countsOf(range, weights).d))
}

/** Respondents with a valid score (weighted: Σw). */
export function RESPONDENTS(range: RangeArg, weights?: RangeArg): number {
  return base(countsOf(range, weights).d)
}

/** Shares of 1..5 in one row. */
export function DISTRIBUTION(range: RangeArg, weights?: RangeArg): number[][] {
  const p = shares(countsOf(range, weights).d)
  if (p === null) throw new Error('no scores 1..5 in the range')
  return [p]
}

/** Wilson 95 % interval of satisfaction on the (effective) base, in one row. */
export function SATISFACTION_CI(
  range: RangeArg,
  definition?: unknown,
  weights?: RangeArg,
): number[][] {
  const { d, sumW2 } = countsOf(range, weights)
  const p = measured(share(d, definitionOf(definition)))
  const interval = wilson(p, effectiveBase(base(d), sumW2) ?? 0)
  if (interval === null) throw new Error('no scores 1..5 in the range')
  return [interval]
}

/** Share answering yes among those who answered. */
function yesShare(range: RangeArg, what: string): number | null {
  const answers = parseCells(cellsOf(range, what), parseYesNo).filter((x) => x !== null)
  return answers.length === 0 ? null : answers.filter((x) => x === 1).length / answers.length
}

/** Mean of five shares: dissatisfied (1–2), distrust (1–2), complaints, payments, connections. */
export function SOCIAL_CONCERN(
  overall: RangeArg,
  trust: RangeArg,
  complaints: RangeArg,
  payments: RangeArg,
  connections: RangeArg,
): number {
  const score = (range: RangeArg, what: string) => {
    const cells = cellsOf(range, what)
    return dissatisfied(scoreCounts(cells, weightsFor(undefined, cells)).d)
  }
  const { index, missing } = socialConcern({
    dissatisfied: score(overall, 'overall'),
    distrust: score(trust, 'trust'),
    complaints: yesShare(complaints, 'complaints'),
    informalPayments: yesShare(payments, 'payments'),
    connections: yesShare(connections, 'connections'),
  })
  if (index === null) throw new Error(`no answers for: ${missing.join(', ')}`)
  return index
}

export interface DriverRow {
  aspect: string
  r: number | null
  n: number
}

/**
 * Each aspect column's correlation with the overall score, strongest first. The overall
 * column may be selected with or without its header.
 */
export function keyDrivers(aspectsWithHeader: RangeArg, overall: RangeArg): DriverRow[] {
  const grid = cellsOf(aspectsWithHeader, 'aspects_with_header')
  const responses = grid.rows - 1
  if (responses < 1) throw new Error('aspects_with_header needs a header row and responses below')
  const overallCells = cellsOf(overall, 'overall')
  const skip = overallCells.values.length === grid.rows ? 1 : 0
  if (overallCells.values.length - skip !== responses) {
    throw new Error(
      `overall must have one cell per response (${responses}), not ${overallCells.values.length}`,
    )
  }
  const y = parseCells(overallCells, parseScore, skip)
  const x = parseCells(grid, parseScore, grid.columns)
  const drivers: DriverRow[] = []
  for (let c = 0; c < grid.columns; c++) {
    const joint = new Array<number>(25).fill(0)
    for (let r = 0; r < responses; r++) {
      const aspect = x[r * grid.columns + c]
      const score = y[r]
      if (aspect !== null && score !== null) joint[(aspect - 1) * 5 + (score - 1)] += 1
    }
    const { r, n } = correlation(joint)
    drivers.push({ aspect: String(grid.values[c] ?? `column ${c + 1}`), r, n })
  }
  return drivers.sort((a, b) => (b.r ?? -2) - (a.r ?? -2))
}
