import { describe, expect, it } from 'vitest'
import { symmetricEigen } from '../../../engine/stats/symmetric-eigen'
import { expectValues } from '../../support/values'

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)))
}
const transpose = (a: number[][]) => a[0].map((_, j) => a.map((row) => row[j]))

function expectMatrix(actual: number[][], expected: number[][], tol: number) {
  actual.forEach((row, i) => {
    expectValues(row, expected[i], tol)
  })
}

// Oracle: /usr/bin/python3, numpy 1.24.2 (LAPACK): np.linalg.eigvalsh(A)[::-1]
const indefinite = [
  [4, 1, -2, 2],
  [1, 2, 0, 1],
  [-2, 0, 3, -2],
  [2, 1, -2, -1],
]
const indefiniteValues = [
  6.844621107234965, 2.2685314064312423, 1.0843644637732175, -2.1975169774394248,
]
// Two identical rows: singular, third eigenvalue 0 (numpy prints 4.6e-16).
const singular = [
  [1, 1, 0.3],
  [1, 1, 0.3],
  [0.3, 0.3, 1],
]
const singularValues = [2.1557438524302, 0.8442561475697999, 0]

describe('symmetricEigen (cyclic Jacobi)', () => {
  const cases: [string, number[][], number[]][] = [
    ['indefinite 4 × 4', indefinite, indefiniteValues],
    ['singular 3 × 3', singular, singularValues],
  ]
  for (const [name, matrix, values] of cases) {
    it(`${name}: eigenvalues match numpy eigvalsh to 1e-14, descending`, () => {
      expectValues(symmetricEigen(matrix).values, values, 1e-14)
    })

    it(`${name}: V is orthonormal and V·diag(λ)·Vᵀ rebuilds A to 1e-14`, () => {
      const { values: got, vectors } = symmetricEigen(matrix)
      const identity = matrix.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)))
      expectMatrix(multiply(transpose(vectors), vectors), identity, 1e-14)
      const scaled = vectors.map((row) => row.map((x, k) => x * got[k]))
      expectMatrix(multiply(scaled, transpose(vectors)), matrix, 1e-14)
    })
  }

  it('returns a diagonal matrix as it is, sorted', () => {
    expect(
      symmetricEigen([
        [1, 0],
        [0, 3],
      ]),
    ).toEqual({
      values: [3, 1],
      vectors: [
        [0, 1],
        [1, 0],
      ],
    })
    expect(symmetricEigen([])).toEqual({ values: [], vectors: [] })
  })

  it('refuses non-square, asymmetric and non-finite input with fixed messages', () => {
    expect(() => symmetricEigen([[1, 2]])).toThrow('symmetricEigen requires a square matrix')
    expect(() =>
      symmetricEigen([
        [1, 2],
        [3, 1],
      ]),
    ).toThrow('symmetricEigen requires a symmetric matrix')
    expect(() => symmetricEigen([[Number.NaN]])).toThrow('symmetricEigen requires finite entries')
  })
})
