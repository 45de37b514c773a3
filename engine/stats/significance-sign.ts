/** @module A test's answer as the report shows it: −1 below, 0 not different, +1 above. */

export type Sign = -1 | 0 | 1

/**
 * Direction of a significant difference: the sign of the difference (group − rest) when its
 * adjusted p ≤ α, else 0 (the decision rule of Neyman–Pearson testing; ≤ as statsmodels'
 * `multipletests` rejects). A null p or difference (not testable) is 0. Runs in O(1).
 *
 * @param difference the group's estimate minus the comparison's
 * @param adjustedP the p-value after the table's correction ({@link adjustPValues})
 * @param alpha significance level, default 0.05
 * @throws {Error} when alpha is not between 0 and 1
 * @example
 * significanceSign(-0.12, 0.003) // -1
 * significanceSign(0.04, 0.2) // 0
 * significanceSign(0.04, null) // 0
 */
export function significanceSign(
  difference: number | null,
  adjustedP: number | null,
  alpha = 0.05,
): Sign {
  if (!(alpha > 0 && alpha < 1)) throw new Error('significanceSign requires alpha between 0 and 1')
  if (adjustedP === null || !(adjustedP <= alpha)) return 0
  return direction(difference)
}

/** The sign of a significant difference: 0 when it is null, zero or NaN. */
export function direction(difference: number | null): Sign {
  if (difference === null) return 0
  return difference > 0 ? 1 : difference < 0 ? -1 : 0
}
