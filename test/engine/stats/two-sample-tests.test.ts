import { describe, expect, it } from 'vitest'
import { twoProportionZTest, welchTTest } from '../../../engine/stats'
import { expectClose } from '../../support/tables'

/** Unweighted estimate of a proportion: v = p(1 − p)/n, as statsmodels' Wald test takes it. */
const wald = (count: number, n: number) => ({
  p: count / n,
  variance: ((count / n) * (1 - count / n)) / n,
})

describe('twoProportionZTest', () => {
  // Oracle: /usr/bin/python3, statsmodels 0.13.5:
  //   from statsmodels.stats.proportion import test_proportions_2indep
  //   r = test_proportions_2indep(c1, n1, c2, n2, method='wald', compare='diff')
  //   r.statistic, r.pvalue
  it('matches statsmodels test_proportions_2indep(method="wald") to 1e-13', () => {
    const cases: [number, number, number, number, number, number][] = [
      [65, 100, 120, 250, 2.971319699871426, 0.0029652292756890946],
      [3, 10, 9, 12, -2.351384749229239, 0.018703682785851636],
    ]
    for (const [c1, n1, c2, n2, z, p] of cases) {
      const r = twoProportionZTest(wald(c1, n1), wald(c2, n2))
      expectClose(r.z, z, 1e-13)
      expectClose(r.p, p, 1e-13)
    }
  })

  it('takes design-based variances (R survey, two weighted groups)', () => {
    // R 4.2.2, survey 4.1-1: a is the sample of design-variance.test.ts, b is
    //   data.frame(y = c(5, 5, 4, 1, 5, 3), w = c(1, 2, 1, 1, 0.5, 0.5)); for each,
    //   p <- svymean(~as.numeric(y == 5), svydesign(ids = ~1, weights = ~w, data = ·))
    //   z <- (coef(pa) - coef(pb)) / sqrt(SE(pa)^2 + SE(pb)^2); 2 * pnorm(-abs(z))
    //   → pb 0.58333333333333326, SE(pb)² 0.055902777777777787,
    //     z -0.35525940087367402, p 0.72239526764776196
    const r = twoProportionZTest(
      { p: 0.47, variance: 0.045868251428571434 },
      { p: 0.58333333333333326, variance: 0.055902777777777787 },
    )
    expectClose(r.z, -0.35525940087367402, 1e-13)
    expectClose(r.p, 0.72239526764776196, 1e-13)
  })

  it('tests p = 1 against a varying sample (statsmodels divides by zero here)', () => {
    // By hand: z = (1 − 0.9)/√(0 + 0.09/50) = 0.1/0.04242640687… = 2.3570226039551585 (= 5/√4.5)
    const r = twoProportionZTest(wald(50, 50), wald(45, 50))
    expectClose(r.z, 5 / Math.sqrt(4.5), 1e-14)
  })

  it('is not testable, never NaN, with no variance or a missing estimate', () => {
    expect(twoProportionZTest(wald(10, 10), wald(5, 5))).toEqual({
      z: null,
      p: null,
      reason: 'no variance',
    })
    expect(twoProportionZTest({ p: 0.5, variance: null }, wald(1, 2))).toEqual({
      z: null,
      p: null,
      reason: 'no estimate',
    })
    expect(twoProportionZTest({ p: null, variance: 0.1 }, wald(1, 2)).p).toBe(null)
  })

  it('refuses negative or NaN variances with a fixed message', () => {
    expect(() => twoProportionZTest({ p: 0.5, variance: -1 }, wald(1, 2))).toThrow(
      'twoProportionZTest requires variances ≥ 0',
    )
    expect(() => twoProportionZTest(wald(1, 2), { p: 0.5, variance: Number.NaN })).toThrow(
      'twoProportionZTest requires variances ≥ 0',
    )
  })
})

describe('welchTTest', () => {
  /** Unweighted estimate of a mean: v = s²/m. */
  function sample(xs: number[]) {
    const m = xs.length
    const mean = xs.reduce((s, x) => s + x, 0) / m
    const s2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (m - 1)
    return { mean, variance: s2 / m, m }
  }

  // Oracles: /usr/bin/python3, scipy 1.10.1: stats.ttest_ind(a, b, equal_var=False) → t, p;
  // R 4.2.2: r <- t.test(a, b); r$parameter → Satterthwaite df (scipy 1.10 does not return it).
  const cases: [number[], number[], number, number, number][] = [
    // a, b, t, df (R), p (scipy)
    [
      [5, 4, 5, 3, 1, 5, 2, 4],
      [3, 3, 4, 2, 5, 1, 2, 3, 3, 2, 4],
      1.1307684873319424,
      12.496232860427096,
      0.2793883549041038,
    ],
    [
      [1, 2, 1, 1, 2],
      [4, 5, 5, 4, 5, 4, 5, 5, 4, 5, 5, 5],
      -11.534855730586354,
      6.8641026072479523,
      9.611022732257769e-6,
    ],
    // One side constant: df = m₂ − 1 = 4 exactly.
    [[5, 5, 5, 5], [3, 4, 5, 4, 2], 2.745625891934576, 4, 0.05160595781117475],
  ]

  it('matches scipy ttest_ind(equal_var=False) and R t.test df to 1e-12', () => {
    for (const [a, b, t, df, p] of cases) {
      const r = welchTTest(sample(a), sample(b))
      expectClose(r.t, t, 1e-12)
      expectClose(r.df, df, 1e-12)
      expectClose(r.p, p, 1e-12)
    }
  })

  it('keeps df finite for tiny variances (v² underflows, the shares do not)', () => {
    const r = welchTTest({ mean: 1, variance: 1e-200, m: 10 }, { mean: 1, variance: 1e-200, m: 10 })
    expect(r.df).toBe(18) // equal variances and m: df = 2(m − 1), by hand
    expect(r.p).toBe(1)
  })

  it('is not testable, never NaN, for m < 2, both variances 0 or a missing estimate', () => {
    const one = { mean: 3, variance: 0, m: 1 }
    expect(welchTTest(one, sample([1, 2, 3]))).toEqual({
      t: null,
      df: null,
      p: null,
      reason: 'too few respondents',
    })
    expect(welchTTest(sample([4, 4]), sample([5, 5, 5]))).toEqual({
      t: null,
      df: null,
      p: null,
      reason: 'no variance',
    })
    expect(welchTTest({ mean: null, variance: null, m: 0 }, sample([1, 2]))).toMatchObject({
      p: null,
      reason: 'no estimate',
    })
  })

  it('refuses negative or NaN variances with a fixed message', () => {
    expect(() => welchTTest({ mean: 1, variance: -0.1, m: 3 }, sample([1, 2]))).toThrow(
      'welchTTest requires variances ≥ 0',
    )
  })
})

describe('the tests given a level (alpha)', () => {
  // By hand: z = 1.9, below 0.99 · 1.959963… = 1.9404: p (0.0574) cannot be ≤ 0.05, reported 1.
  it('report p = 1 below the critical value, and the same p as without it elsewhere', () => {
    const a = { p: 0.69, variance: 0.0001 }
    const below = { p: 0.69 - 1.9 * Math.SQRT2 * 0.01, variance: 0.0001 }
    expect(twoProportionZTest(a, below, 0.05).p).toBe(1)
    expect(twoProportionZTest(a, below).p).toBeGreaterThan(0.05)
    const above = { p: 0.69 - 2.1 * Math.SQRT2 * 0.01, variance: 0.0001 }
    expect(twoProportionZTest(a, above, 0.05).p).toBe(twoProportionZTest(a, above).p)
    // t = 1.95 (by hand: 1.95 / √(0.5 + 0.5)) is above 1.9404, so p is computed, though with
    // about 6 df it is far above 0.05; t = 1.9 is below and reported 1.
    const m = { mean: 3.95, variance: 0.5, m: 4 }
    const n = { mean: 2, variance: 0.5, m: 4 }
    expect(welchTTest(m, n, 0.05).p).toBe(welchTTest(m, n).p)
    expect(welchTTest({ ...m, mean: 3.9 }, n, 0.05).p).toBe(1) // t = 1.9
  })

  it('decide p ≤ alpha exactly as the full tests do, for any df and level', () => {
    let seed = 11
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let k = 0; k < 5000; k++) {
      const alpha = [0.001, 0.01, 0.05, 0.1, 0.2][k % 5]
      const a = {
        mean: 3 + random(),
        variance: 0.001 + random() * 0.05,
        m: 2 + Math.floor(random() * 40),
      }
      const b = {
        mean: 3 + random(),
        variance: 0.001 + random() * 0.05,
        m: 2 + Math.floor(random() * 40),
      }
      const full = welchTTest(a, b).p as number
      const screened = welchTTest(a, b, alpha).p as number
      expect(screened <= alpha).toBe(full <= alpha)
      if (screened !== 1) expect(screened).toBe(full)
      const z = twoProportionZTest(
        { p: a.mean / 5, variance: a.variance / 25 },
        { p: b.mean / 5, variance: b.variance / 25 },
      )
      const zScreened = twoProportionZTest(
        { p: a.mean / 5, variance: a.variance / 25 },
        { p: b.mean / 5, variance: b.variance / 25 },
        alpha,
      )
      expect((zScreened.p as number) <= alpha).toBe((z.p as number) <= alpha)
    }
  })
})
