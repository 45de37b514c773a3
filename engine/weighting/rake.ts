/** @module Raking: weights fitted to population margins by iterative proportional fitting. */
import { weightingEfficiency } from './efficiency'
import { RakeError } from './error'
import { rakeTable } from './table'
import type { RakeInput, RakeResult, RoleMargins } from './types'

/** Default largest |achieved − target| share accepted. */
export const RAKE_TOLERANCE = 1e-10
/** Default cap on full IPF sweeps. */
export const RAKE_MAX_ITERATIONS = 100

/**
 * Rakes a survey's weights to population margins by iterative proportional fitting (IPF):
 * each sweep takes the raking roles in turn and multiplies the weights of every category of
 * the role by target share ÷ achieved share, until the largest |achieved − target| share over
 * all roles and categories is within `tolerance` or `maxIterations` sweeps are done. The
 * factors multiply any base weight (a weight column). At convergence each factor is a product
 * of one factor per role and category: of all weights meeting the margins, those closest to
 * the base weights in Kullback–Leibler divergence (the raking ratio estimator).
 * Sources: Deming & Stephan, "On a least squares adjustment of a sampled frequency table
 * when the expected marginal totals are known", *Annals of Mathematical Statistics* 11 (1940)
 * 427–444; Lumley, *Complex Surveys* (2010) ch. 7, and R's `survey::rake`, which this matches.
 *
 * Trimming, when bounds are given, is applied and then honoured: after the margins converge,
 * weights are clamped to [min·mean, max·mean] of the current weights, the survey is raked
 * again, and this repeats until the margins are within tolerance and no weight is outside the
 * bounds (relative slack `tolerance`); `summary.trimmed` counts the respondents held at a
 * bound. Trimmed weights are no longer a product of per-category factors, and a weight clamped
 * in one pass may be raked back inside its bound in the next. R's `survey::trimWeights`
 * instead clamps once and spreads the excess evenly, leaving the margins off.
 *
 * Final weights are scaled so their mean over respondents equals the mean of the base weights:
 * weighted totals keep the scale of the base weights (the respondent count without a weight
 * column). The result does not depend on the order of the cells or how they were chunked:
 * cells are merged and sorted canonically before any sum. Runs in O(iterations × roles × cells).
 *
 * Not converging never throws: `summary.converged` is false, `maxError` says how far the
 * margins are, and `outside` how many respondents are outside the trimming bounds (margins
 * that no weighting can reach, e.g. a structural zero, end this way).
 *
 * @throws {RakeError} (a `SurveyError`, code `bad_input`), naming the role and categories, when
 * a role of the margins is not raked or a raked role has no margins; shares are negative or do
 * not sum to 1 ± 1e-6 (naming the role); a category of the margins has no respondents; a
 * category with respondents is not in the margins, or has share 0; respondents have no
 * category (-1) in a raking role — refused with their count in `count`, never dropped
 * silently, and the engine words the message for the user; or the options are out of range.
 * @example
 * // Two regions, 3 and 1 respondents; the population is half and half.
 * const { factors, summary } = rake({
 *   roles: ['region'],
 *   categories: [['North', 'South']],
 *   cells: [{ categories: [0], weight: 1, count: 3 }, { categories: [1], weight: 1, count: 1 }],
 *   margins: new Map([['region', new Map([['North', 0.5], ['South', 0.5]])]]),
 * })
 * factors // [2/3, 2]: 3 × 2/3 = 1 × 2, and the mean weight stays 1
 * summary.efficiency // (2 + 2)² / (4 × (3 × 4/9 + 4)) = 0.75; designEffect 4/3
 */
export function rake(input: RakeInput): RakeResult {
  const tolerance = input.tolerance ?? RAKE_TOLERANCE
  const maxIterations = input.maxIterations ?? RAKE_MAX_ITERATIONS
  const lo = input.trim?.min ?? 0
  const hi = input.trim?.max ?? Number.POSITIVE_INFINITY
  if (!(Number.isFinite(tolerance) && tolerance > 0)) {
    throw new RakeError('bad_input', `raking tolerance ${tolerance} must be a positive number`)
  }
  if (!(Number.isInteger(maxIterations) && maxIterations > 0)) {
    throw new RakeError(
      'bad_input',
      `raking maxIterations ${maxIterations} must be a positive integer`,
    )
  }
  // The mean lies between the smallest and the largest weight, so a lower bound above it or
  // an upper bound below it can never hold.
  if (!(lo >= 0 && lo <= 1)) {
    throw new RakeError(
      'bad_input',
      `trimming min ${lo} must be from 0 to 1 (times the mean weight)`,
    )
  }
  if (!(hi >= 1)) {
    throw new RakeError(
      'bad_input',
      `trimming max ${hi} must be at least 1 (times the mean weight)`,
    )
  }
  const trimming = lo > 0 || hi < Number.POSITIVE_INFINITY

  const table = rakeTable(input)
  const { roles, raked, targets, cats, weight, count, n } = table
  const size = weight.length
  const factor = new Float64Array(size).fill(1)
  const totals = roles.map((_, r) => new Float64Array(table.labels[r].length))

  // Weighted total of each category of role r, and the grand total, summed in canonical order.
  const tally = (r: number): number => {
    const t = totals[r]
    t.fill(0)
    for (let k = 0; k < size; k++) t[cats[r][k]] += count[k] * weight[k] * factor[k]
    let all = 0
    for (const c of raked[r]) all += t[c]
    return all
  }

  // One IPF sweep; false when a ratio is not a positive finite number (weights collapsed).
  const ratios = roles.map((_, r) => new Float64Array(table.labels[r].length))
  const sweep = (): boolean => {
    for (let r = 0; r < roles.length; r++) {
      const all = tally(r)
      for (const c of raked[r]) {
        const ratio = (targets[r][c] * all) / totals[r][c]
        if (!(ratio > 0 && ratio < Number.POSITIVE_INFINITY)) return false
        ratios[r][c] = ratio
      }
      for (let k = 0; k < size; k++) factor[k] *= ratios[r][cats[r][k]]
    }
    return true
  }

  const marginError = (): number => {
    let worst = 0
    for (let r = 0; r < roles.length; r++) {
      const all = tally(r)
      for (const c of raked[r])
        worst = Math.max(worst, Math.abs(totals[r][c] / all - targets[r][c]))
    }
    return worst
  }

  const meanWeight = (): number => {
    let all = 0
    for (let k = 0; k < size; k++) all += count[k] * weight[k] * factor[k]
    return all / n
  }

  // Respondents beyond the bounds; the slack keeps re-raking from chasing rounding.
  const outsideBounds = (): number => {
    const mean = meanWeight()
    let people = 0
    for (let k = 0; k < size; k++) {
      const w = weight[k] * factor[k]
      if (w > hi * mean * (1 + tolerance) || w < lo * mean * (1 - tolerance)) people += count[k]
    }
    return people
  }

  // Weights at a bound within the slack are set to it too, so the last pass counts every
  // respondent the final weights hold at a bound, not only those that drifted out again.
  const clamp = (): number => {
    const mean = meanWeight()
    let people = 0
    for (let k = 0; k < size; k++) {
      const w = weight[k] * factor[k]
      if (w >= hi * mean * (1 - tolerance)) factor[k] = (hi * mean) / weight[k]
      else if (w <= lo * mean * (1 + tolerance)) factor[k] = (lo * mean) / weight[k]
      else continue
      people += count[k]
    }
    return people
  }

  let iterations = 0
  let converged = false
  let trimPasses = 0
  let trimmed = 0
  while (iterations < maxIterations) {
    if (!sweep()) break
    iterations++
    if (!(marginError() <= tolerance)) continue
    if (!trimming || outsideBounds() === 0) {
      converged = true
      break
    }
    trimmed = clamp()
    trimPasses++
  }

  // Back to the base weights' scale: IPF to shares keeps the total, but trimming moves it.
  let baseTotal = 0
  for (let k = 0; k < size; k++) baseTotal += count[k] * weight[k]
  const scale = baseTotal / (meanWeight() * n)
  for (let k = 0; k < size; k++) factor[k] *= scale

  const finals = Array.from(weight, (w, k) => w * factor[k])
  const efficiency = weightingEfficiency(finals, Array.from(count)) as number
  const margins: RoleMargins[] = roles.map((role, r) => {
    const all = tally(r)
    const people = table.people[r]
    return {
      role,
      categories: raked[r].map((c) => ({
        category: table.labels[r][c],
        target: targets[r][c],
        achieved: totals[r][c] / all,
        unweighted: people[c] / n,
      })),
    }
  })

  return {
    factors: Array.from(table.cellOf, (k) => factor[k]),
    summary: {
      iterations,
      converged,
      maxError: marginError(),
      efficiency,
      designEffect: 1 / efficiency,
      minWeight: finals.reduce((a, b) => Math.min(a, b)),
      maxWeight: finals.reduce((a, b) => Math.max(a, b)),
      trimPasses,
      trimmed,
      outside: trimming ? outsideBounds() : 0,
      margins,
    },
  }
}
