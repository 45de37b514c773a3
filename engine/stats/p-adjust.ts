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
  const family: number[] = []
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]
    if (p === null) continue
    if (!(p >= 0 && p <= 1)) {
      throw new Error('adjustPValues requires p-values between 0 and 1 (or null)')
    }
    family.push(i)
  }
  const adjusted: (number | null)[] = pValues.map(() => null)
  const n = family.length
  if (correction === 'none' || correction === 'bonferroni') {
    for (const i of family) {
      const p = pValues[i] as number
      adjusted[i] = correction === 'none' ? p : Math.min(1, n * p)
    }
    return adjusted
  }
  // The p-values sorted as numbers (a typed array's sort takes no callback: several times
  // faster than sorting indices by p), each rank's adjusted value computed once, and each test
  // given its value by binary search. Tied p-values share one adjusted value either way: the
  // value at the tie's first rank (below, for Holm's running max, and for BH's running min,
  // whose terms n·p/j fall along the tie).
  const sorted = new Float64Array(n)
  for (let r = 0; r < n; r++) sorted[r] = pValues[family[r]] as number
  sorted.sort()
  const atRank = new Float64Array(n)
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
  } else {
    throw new Error(`adjustPValues: unknown correction "${String(correction)}"`)
  }
  for (const i of family) adjusted[i] = atRank[firstAtLeast(sorted, pValues[i] as number)]
  return adjusted
}

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
