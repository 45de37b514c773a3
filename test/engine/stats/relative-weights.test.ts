import { describe, expect, it } from 'vitest'
import { relativeWeights } from '../../../engine/stats'
import { expectValues } from '../../support/values'

// Oracle for the numbers below: /usr/bin/python3, numpy 1.24.2, Johnson's eigen route:
//   def johnson(R, r):
//       lam, V = np.linalg.eigh(R)
//       clamped = int((lam < -1e-12 * lam.max()).sum())
//       if clamped:   # Rousseeuw & Molenberghs: clamp, rescale to unit diagonal
//           Rc = V @ np.diag(np.clip(lam, 0, None)) @ V.T
//           d = 1 / np.sqrt(np.diag(Rc)); R = Rc * np.outer(d, d)
//           lam, V = np.linalg.eigh(R)
//       keep = lam > 1e-12 * lam.max()
//       half = V @ np.diag(np.where(keep, np.sqrt(np.clip(lam, 0, None)), 0)) @ V.T
//       ihalf = V @ np.diag(np.where(keep, 1 / np.sqrt(np.where(keep, lam, 1)), 0)) @ V.T
//       beta = ihalf @ r
//       return (half ** 2) @ (beta ** 2), clamped, R
// and R² independently: r @ np.linalg.solve(R, r) (positive definite R),
// r @ np.linalg.pinv(R_repaired) @ r (indefinite R).
const rxx4 = [
  [1, 0.5, 0.4, 0.3],
  [0.5, 1, 0.6, 0.2],
  [0.4, 0.6, 1, 0.35],
  [0.3, 0.2, 0.35, 1],
] // eigenvalues 2.2027, 0.8333, 0.6126, 0.3514: positive definite
const rxy4 = [0.55, 0.6, 0.5, 0.3]
const numpy4 = {
  weights: [0.153145123954649, 0.18246905427419352, 0.0981192130731925, 0.035127728596730946],
  shares: [0.32663216772530695, 0.38917505958606946, 0.2092713788986766, 0.07492139378994687],
  rSquared: 0.46886111989876617, // r @ np.linalg.solve(R, r)
}

describe('relativeWeights (Johnson 2000)', () => {
  it('matches numpy on a 4 × 4 positive definite matrix, ε summing to rxyᵀ Rxx⁻¹ rxy', () => {
    const result = relativeWeights(rxx4, rxy4)
    expectValues(result.weights, numpy4.weights, 1e-14)
    expectValues(result.shares, numpy4.shares, 1e-14)
    expect(Math.abs((result.rSquared as number) - numpy4.rSquared)).toBeLessThanOrEqual(1e-14)
    const sum = (result.weights as number[]).reduce((s, x) => s + x, 0)
    expect(Math.abs(sum - numpy4.rSquared)).toBeLessThanOrEqual(1e-14)
    expect(result.clampedEigenvalues).toBe(0)
  })

  it('gives r² to uncorrelated predictors and r² with share 1 to a single one (by hand)', () => {
    const two = relativeWeights(
      [
        [1, 0],
        [0, 1],
      ],
      [0.6, 0.3],
    )
    expectValues(two.weights, [0.36, 0.09], 1e-15)
    expectValues(two.shares, [0.8, 0.2], 1e-15)
    const one = relativeWeights([[1]], [-0.7])
    expectValues(one.weights, [0.49], 1e-15)
    expect(one.shares).toEqual([1])
  })

  it('splits the weight of two identical predictors equally (singular Rxx, by hand)', () => {
    // x1 = x2: R² = r², ε = r²/2 each (Λ* = [[1,1],[1,1]]/√2, β = [r, r]/√2).
    const result = relativeWeights(
      [
        [1, 1],
        [1, 1],
      ],
      [0.5, 0.5],
    )
    expectValues(result.weights, [0.125, 0.125], 1e-15)
    expect(Math.abs((result.rSquared as number) - 0.25)).toBeLessThanOrEqual(1e-15)
    expect(result.clampedEigenvalues).toBe(0)
  })

  it('clamps an indefinite pairwise matrix, rescales it and says so (numpy)', () => {
    // eigvalsh → -0.12943483509109338, 1.0921894131245748, 2.0372454219665186
    const result = relativeWeights(
      [
        [1, 0.9, -0.6],
        [0.9, 1, 0.1],
        [-0.6, 0.1, 1],
      ],
      [0.5, 0.4, 0.2],
    )
    expect(result.clampedEigenvalues).toBe(1)
    expectValues(
      result.weights,
      [0.09750610945244502, 0.13735451141380808, 0.03759391069525177],
      1e-12,
    )
    // r @ np.linalg.pinv(R_repaired) @ r
    expect(Math.abs((result.rSquared as number) - 0.27245453156150523)).toBeLessThanOrEqual(1e-12)
    const shares = result.shares as number[]
    expect(Math.abs(shares.reduce((s, x) => s + x, 0) - 1)).toBeLessThanOrEqual(1e-15)
  })

  it('leaves out a predictor with no variance (null correlations) and fits the rest', () => {
    // Predictor 2 is constant: its correlations are null. The rest is the 2 × 2 of rxx4.
    const result = relativeWeights(
      [
        [1, 0.5, null],
        [0.5, 1, null],
        [null, null, 1],
      ],
      [0.55, 0.6, null],
    )
    // By hand for [[1, .5], [.5, 1]], r = [.55, .6]: R² = (r1² + r2² − 2·.5·r1·r2)/(1 − .25)
    //   = (.3025 + .36 − .33)/.75 = 0.44333…; numpy johnson() on that 2 × 2 gives the ε_j.
    expectValues(result.weights, [0.19291666666666668, 0.25041666666666657, null], 1e-15)
    expect(result.weights[2]).toBe(null)
    expect(result.shares[2]).toBe(null)
    expect(Math.abs((result.rSquared as number) - 0.3325 / 0.75)).toBeLessThanOrEqual(1e-15)
  })

  it('keeps the partners of the predictor with most nulls', () => {
    const result = relativeWeights(
      [
        [1, 0.2, null],
        [0.2, 1, null],
        [null, null, 1],
      ],
      [0.3, 0.4, 0.5],
    )
    expect(result.weights[0]).not.toBe(null)
    expect(result.weights[1]).not.toBe(null)
    expect(result.weights[2]).toBe(null)
  })

  it('has null shares when R² = 0 and null everything when nothing is left', () => {
    const flat = relativeWeights(
      [
        [1, 0.3],
        [0.3, 1],
      ],
      [0, 0],
    )
    expect(flat.rSquared).toBe(0)
    expect(flat.weights).toEqual([0, 0])
    expect(flat.shares).toEqual([null, null])
    expect(relativeWeights([[null]], [0.4])).toEqual({
      rSquared: null,
      weights: [null],
      shares: [null],
      clampedEigenvalues: 0,
    })
  })

  it('refuses empty, misshapen or asymmetric input with fixed messages', () => {
    expect(() => relativeWeights([], [])).toThrow('relativeWeights requires at least one predictor')
    expect(() => relativeWeights([[1]], [0.1, 0.2])).toThrow(
      'relativeWeights requires rxx to be p × p for p = rxy.length',
    )
    expect(() =>
      relativeWeights(
        [
          [1, 0.2],
          [0.3, 1],
        ],
        [0.1, 0.2],
      ),
    ).toThrow('relativeWeights requires a symmetric rxx')
  })
})
