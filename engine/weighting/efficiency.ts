/** @module Kish's weighting efficiency and the design effect of unequal weights. */

/**
 * Kish's weighting efficiency of a set of weights: (Σw)² / (n·Σw²), the effective base
 * (Σw)² / Σw² as a share of the n respondents. It is 1 for equal weights and falls as the
 * weights spread; its reciprocal is the design effect of weighting, n·Σw² / (Σw)² = 1 + CV²,
 * where CV is the coefficient of variation of the weights (standard deviation with divisor n,
 * over the mean). Source: Kish, *Survey Sampling* (1965); Kish, "Weighting for unequal
 * Pi", *Journal of Official Statistics* 8 (1992) 183–200. Runs in O(k) for k distinct weights.
 *
 * @param weights - one weight per respondent, or per group of respondents when `counts` is given
 * @param counts - respondents holding each weight (1 each when omitted)
 * @returns the efficiency in (0, 1], or null with no respondents or no positive weight
 * @example
 * // Two respondents weighted 1 and three weighted 2: (2 + 6)² / (5 × (2 + 12)) = 64 / 70.
 * weightingEfficiency([1, 2], [2, 3]) // 0.9142857142857143
 * 1 / weightingEfficiency([1, 2], [2, 3]) // design effect 1.09375
 */
export function weightingEfficiency(
  weights: readonly number[],
  counts?: readonly number[],
): number | null {
  let n = 0
  let sum = 0
  let squares = 0
  for (let i = 0; i < weights.length; i++) {
    const k = counts ? counts[i] : 1
    n += k
    sum += k * weights[i]
    squares += k * weights[i] * weights[i]
  }
  return n > 0 && squares > 0 ? (sum * sum) / (n * squares) : null
}
