/**
 * @module The custom functions over score ranges: the engine's measures and statistics, run in
 * the sheet, on any scale (the last argument, "1..5" when left out).
 */
import {
  base,
  correlation,
  dissatisfied,
  meanScore,
  meanTInterval,
  parseYesNo,
  type Scale,
  satisfaction,
  score10,
  scoreParser,
  shares,
  socialConcern,
  topTwoBox,
  varianceOfMean,
  wilsonEffectiveBase,
  wilsonInterval,
} from '../../../engine/index'
import { type Counts, scoreCounts } from './counts'
import { cellsOf, parseCells, type RangeArg, weightsFor } from './ranges'
import { scaleArgument, scaleText } from './scale'

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

interface Measured extends Counts {
  scale: Scale
}

function countsOf(range: RangeArg, weights: RangeArg | undefined, scale: unknown): Measured {
  const on = scaleArgument(scale)
  const cells = cellsOf(range, 'the range')
  return { ...scoreCounts(cells, weightsFor(weights, cells), on), scale: on }
}

function measured<T>(value: T | null, scale: Scale): T {
  if (value === null) throw new Error(`no scores ${scaleText(scale)} in the range`)
  return value
}

/** Share who gave the top score ("top", the report's headline) or one of the top two ("top2"). */
export function SATISFACTION(
  range: RangeArg,
  definition?: unknown,
  weights?: RangeArg,
  scale?: unknown,
): number {
  const { d, scale: on } = countsOf(range, weights, scale)
  return measured(share(d, definitionOf(definition)), on)
}

export function TOP2BOX(range: RangeArg, weights?: RangeArg, scale?: unknown): number {
  const { d, scale: on } = countsOf(range, weights, scale)
  return measured(topTwoBox(d), on)
}

export function MEAN_SCORE(range: RangeArg, weights?: RangeArg, scale?: unknown): number {
  const { d, scale: on } = countsOf(range, weights, scale)
  return measured(meanScore(d, on), on)
}

/** 10 × mean / max (twice the mean on 1..5). */
export function SCORE10(range: RangeArg, weights?: RangeArg, scale?: unknown): number {
  const { d, scale: on } = countsOf(range, weights, scale)
  return measured(score10(d, on), on)
}

/** Respondents with a valid score (weighted: Σw). */
export function RESPONDENTS(range: RangeArg, weights?: RangeArg, scale?: unknown): number {
  return base(countsOf(range, weights, scale).d)
}

/** Shares of each point of the scale, in one row. */
export function DISTRIBUTION(range: RangeArg, weights?: RangeArg, scale?: unknown): number[][] {
  const { d, scale: on } = countsOf(range, weights, scale)
  return [measured(shares(d), on)]
}

/**
 * Wilson 95 % interval of satisfaction on the design effective base (the base of a simple
 * random sample with the same variance; m without weights), in one row: as the rating's.
 */
export function SATISFACTION_CI(
  range: RangeArg,
  definition?: unknown,
  weights?: RangeArg,
  scale?: unknown,
): number[][] {
  const { d, squares, m, scale: on } = countsOf(range, weights, scale)
  const chosen = definitionOf(definition)
  const top = chosen === 'top2' ? 2 : 1
  const p = measured(share(d, chosen), on)
  const sums: Parameters<typeof wilsonEffectiveBase>[0] = {
    sumW: base(d),
    sumW2: base(squares),
    yesSumW: base(d.slice(-top)),
    yesSumW2: base(squares.slice(-top)),
    m,
  }
  const interval = wilsonInterval(p, wilsonEffectiveBase(sums) ?? 0)
  return [measured(interval, on)]
}

/**
 * t-based 95 % interval of the mean, within the scale, in one row: mean ± t(m − 1) × √v with
 * the design-based variance v (Taylor linearisation; s²/m without weights), as the rating's.
 */
export function MEAN_CI(range: RangeArg, weights?: RangeArg, scale?: unknown): number[][] {
  const { d, squares, m, scale: on } = countsOf(range, weights, scale)
  const mean = measured(meanScore(d, on), on)
  const values = d.map((_, k) => on.min + k)
  const variance = varianceOfMean({ values, sumW: d, sumW2: squares, m })
  const interval = meanTInterval(mean, variance, m, on)
  if (interval === null) throw new Error(`a mean's interval needs 2 scores or more, not ${m}`)
  return [interval]
}

/** Share answering yes among those who answered. */
function yesShare(range: RangeArg, what: string): number | null {
  const answers = parseCells(cellsOf(range, what), parseYesNo).filter((x) => x !== null)
  return answers.length === 0 ? null : answers.filter((x) => x === 1).length / answers.length
}

/**
 * Mean of five shares: dissatisfied (the scale's two lowest points), distrust (the same on
 * trust), complaints, payments, connections.
 */
export function SOCIAL_CONCERN(
  overall: RangeArg,
  trust: RangeArg,
  complaints: RangeArg,
  payments: RangeArg,
  connections: RangeArg,
  scale?: unknown,
): number {
  const on = scaleArgument(scale)
  const score = (range: RangeArg, what: string) => {
    const cells = cellsOf(range, what)
    return dissatisfied(scoreCounts(cells, weightsFor(undefined, cells), on).d)
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
export function keyDrivers(
  aspectsWithHeader: RangeArg,
  overall: RangeArg,
  scale: Scale,
): DriverRow[] {
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
  const parse = scoreParser(scale)
  const y = parseCells(overallCells, parse, skip)
  const x = parseCells(grid, parse, grid.columns)
  const points = scale.max - scale.min + 1
  const drivers: DriverRow[] = []
  for (let c = 0; c < grid.columns; c++) {
    const joint = new Array<number>(points * points).fill(0)
    for (let r = 0; r < responses; r++) {
      const aspect = x[r * grid.columns + c]
      const score = y[r]
      if (aspect !== null && score !== null) {
        joint[(aspect - scale.min) * points + (score - scale.min)] += 1
      }
    }
    const { r, n } = correlation(joint, 0, points)
    drivers.push({ aspect: String(grid.values[c] ?? `column ${c + 1}`), r, n })
  }
  return drivers.sort((a, b) => (b.r ?? -2) - (a.r ?? -2))
}
