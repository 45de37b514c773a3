/** @module Tests of a group against the rest (independent samples): two proportions, Welch t. */
import { normalQuantile, normalTwoSidedP } from './normal'
import { studentTTwoSidedP } from './student-t'

/** Why a test has no answer: an input estimate or variance is missing, m < 2, or v₁ + v₂ = 0. */
export type NotTestable = 'no estimate' | 'too few respondents' | 'no variance'

/** A proportion with the variance of its estimate (design-based, or p(1 − p)/n). */
export interface ProportionEstimate {
  p: number | null
  variance: number | null
}

/** A mean with the variance of its estimate (design-based, or s²/m) and its respondents m. */
export interface MeanEstimate {
  mean: number | null
  variance: number | null
  m: number
}

export type ZTest = { z: number; p: number } | { z: null; p: null; reason: NotTestable }

export type WelchTest =
  | { t: number; df: number; p: number }
  | { t: null; df: null; p: null; reason: NotTestable }

function checkVariance(v: number | null, name: string): void {
  if (v !== null && !(v >= 0)) throw new Error(`${name} requires variances ≥ 0`)
}

/**
 * Whether a statistic is too small for any two-sided test at level `alpha` to reject: |s| below
 * 0.99 of the normal critical value z₁₋α/₂ (Student's t needs more at every df, its tails
 * being heavier), so p > alpha with room to spare for rounding.
 */
function belowCritical(statistic: number, alpha: number | undefined): boolean {
  if (alpha === undefined) return false
  if (alpha !== critical.alpha) critical = { alpha, z: normalQuantile(1 - alpha / 2) }
  return Math.abs(statistic) < 0.99 * critical.z
}
let critical = { alpha: Number.NaN, z: 0 }

/**
 * Two-proportion z test for independent samples, unpooled (Wald):
 * z = (p₁ − p₂) / √(v₁ + v₂), two-sided p = 2·Φ(−|z|) (Agresti 2013, *Categorical Data
 * Analysis*, §1.4 and §3.1.2). With v = p(1 − p)/n it is statsmodels'
 * `test_proportions_2indep(method='wald')`; with design-based variances it is the survey Wald
 * test of the difference. Runs in O(1).
 *
 * @param a the group's proportion and its variance
 * @param b the other sample's (e.g. the rest of the table)
 * @param alpha when given, p is computed only where it can be ≤ alpha, and is 1 elsewhere: a
 *   corrected family needs no more (`significanceCutoff`), and the special function is the
 *   test's cost
 * @throws {Error} when a variance is negative or NaN
 * @returns z and p, or `{ z: null, p: null, reason }` when an input is null or v₁ + v₂ = 0
 * @example
 * // 65 of 100 against 120 of 250:
 * twoProportionZTest({ p: 0.65, variance: 0.65 * 0.35 / 100 }, { p: 0.48, variance: 0.48 * 0.52 / 250 })
 * // { z: 2.97131969987142…, p: 0.00296522927568… }
 */
export function twoProportionZTest(
  a: ProportionEstimate,
  b: ProportionEstimate,
  alpha?: number,
): ZTest {
  checkVariance(a.variance, 'twoProportionZTest')
  checkVariance(b.variance, 'twoProportionZTest')
  if (a.p === null || b.p === null || a.variance === null || b.variance === null) {
    return { z: null, p: null, reason: 'no estimate' }
  }
  const variance = a.variance + b.variance
  if (variance === 0) return { z: null, p: null, reason: 'no variance' }
  const z = (a.p - b.p) / Math.sqrt(variance)
  return { z, p: belowCritical(z, alpha) ? 1 : normalTwoSidedP(z) }
}

/**
 * Welch's t test for two means with unequal variances (Welch 1947, Biometrika 34: 28–35),
 * degrees of freedom by Satterthwaite (1946, Biometrics Bulletin 2: 110–114):
 *
 *   t = (ȳ₁ − ȳ₂) / √(v₁ + v₂),  df = (v₁ + v₂)² / (v₁²/(m₁ − 1) + v₂²/(m₂ − 1)),
 *
 * two-sided p = 2·P(T_df ≤ −|t|). With v = s²/m it is scipy's `ttest_ind(equal_var=False)` and
 * R's `t.test`; with design-based variances, the same approximation on the survey estimates.
 * Runs in O(1).
 *
 * @param a the group's mean, the variance of that mean and its respondents
 * @param b the other sample's (e.g. the rest of the table)
 * @param alpha when given, p is computed only where it can be ≤ alpha, and is 1 elsewhere (as
 *   in `twoProportionZTest`)
 * @throws {Error} when a variance is negative or NaN
 * @returns t, df and p, or `{ t: null, df: null, p: null, reason }` when an input is null,
 *   m < 2 on either side, or both variances are 0
 * @example
 * welchTTest({ mean: 3.625, variance: 0.28348214285714285, m: 8 },
 *            { mean: 32 / 11, variance: 0.11735537190082644, m: 11 })
 * // { t: 1.13076848733194…, df: 12.4962328604271…, p: 0.279388354904103… }
 */
export function welchTTest(a: MeanEstimate, b: MeanEstimate, alpha?: number): WelchTest {
  checkVariance(a.variance, 'welchTTest')
  checkVariance(b.variance, 'welchTTest')
  if (a.mean === null || b.mean === null || a.variance === null || b.variance === null) {
    return { t: null, df: null, p: null, reason: 'no estimate' }
  }
  if (!(a.m >= 2 && b.m >= 2)) return { t: null, df: null, p: null, reason: 'too few respondents' }
  const variance = a.variance + b.variance
  if (variance === 0) return { t: null, df: null, p: null, reason: 'no variance' }
  const t = (a.mean - b.mean) / Math.sqrt(variance)
  // Shares of the total variance: v² would underflow for tiny variances, the shares do not.
  const sa = a.variance / variance
  const sb = b.variance / variance
  const df = 1 / ((sa * sa) / (a.m - 1) + (sb * sb) / (b.m - 1))
  return { t, df, p: belowCritical(t, alpha) ? 1 : studentTTwoSidedP(t, df) }
}
