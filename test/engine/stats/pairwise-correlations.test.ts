import { describe, expect, it } from 'vitest'
import { pairCount, pairIndex, pairwiseCorrelations, relativeWeights } from '../../../engine/stats'

// Twelve respondents, four variables on 1..5 (null = not answered), with weights. x3 is 3
// for everyone who answered it.
const rows: { x: (number | null)[]; w: number }[] = [
  { x: [5, 4, 5, 3], w: 1 },
  { x: [4, 4, null, 3], w: 2 },
  { x: [null, 3, 4, null], w: 0.5 },
  { x: [3, null, 4, 3], w: 1 },
  { x: [5, 5, 5, 3], w: 1.5 },
  { x: [2, 2, 1, 3], w: 1 },
  { x: [1, 2, 2, null], w: 1 },
  { x: [4, 5, 4, 3], w: 0.8 },
  { x: [5, 4, 5, 3], w: 1.2 },
  { x: [null, 3, 5, 3], w: 1 },
  { x: [3, null, 3, 3], w: 0.7 },
  { x: [4, 4, null, 3], w: 1.3 },
]
const values = [1, 2, 3, 4, 5]
const V = 4
const K = 5

/** The caller's side of the layout: every pair's joint counts from the rows. */
function jointCounts(weighted: boolean): Float64Array {
  const joint = new Float64Array(pairCount(V) * K * K)
  for (const { x, w } of rows) {
    for (let a = 0; a < V; a++) {
      for (let b = a + 1; b < V; b++) {
        const xa = x[a]
        const xb = x[b]
        if (xa === null || xb === null) continue
        joint[pairIndex(a, b, V) * K * K + (xa - 1) * K + (xb - 1)] += weighted ? w : 1
      }
    }
  }
  return joint
}

describe('pairIndex and pairCount', () => {
  it('number the upper triangle row-major (by hand)', () => {
    const seen: number[] = []
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) seen.push(pairIndex(a, b, 4))
    expect(seen).toEqual([0, 1, 2, 3, 4, 5])
    expect(pairCount(4)).toBe(6)
    expect(pairIndex(7, 8, 9)).toBe(35)
    expect(pairCount(9)).toBe(36)
  })

  it('refuses a ≥ b, out-of-range or fractional indices', () => {
    for (const [a, b] of [
      [1, 1],
      [2, 1],
      [-1, 2],
      [0, 4],
      [0.5, 2],
    ]) {
      expect(() => pairIndex(a, b, 4)).toThrow(
        'pairIndex requires whole numbers 0 ≤ a < b < variables',
      )
    }
  })
})

describe('pairwiseCorrelations', () => {
  it("matches R cov.wt(cor = TRUE) over each pair's complete cases, weighted", () => {
    // R 4.2.2, d = the rows above (NA = null), w = their weights:
    //   for (a in 1:3) for (b in (a + 1):4) {
    //     ok <- complete.cases(d[, c(a, b)])
    //     r <- if (length(unique(d[ok, a])) < 2 || length(unique(d[ok, b])) < 2) NA else
    //       cov.wt(d[ok, c(a, b)], wt = w[ok], cor = TRUE)$cor[1, 2]
    //     cat(a - 1, b - 1, sprintf("%.17g", sum(w[ok])), sprintf("%.17g", r), "\n") }
    const { r, n } = pairwiseCorrelations(jointCounts(true), values, V)
    const expected: [number, number, number, number | null][] = [
      [0, 1, 9.8000000000000007, 0.87676233272981952],
      [0, 2, 8.1999999999999993, 0.91594210068708004],
      [0, 3, 10.5, null],
      [1, 2, 8, 0.76092335065995687],
      [1, 3, 9.8000000000000007, null],
      [2, 3, 8.1999999999999993, null],
    ]
    for (const [a, b, base, corr] of expected) {
      expect(Math.abs((n[a][b] as number) - base)).toBeLessThanOrEqual(1e-14)
      expect(n[b][a]).toBe(n[a][b])
      if (corr === null) expect(r[a][b]).toBe(null)
      else expect(Math.abs((r[a][b] as number) - corr)).toBeLessThanOrEqual(1e-14)
      expect(r[b][a]).toBe(r[a][b])
    }
    expect([r[0][0], r[1][1], r[2][2], r[3][3]]).toEqual([1, 1, 1, 1])
    expect([n[0][0], n[3][3]]).toEqual([null, null])
  })

  it("matches R cor(use = 'pairwise.complete.obs') without weights", () => {
    // R 4.2.2: cor(d[, 1:3], use = "pairwise.complete.obs")[upper.tri(diag(3))]
    //   → r01, r02, r12 = 0.86528992560184559 0.90981091745032994 0.73131034097352599
    const { r } = pairwiseCorrelations(jointCounts(false), values, V)
    expect(Math.abs((r[0][1] as number) - 0.86528992560184559)).toBeLessThanOrEqual(1e-14)
    expect(Math.abs((r[0][2] as number) - 0.90981091745032994)).toBeLessThanOrEqual(1e-14)
    expect(Math.abs((r[1][2] as number) - 0.73131034097352599)).toBeLessThanOrEqual(1e-14)
  })

  it('gives the phi coefficient on a yes/no pair (by hand)', () => {
    // [[a, b], [c, d]] = [[3, 1], [1, 3]]: (ad − bc)/√((a+b)(c+d)(a+c)(b+d)) = 8/16
    expect(pairwiseCorrelations([3, 1, 1, 3], [0, 1], 2).r[0][1]).toBe(0.5)
    // [[0, 2], [2, 0]]: perfectly opposite
    expect(pairwiseCorrelations([0, 2, 2, 0], [0, 1], 2).r[0][1]).toBe(-1)
  })

  it('is null where nobody answered both, or a column is constant however weighted', () => {
    const empty = pairwiseCorrelations(new Float64Array(4), [0, 1], 2)
    expect(empty.r[0][1]).toBe(null)
    expect(empty.n[0][1]).toBe(0)
    // One column constant at 1, weights 0.1 + 0.2 (not 0.3 in floating point) and 0.7.
    expect(pairwiseCorrelations([0, 0.1 + 0.2, 0, 0.7], [0, 1], 2).r[0][1]).toBe(null)
  })

  it('feeds relativeWeights: the constant x3 is left out of the drivers of x2', () => {
    const { r } = pairwiseCorrelations(jointCounts(true), values, V)
    const predictors = [0, 1, 3]
    const rxx = predictors.map((i) => predictors.map((j) => r[i][j]))
    const rxy = predictors.map((i) => r[i][2])
    const result = relativeWeights(rxx, rxy)
    expect(result.weights[2]).toBe(null)
    expect(result.weights[0]).not.toBe(null)
    expect(result.weights[1]).not.toBe(null)
  })

  it('handles one and no variables', () => {
    expect(pairwiseCorrelations([], values, 1)).toEqual({ r: [[1]], n: [[null]] })
    expect(pairwiseCorrelations([], values, 0)).toEqual({ r: [], n: [] })
  })

  it('refuses no points or a wrong layout with fixed messages', () => {
    expect(() => pairwiseCorrelations([], [], 2)).toThrow(
      'pairwiseCorrelations requires at least one scale point',
    )
    expect(() => pairwiseCorrelations(new Float64Array(24), values, 2)).toThrow(
      'pairwiseCorrelations requires V(V − 1)/2 blocks of K × K joint counts',
    )
    expect(() => pairwiseCorrelations([], values, -1)).toThrow(
      'pairwiseCorrelations requires a whole number of variables',
    )
  })
})
