/** @module Multiple-comparison corrections over a table's family of p-values. */

/** The corrections Sapa offers (DESIGN §6 `significance.correction`). */
export type Correction = 'fdr' | 'holm' | 'bonferroni' | 'none'

/**
 * Adjusted p-values of a family of tests, in input order. A null p (a test that could not be
 * made) stays null and is left out of the family, so it does not raise the others' adjustment.
 *
 * - `fdr`: Benjamini & Hochberg (1995, JRSS B 57: 289–300) step-up false-discovery rate:
 *   p̃₍ᵢ₎ = min over j ≥ i of min(1, n·p₍ⱼ₎/j), p sorted ascending (statsmodels `fdr_bh`,
 *   R `p.adjust(method = "BH")`).
 * - `holm`: Holm (1979, Scand. J. Statist. 6: 65–70) step-down familywise error:
 *   p̃₍ᵢ₎ = max over j ≤ i of min(1, (n − j + 1)·p₍ⱼ₎) (statsmodels `holm`).
 * - `bonferroni`: min(1, n·p).
 * - `none`: p as given.
 *
 * A test is significant at level α when its adjusted p ≤ α (statsmodels' `reject`).
 * Runs in O(n log n).
 *
 * @param pValues the family's p-values, null where not testable
 * @param correction default `fdr`
 * @throws {Error} when a p-value is outside [0, 1] or NaN
 * @returns adjusted p-values, input order, null where the input is null
 * @example
 * adjustPValues([0.6, 0.0001, null, 0.03]) // [0.6, 0.0003, null, 0.045]
 * adjustPValues([0.6, 0.0001, null, 0.03], 'holm') // [0.6, 0.0003, null, 0.06]
 */
export function adjustPValues(
  pValues: readonly (number | null)[],
  correction: Correction = 'fdr',
): (number | null)[] {
  const family = familyOf(pValues, 'adjustPValues')
  const adjusted: (number | null)[] = pValues.map(() => null)
  const n = family.length
  if (correction === 'none' || correction === 'bonferroni') {
    for (const i of family) {
      const p = pValues[i] as number
      adjusted[i] = correction === 'none' ? p : Math.min(1, n * p)
    }
    return adjusted
  }
  // Each test is given its rank's value by binary search. Tied p-values share one adjusted
  // value: the value at the tie's first rank (below, for Holm's running max, and for BH's
  // running min, whose terms n·p/j fall along the tie).
  const { sorted, atRank } = byRank(pValues, family, correction)
  for (const i of family) adjusted[i] = atRank[firstAtLeast(sorted, pValues[i] as number)]
  return adjusted
}

/**
 * The largest p-value of the family whose adjusted p (`adjustPValues`) is ≤ α; -1 when none
 * is. Every correction's adjusted p is non-decreasing in p (ties share one value), so a test is
 * significant exactly when its p ≤ this cutoff: a table decides its family in one pass over
 * the sorted p-values, without each test's adjusted value. Runs in O(n log n).
 *
 * @param pValues the family's p-values, null where not testable
 * @param correction default `fdr`
 * @param alpha significance level, default 0.05
 * @throws {Error} when a p-value is outside [0, 1] or NaN, or alpha is not between 0 and 1
 * @example
 * significanceCutoff([0.6, 0.0001, null, 0.03]) // 0.03 (adjusted 0.045 ≤ 0.05)
 * significanceCutoff([0.6, 0.0001, null, 0.03], 'holm') // 0.0001 (0.03 adjusts to 0.06)
 */
export function significanceCutoff(
  pValues: readonly (number | null)[],
  correction: Correction = 'fdr',
  alpha = 0.05,
): number {
  if (!(alpha > 0 && alpha < 1))
    throw new Error('significanceCutoff requires alpha between 0 and 1')
  const family = familyOf(pValues, 'significanceCutoff')
  const { sorted, atRank } = byRank(pValues, family, correction)
  let cutoff = -1
  let value = 0
  for (let r = 0; r < sorted.length; r++) {
    if (r === 0 || sorted[r] !== sorted[r - 1]) value = atRank[r] // a tie's first rank
    if (value <= alpha) cutoff = sorted[r]
  }
  return cutoff
}

/** The positions of the non-null p-values, each checked to be a probability. */
function familyOf(pValues: readonly (number | null)[], caller: string): number[] {
  const family: number[] = []
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]
    if (p === null) continue
    if (!(p >= 0 && p <= 1))
      throw new Error(`${caller} requires p-values between 0 and 1 (or null)`)
    family.push(i)
  }
  return family
}

/**
 * The family's p-values sorted as numbers (a typed array's sort takes no callback: several
 * times faster than sorting indices by p), and each rank's adjusted value. Both are views on
 * one scratch array, valid until the next call.
 */
function byRank(
  pValues: readonly (number | null)[],
  family: readonly number[],
  correction: Correction,
): { sorted: Float64Array; atRank: Float64Array } {
  const n = family.length
  if (scratch.length < 2 * n) scratch = new Float64Array(2 * n)
  const sorted = scratch.subarray(0, n)
  for (let r = 0; r < n; r++) sorted[r] = pValues[family[r]] as number
  sorted.sort()
  const atRank = scratch.subarray(n, 2 * n)
  if (correction === 'fdr') {
    let running = 1
    for (let rank = n; rank >= 1; rank--) {
      running = Math.min(running, (sorted[rank - 1] * n) / rank)
      atRank[rank - 1] = running
    }
  } else if (correction === 'holm') {
    let running = 0
    for (let rank = 1; rank <= n; rank++) {
      running = Math.max(running, Math.min(1, sorted[rank - 1] * (n - rank + 1)))
      atRank[rank - 1] = running
    }
  } else if (correction === 'bonferroni') {
    for (let r = 0; r < n; r++) atRank[r] = Math.min(1, n * sorted[r])
  } else if (correction === 'none') {
    atRank.set(sorted)
  } else {
    throw new Error(`unknown correction "${String(correction)}"`)
  }
  return { sorted, atRank }
}

/**
 * The sorted p-values and each rank's adjusted value, reused from call to call: a typed array of
 * its own per family costs more to make and collect than the family's sort.
 */
let scratch = new Float64Array(0)

/** The first position of `sorted` (ascending) holding a value ≥ x. */
function firstAtLeast(sorted: Float64Array, x: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (sorted[mid] < x) low = mid + 1
    else high = mid
  }
  return low
}
