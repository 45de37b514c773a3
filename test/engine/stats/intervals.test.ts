import { describe, expect, it } from 'vitest'
import { meanTInterval, wilsonInterval } from '../../../engine/stats'

function expectInterval(actual: [number, number] | null, expected: [number, number], tol: number) {
  expect(actual).not.toBeNull()
  const [low, high] = actual as [number, number]
  expect(Math.abs(low - expected[0])).toBeLessThanOrEqual(tol)
  expect(Math.abs(high - expected[1])).toBeLessThanOrEqual(tol)
}

const fivePoint = { min: 1, max: 5 }

describe('wilsonInterval', () => {
  // Oracle: /usr/bin/python3, statsmodels 0.13.5:
  //   from statsmodels.stats.proportion import proportion_confint
  //   proportion_confint(count, nobs, alpha=0.05, method='wilson')
  // (statsmodels takes z = norm.isf(0.025) = 1.9599639845400545, one ulp above Z95: 1e-15 here.)
  const table: [count: number, nobs: number, low: number, high: number][] = [
    [65, 100, 0.5525444329688796, 0.7363575175690247],
    [0, 10, 0.0, 0.27753279986288926],
    [10, 10, 0.7224672001371106, 1.0],
    [1, 1, 0.2065493143772374, 1.0],
    [3, 7, 0.15821985525146964, 0.7495416354723428],
    // p = 0.47 on the design effective base 6.2065961840521116 (design-variance.test.ts)
    [0.47 * 6.2065961840521116, 6.2065961840521116, 0.17265760233663757, 0.7902809195099063],
  ]

  it('matches statsmodels proportion_confint(method="wilson") to 1e-14', () => {
    for (const [count, nobs, low, high] of table) {
      expectInterval(wilsonInterval(count / nobs, nobs), [low, high], 1e-14)
    }
  })

  it('stays inside [0, 1] at p = 0 and 1', () => {
    expect((wilsonInterval(0, 10) as number[])[0]).toBe(0)
    expect((wilsonInterval(1, 10) as number[])[1]).toBe(1)
  })

  it('uses other levels through Φ⁻¹', () => {
    // statsmodels: proportion_confint(65, 100, alpha=0.10, method='wilson')
    expectInterval(wilsonInterval(0.65, 100, 0.9), [0.5685335442834736, 0.7235636394815741], 1e-14)
  })

  it('is null on an empty base and refuses p outside [0, 1]', () => {
    expect(wilsonInterval(0.5, 0)).toBe(null)
    expect(() => wilsonInterval(1.2, 10)).toThrow('wilsonInterval requires p between 0 and 1')
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(
      'wilsonInterval requires p between 0 and 1',
    )
    expect(() => wilsonInterval(0.5, 10, 1)).toThrow(
      'wilsonInterval requires a level between 0 and 1',
    )
  })
})

describe('meanTInterval', () => {
  it("matches R's t.test without weights (report service 1)", () => {
    // R 4.2.2: sprintf('%.17g', t.test(rep(1:5, c(0, 3, 5, 27, 65)))$conf.int)
    //   → 4.3950384037010375, 4.6849615962989617 (mean 4.54, s²/m = 0.005337373737373737)
    expectInterval(
      meanTInterval(4.54, 0.005337373737373737, 100, fivePoint),
      [4.3950384037010375, 4.6849615962989617],
      1e-14,
    )
  })

  it('matches R survey confint(df = degf) with weights, clamped to the scale', () => {
    // R 4.2.2, survey 4.1-1, the weighted sample of design-variance.test.ts:
    //   des <- svydesign(ids = ~1, weights = ~w, data = d)
    //   degf(des) → 7; confint(svymean(~y, des), df = degf(des))
    //   → 2.1147172347152567, 5.145282765284743: the high end is clamped to 5.
    expectInterval(
      meanTInterval(3.63, 0.41064173714285712, 8, fivePoint),
      [2.1147172347152567, 5],
      1e-14,
    )
  })

  it('clamps both ends', () => {
    // R: t.test(c(5, 5, 1))$conf.int → -2.0702036396659489, 9.4035369729992819
    expect(meanTInterval(11 / 3, 16 / 9, 3, fivePoint)).toEqual([1, 5])
  })

  it('is null for m < 2 or an unknown variance, and checks its arguments', () => {
    expect(meanTInterval(4, 0.1, 1, fivePoint)).toBe(null)
    expect(meanTInterval(4, null, 10, fivePoint)).toBe(null)
    expect(meanTInterval(4, Number.NaN, 10, fivePoint)).toBe(null)
    expect(meanTInterval(4, 0, 10, fivePoint)).toEqual([4, 4])
    expect(() => meanTInterval(Number.NaN, 0.1, 10, fivePoint)).toThrow(
      'meanTInterval requires a finite mean',
    )
    expect(() => meanTInterval(4, 0.1, 10, { min: 5, max: 1 })).toThrow(
      'meanTInterval requires scale.min ≤ scale.max',
    )
    expect(() => meanTInterval(4, 0.1, 10, fivePoint, 0)).toThrow(
      'meanTInterval requires a level between 0 and 1',
    )
  })
})
