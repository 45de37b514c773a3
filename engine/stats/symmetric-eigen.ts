/** @module Eigendecomposition of a small symmetric matrix by the cyclic Jacobi method. */
// Why not a library: ml-matrix's EigenvalueDecomposition (JAMA's tred2/tql2) bundles to 72 KB
// minified (18 KB gzip; esbuild --bundle --minify, es2019) because it drags the whole Matrix
// class in; this routine bundles to 1.2 KB and, for the ≤ 20 predictors of a driver model, is as
// exact: Jacobi computes small eigenvalues to high relative accuracy (Demmel & Veselić 1992).

/** Eigenvalues in descending order; `vectors[i][k]` is component i of eigenvector k. */
export interface SymmetricEigen {
  values: number[]
  vectors: number[][]
}

const MAX_SWEEPS = 100

/**
 * Eigenvalues and orthonormal eigenvectors of a real symmetric matrix A = V·diag(λ)·Vᵀ by the
 * cyclic Jacobi method (Golub & Van Loan 2013, *Matrix Computations*, 4th ed., Algorithms 8.5.1
 * `symSchur2` and 8.5.3): sweeps of plane rotations, each zeroing one off-diagonal pair, until the
 * off-diagonal norm is below machine precision times ‖A‖_F. Converges quadratically; about
 * 6–10 sweeps of O(n³) each.
 *
 * @param matrix n × n, symmetric (exactly: the caller symmetrises)
 * @throws {Error} when the matrix is not square, not symmetric, or has a non-finite entry
 * @returns eigenvalues descending, with the eigenvectors as columns in the same order
 * @example
 * symmetricEigen([[2, 1], [1, 2]])
 * // { values: [3, 1], vectors: [[0.7071…, −0.7071…], [0.7071…, 0.7071…]] } (signs may differ)
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): SymmetricEigen {
  const n = matrix.length
  for (let i = 0; i < n; i++) {
    if (matrix[i].length !== n) throw new Error('symmetricEigen requires a square matrix')
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(matrix[i][j])) throw new Error('symmetricEigen requires finite entries')
      if (matrix[i][j] !== matrix[j][i])
        throw new Error('symmetricEigen requires a symmetric matrix')
    }
  }
  // Row-major n × n arrays (a[i][j] at i·n + j): the same arithmetic in the same order as on
  // arrays of rows, with one load per element instead of two.
  const a = new Float64Array(n * n)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = matrix[i][j]
    v[i * n + i] = 1
  }
  let norm2 = 0
  for (let i = 0; i < n * n; i++) norm2 += a[i] * a[i]
  const tol2 = Number.EPSILON * Number.EPSILON * norm2
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off2 = 0
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) off2 += 2 * a[p * n + q] * a[p * n + q]
    }
    if (off2 <= tol2) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (apq === 0) continue
        // symSchur2: the rotation (c, s) that diagonalises the 2 × 2 block at p, q; the smaller
        // of the two roots t keeps the rotation angle ≤ π/4, which is what makes Jacobi stable.
        const tau = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        const t = tau >= 0 ? 1 / (tau + Math.hypot(1, tau)) : -1 / (-tau + Math.hypot(1, tau))
        const c = 1 / Math.hypot(1, t)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]
          const akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]
          const aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const diagonal = Array.from({ length: n }, (_, i) => a[i * n + i])
  const order = diagonal.map((_, i) => i).sort((i, j) => diagonal[j] - diagonal[i])
  return {
    values: order.map((k) => diagonal[k]),
    vectors: Array.from({ length: n }, (_, i) => order.map((k) => v[i * n + k])),
  }
}
