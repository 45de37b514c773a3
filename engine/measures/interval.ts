/** @module The Wilson 95 % confidence interval for satisfaction. */

/**
 * z for a two-sided 95 % interval, Φ⁻¹(0.975). simple-statistics' `probit` approximates it
 * as 1.957, which moves interval ends in the third decimal, so the exact value is written here.
 */
export const Z95 = 1.959963984540054

export type Interval = [low: number, high: number]

/**
 * Wilson score interval for a proportion p observed on an (effective) base n.
 * Stays inside [0, 1] and behaves at p = 0 or 1, unlike the normal interval.
 */
export function wilson(p: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null
  const z2 = z * z
  const centre = p + z2 / (2 * n)
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  const scale = 1 + z2 / n
  return [Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale)]
}
