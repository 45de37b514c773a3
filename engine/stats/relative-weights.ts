/** @module Johnson's relative weights: each predictor's share of R² (key-driver importance). */
import { symmetricEigen } from './symmetric-eigen'

/** Johnson's relative weights of a model; null marks a predictor left out of it. */
export interface RelativeWeights {
  /** R² of the criterion on the predictors kept: rxyᵀ·Rxx⁺·rxy = Σ weights. Null: none kept. */
  rSquared: number | null
  /** Raw relative weights ε_j, summing to R²; null for a predictor left out. */
  weights: (number | null)[]
  /** ε_j / R², summing to 1; null for a predictor left out, or all null when R² = 0. */
  shares: (number | null)[]
  /** Negative eigenvalues of Rxx set to 0 (an indefinite pairwise matrix); 0 normally. */
  clampedEigenvalues: number
}

/** Eigenvalues at or below this share of the largest count as 0 (collinear predictors). */
const RELATIVE_ZERO = 1e-12
/** Rxx must be symmetric to this much (pairwise sums can differ in the last bits). */
const SYMMETRY_TOLERANCE = 1e-12

/**
 * Johnson's relative weights (Johnson 2000, "A heuristic method for estimating the relative
 * weight of predictor variables in multiple regression", Multivariate Behavioral Research
 * 35(1): 1–19). With Rxx = V·Λ·Vᵀ, the orthogonal predictors Z closest to X have loadings
 * Λ* = Rxx^{1/2} = V·Λ^{1/2}·Vᵀ and regression weights β = Rxx^{−1/2}·rxy; then
 *
 *   ε_j = Σ_k (Λ*_{jk})²·β_k²,   Σ_j ε_j = Σ_k β_k² = R² = rxyᵀ·Rxx⁻¹·rxy.
 *
 * Departures from the textbook case, all said in the result:
 * - A predictor whose correlations are null (it has no variance among those who answered, or
 *   nobody answered it with the criterion or with another predictor) is left out: its weight
 *   and share are null and the model is fitted on the rest. Predictors with the most nulls go
 *   first, so one constant predictor does not take its partners with it.
 * - Collinear predictors (singular Rxx): eigenvalues ≤ 1e-12·λ_max count as 0 and Rxx^{−1/2}
 *   is the pseudo-inverse; identical predictors share their weight equally.
 * - Indefinite Rxx (pairwise deletion can give one): negative eigenvalues are set to 0 and the
 *   matrix is rescaled to unit diagonal (the eigenvalue method of Rousseeuw & Molenberghs 1993,
 *   Comm. Statist. Theory Methods 22: 965–984) before the weights are computed (R² is then
 *   that of the repaired matrix);
 *   `clampedEigenvalues` says how many.
 *
 * Runs in O(p³) for p predictors (Jacobi eigendecomposition).
 *
 * @param rxx the predictors' correlation matrix, p × p, symmetric, null where unknown
 * @param rxy each predictor's correlation with the criterion, null where unknown
 * @throws {Error} when there is no predictor, or rxx is not p × p and symmetric
 * @example
 * // Two uncorrelated predictors: each weight is its r² (by hand).
 * relativeWeights([[1, 0], [0, 1]], [0.6, 0.3])
 * // { rSquared: 0.45 (to 1e-16), weights: [0.36, 0.09], shares: [0.8, 0.2], clampedEigenvalues: 0 }
 */
export function relativeWeights(
  rxx: readonly (readonly (number | null)[])[],
  rxy: readonly (number | null)[],
): RelativeWeights {
  const p = rxy.length
  if (p === 0) throw new Error('relativeWeights requires at least one predictor')
  if (rxx.length !== p || rxx.some((row) => row.length !== p)) {
    throw new Error('relativeWeights requires rxx to be p × p for p = rxy.length')
  }
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const a = rxx[i][j]
      const b = rxx[j][i]
      if (
        (a === null) !== (b === null) ||
        (a !== null && !(Math.abs(a - (b as number)) <= SYMMETRY_TOLERANCE))
      ) {
        throw new Error('relativeWeights requires a symmetric rxx')
      }
    }
  }
  const kept = keptPredictors(rxx, rxy)
  const weights: (number | null)[] = rxy.map(() => null)
  const shares: (number | null)[] = rxy.map(() => null)
  if (kept.length === 0) return { rSquared: null, weights, shares, clampedEigenvalues: 0 }

  // Averaging the two halves makes the submatrix exactly symmetric for the eigen routine.
  let r = kept.map((i) => kept.map((j) => ((rxx[i][j] as number) + (rxx[j][i] as number)) / 2))
  const y = kept.map((i) => rxy[i] as number)
  let eigen = symmetricEigen(r)
  const cut = RELATIVE_ZERO * Math.max(0, eigen.values[0])
  const clampedEigenvalues = eigen.values.filter((lambda) => lambda < -cut).length
  if (clampedEigenvalues > 0) {
    r = unitDiagonal(reconstruct(eigen, (lambda) => Math.max(0, lambda)))
    eigen = symmetricEigen(r)
  }
  const zero = RELATIVE_ZERO * Math.max(0, eigen.values[0])
  const half = reconstruct(eigen, (lambda) => (lambda > zero ? Math.sqrt(lambda) : 0))
  const inverseHalf = reconstruct(eigen, (lambda) => (lambda > zero ? 1 / Math.sqrt(lambda) : 0))
  const beta = inverseHalf.map((row) => row.reduce((s, x, k) => s + x * y[k], 0))
  let rSquared = 0
  kept.forEach((predictor, j) => {
    let epsilon = 0
    for (let k = 0; k < kept.length; k++) epsilon += half[j][k] * half[j][k] * beta[k] * beta[k]
    weights[predictor] = epsilon
    rSquared += epsilon
  })
  if (rSquared > 0) for (const i of kept) shares[i] = (weights[i] as number) / rSquared
  return { rSquared, weights, shares, clampedEigenvalues }
}

/** Drops the predictor with the most unknown correlations until none is left among the rest. */
function keptPredictors(
  rxx: readonly (readonly (number | null)[])[],
  rxy: readonly (number | null)[],
): number[] {
  const known = (x: number | null) => x !== null && Number.isFinite(x)
  let kept = rxy.map((_, i) => i).filter((i) => known(rxy[i]) && known(rxx[i][i]))
  for (;;) {
    let worst = -1
    let worstCount = 0
    for (const i of kept) {
      const count = kept.filter((j) => !known(rxx[i][j])).length
      if (count > worstCount) {
        worst = i
        worstCount = count
      }
    }
    if (worst < 0) return kept
    kept = kept.filter((i) => i !== worst)
  }
}

/** V·diag(f(λ))·Vᵀ. */
function reconstruct(
  { values, vectors }: { values: number[]; vectors: number[][] },
  f: (lambda: number) => number,
): number[][] {
  const n = values.length
  const scaled = values.map(f)
  const out: number[][] = []
  for (let i = 0; i < n; i++) {
    out.push([])
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let k = 0; k < n; k++) s += vectors[i][k] * scaled[k] * vectors[j][k]
      out[i].push(s)
    }
  }
  // Exactly symmetric, so the next eigendecomposition accepts it.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i][j] = out[j][i]
  return out
}

/** D^{−1/2}·A·D^{−1/2}: back to a correlation matrix after clamping. */
function unitDiagonal(a: number[][]): number[][] {
  const scale = a.map((row, i) => (row[i] > 0 ? 1 / Math.sqrt(row[i]) : 0))
  // Mirrored from the upper half: x·sᵢ·sⱼ and x·sⱼ·sᵢ may round apart.
  return a.map((row, i) =>
    row.map((_, j) => (i <= j ? a[i][j] * scale[i] * scale[j] : a[j][i] * scale[j] * scale[i])),
  )
}
