/** @module 95 % (or other) confidence intervals: Wilson for a proportion, t for a mean. */
import { normalQuantile, Z95 } from './normal'
import { studentTQuantile } from './student-t'

export type Interval = [low: number, high: number]

/** The ends of a scale, e.g. `{ min: 1, max: 5 }`. */
export interface ScaleRange {
  min: number
  max: number
}

function checkLevel(level: number, name: string): void {
  if (!(level > 0 && level < 1)) throw new Error(`${name} requires a level between 0 and 1`)
}

/**
 * Wilson score interval for a proportion p observed on a base n (Wilson 1927, "Probable
 * inference, the law of succession, and statistical inference", JASA 22: 209–212):
 *
 *   (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n),  z = Φ⁻¹((1 + level)/2).
 *
 * With weights pass the design effective base ({@link wilsonEffectiveBase}); n need not be an
 * integer. Stays inside [0, 1] and behaves at p = 0 or 1, unlike the Wald interval. Runs in O(1).
 *
 * @param p the proportion, in [0, 1]
 * @param n the (effective) base
 * @param level confidence level; 0.95 uses {@link Z95} exactly
 * @throws {Error} when p is outside [0, 1] or NaN, or level is not between 0 and 1
 * @returns [low, high], or null when n is not above 0
 * @example
 * wilsonInterval(0.65, 100) // [0.55254443296888, 0.73635751756902]
 */
export function wilsonInterval(p: number, n: number, level = 0.95): Interval | null {
  if (!(p >= 0 && p <= 1)) throw new Error('wilsonInterval requires p between 0 and 1')
  checkLevel(level, 'wilsonInterval')
  if (!(n > 0)) return null
  const z = level === 0.95 ? Z95 : normalQuantile((1 + level) / 2)
  const z2 = z * z
  const centre = p + z2 / (2 * n)
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  const scale = 1 + z2 / n
  // At p = 0 or 1 the near end is 0 or 1 in exact arithmetic: say so rather than round near it.
  const low = p === 0 ? 0 : Math.max(0, (centre - spread) / scale)
  const high = p === 1 ? 1 : Math.min(1, (centre + spread) / scale)
  return [low, high]
}

/**
 * t-based confidence interval for a mean: mean ± t_{m−1, (1+level)/2} · √v, clamped to the
 * scale (Student 1908; with a design-based v and df = m − 1 as R's `survey` does for a
 * one-stage design, Lumley 2010, *Complex Surveys*, §2.3.1). Runs in O(1).
 *
 * @param mean the (weighted) mean score
 * @param variance the variance of that mean ({@link varianceOfMean}); null passes through
 * @param m unweighted number of respondents (df = m − 1)
 * @param scale the scale's ends: the interval is clamped to them
 * @param level confidence level, default 0.95
 * @throws {Error} when the mean is not finite, level is not between 0 and 1, or
 *   scale.min > scale.max
 * @returns [low, high], or null when m < 2 or the variance is null, negative or NaN
 * @example
 * // Report service 1 (counts 0, 3, 5, 27, 65; mean 4.54, v = s²/m = 0.00533737373…):
 * meanTInterval(4.54, 0.005337373737373737, 100, { min: 1, max: 5 })
 * // [4.39503840370104, 4.68496159629896]
 */
export function meanTInterval(
  mean: number,
  variance: number | null,
  m: number,
  scale: ScaleRange,
  level = 0.95,
): Interval | null {
  checkLevel(level, 'meanTInterval')
  if (!Number.isFinite(mean)) throw new Error('meanTInterval requires a finite mean')
  if (!(scale.min <= scale.max)) throw new Error('meanTInterval requires scale.min ≤ scale.max')
  if (variance === null || !(variance >= 0) || !(m >= 2)) return null
  const half = studentTQuantile((1 + level) / 2, m - 1) * Math.sqrt(variance)
  return [Math.max(scale.min, mean - half), Math.min(scale.max, mean + half)]
}
