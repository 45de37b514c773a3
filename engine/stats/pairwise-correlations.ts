/** @module Pearson correlation matrix from pairwise joint counts (pairwise deletion). */

/**
 * Position of the pair (a, b), a < b, among the V(V − 1)/2 pairs of V variables, row-major over
 * the upper triangle: (0,1), (0,2), …, (0,V−1), (1,2), … Its block of K × K joint counts starts
 * at `pairIndex(a, b, V) · K · K`. Runs in O(1).
 *
 * @throws {Error} when not 0 ≤ a < b < V with whole numbers
 * @example
 * pairIndex(0, 1, 4) // 0
 * pairIndex(1, 2, 4) // 3
 * pairIndex(2, 3, 4) // 5, the last of 6 pairs
 */
export function pairIndex(a: number, b: number, variables: number): number {
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a < b && b < variables)) {
    throw new Error('pairIndex requires whole numbers 0 ≤ a < b < variables')
  }
  // Pairs before row a: (V − 1) + (V − 2) + … + (V − a) = a·V − a(a + 1)/2.
  return a * variables - (a * (a + 1)) / 2 + (b - a - 1)
}

/**
 * Number of pairs of V variables, V(V − 1)/2: the joint counts hold that many K × K blocks.
 *
 * @example
 * pairCount(9) // 36
 */
export function pairCount(variables: number): number {
  return (variables * (variables - 1)) / 2
}

/** Correlations and pair bases of V variables; symmetric, V × V. */
export interface CorrelationMatrix {
  /**
   * Pearson r over respondents who answered both; 1 on the diagonal. Null when nobody answered
   * both, or one of the two is constant among those who did.
   */
  r: (number | null)[][]
  /** Σw of respondents who answered both; null on the diagonal (not in pairwise data). */
  n: (number | null)[][]
}

/**
 * Weighted Pearson correlation of every pair of V variables on one scale, each over the
 * respondents who answered both (pairwise deletion; Little & Rubin 2019, *Statistical Analysis
 * with Missing Data*, 3rd ed., §3.4, available-case analysis), from their joint counts:
 *
 *   r_ab = Σw(x − x̄)(y − ȳ) / √(Σw(x − x̄)² · Σw(y − ȳ)²),  means over the pair's respondents
 *
 * (Pearson 1896; with frequency weights as R's `cov.wt(cor = TRUE)`). Centred sums, so
 * no precision is lost to Σx² − (Σx)²/n. Runs in O(V² · K²).
 *
 * A variable's own mean or base cannot be recovered from these blocks: a respondent who
 * answered it alone is in no block, and one who answered it with two others is in two. The
 * caller keeps each variable's own sums.
 *
 * @param joint V(V − 1)/2 blocks of K × K: block {@link pairIndex}(a, b, V), cell x·K + y holds
 *   Σw of respondents with a at point x and b at point y
 * @param values the score of each point, K of them (e.g. `[1, 2, 3, 4, 5]`)
 * @param variables V
 * @throws {Error} when there is no point, or joint does not hold V(V − 1)/2 blocks of K × K
 * @returns r and n, V × V
 * @example
 * // Two yes/no variables (values 0, 1) with the 2 × 2 table [[a, b], [c, d]] = [[3, 1], [1, 3]]:
 * pairwiseCorrelations([3, 1, 1, 3], [0, 1], 2).r[0][1]
 * // 0.5 = (ad − bc)/√((a+b)(c+d)(a+c)(b+d)) = 8/16, the phi coefficient
 */
export function pairwiseCorrelations(
  joint: ArrayLike<number>,
  values: readonly number[],
  variables: number,
): CorrelationMatrix {
  const k = values.length
  if (k === 0) throw new Error('pairwiseCorrelations requires at least one scale point')
  if (!(Number.isInteger(variables) && variables >= 0)) {
    throw new Error('pairwiseCorrelations requires a whole number of variables')
  }
  if (joint.length !== pairCount(variables) * k * k) {
    throw new Error('pairwiseCorrelations requires V(V − 1)/2 blocks of K × K joint counts')
  }
  const r: (number | null)[][] = []
  const n: (number | null)[][] = []
  for (let a = 0; a < variables; a++) {
    r.push(new Array<number | null>(variables).fill(null))
    n.push(new Array<number | null>(variables).fill(null))
    r[a][a] = 1
  }
  const rowW = new Float64Array(k)
  const colW = new Float64Array(k)
  for (let a = 0; a < variables; a++) {
    for (let b = a + 1; b < variables; b++) {
      const offset = pairIndex(a, b, variables) * k * k
      const pair = blockCorrelation(joint, offset, values, rowW, colW)
      n[a][b] = n[b][a] = pair.n
      r[a][b] = r[b][a] = pair.r
    }
  }
  return { r, n }
}

function blockCorrelation(
  joint: ArrayLike<number>,
  offset: number,
  values: readonly number[],
  rowW: Float64Array,
  colW: Float64Array,
): { r: number | null; n: number } {
  const k = values.length
  rowW.fill(0)
  colW.fill(0)
  let total = 0
  for (let x = 0; x < k; x++) {
    for (let y = 0; y < k; y++) {
      const w = joint[offset + x * k + y]
      rowW[x] += w
      colW[y] += w
    }
  }
  let rows = 0
  let cols = 0
  let sx = 0
  let sy = 0
  for (let i = 0; i < k; i++) {
    total += rowW[i]
    sx += rowW[i] * values[i]
    sy += colW[i] * values[i]
    if (rowW[i] > 0) rows++
    if (colW[i] > 0) cols++
  }
  // Counting occupied points, not testing Σw(x − x̄)² = 0: a constant column's mean can miss its
  // value by an ulp, leaving a tiny spread that would give a meaningless r.
  if (!(total > 0) || rows < 2 || cols < 2) return { r: null, n: total }
  const mx = sx / total
  const my = sy / total
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let x = 0; x < k; x++) {
    const dx = values[x] - mx
    sxx += rowW[x] * dx * dx
    const dy = values[x] - my
    syy += colW[x] * dy * dy
    for (let y = 0; y < k; y++) sxy += joint[offset + x * k + y] * dx * (values[y] - my)
  }
  const r = sxy / Math.sqrt(sxx * syy)
  return { r: Math.max(-1, Math.min(1, r)), n: total }
}
