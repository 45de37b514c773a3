import { describe, expect, it } from 'vitest'
import {
  proportionDesignEffect,
  varianceOfMean,
  varianceOfProportion,
  wilsonEffectiveBase,
} from '../../../engine/stats'
import { expectClose } from '../../support/tables'

// A hand-made weighted sample of m = 8 respondents:
//   y = 5,   4,   5, 3, 1,   5,   2,   4
//   w = 1.5, 0.5, 2, 1, 0.8, 1.2, 2.5, 0.5
// summed by point by hand (Σw, Σw² at 1..5):
const values = [1, 2, 3, 4, 5]
const sumW = [0.8, 2.5, 1, 0.5 + 0.5, 1.5 + 2 + 1.2] // Σw = 10
const sumW2 = [0.64, 6.25, 1, 0.25 + 0.25, 2.25 + 4 + 1.44] // Σw² = 16.08
const yes = { sumW: 10, sumW2: 16.08, yesSumW: 4.7, yesSumW2: 7.69, m: 8 } // indicator y = 5

// Oracle: R 4.2.2, survey 4.1-1:
//   d <- data.frame(y = c(5, 4, 5, 3, 1, 5, 2, 4), w = c(1.5, 0.5, 2, 1, 0.8, 1.2, 2.5, 0.5))
//   des <- svydesign(ids = ~1, weights = ~w, data = d)
//   m <- svymean(~y, des); sprintf("%.17g", c(coef(m), SE(m)^2))
//     → 3.63, 0.41064173714285712
//   p <- svymean(~as.numeric(y == 5), des); v <- SE(p)^2; pp <- coef(p); n <- nrow(d)
//   deff <- v / (pp * (1 - pp) / (n - 1)); sprintf("%.17g", c(pp, v, deff, n / deff))
//     → 0.47, 0.045868251428571434, 1.2889512645523888, 6.2065961840521116
// By hand: Σ Σw²ₖ(yₖ − 3.63)² = 35.931152, × 8/7 / 10² = 0.41064173714285714…
const R = {
  meanVariance: 0.41064173714285712,
  proportionVariance: 0.045868251428571434,
  deff: 1.2889512645523888,
  nEff: 6.2065961840521116,
}

// Report service 1, unweighted: counts 0, 3, 5, 27, 65 on 1..5 (m = 100).
// Oracle: R 4.2.2, survey 4.1-1:
//   u <- data.frame(y = rep(1:5, c(0, 3, 5, 27, 65)), w = 1)
//   du <- svydesign(ids = ~1, weights = ~w, data = u)
//   SE(svymean(~y, du))^2                  → 0.0053373737373737483
//   var(u$y) / nrow(u)                     → 0.005337373737373737   (s²/m)
//   SE(svymean(~as.numeric(y == 5), du))^2 → 0.0022979797979798024  (= .65 · .35 / 99)
const service1 = [0, 3, 5, 27, 65]

describe('varianceOfMean (Taylor linearisation, with replacement)', () => {
  it('equals R survey svymean SE² on a weighted sample, to 1e-13', () => {
    expectClose(varianceOfMean({ values, sumW, sumW2, m: 8 }), R.meanVariance, 1e-13)
  })

  it('is s²/m without weights (R var(y)/m)', () => {
    const v = varianceOfMean({ values, sumW: service1, sumW2: service1, m: 100 })
    expectClose(v, 0.005337373737373737, 1e-14)
  })

  it('is 0 when every respondent is at one point, whatever the weights', () => {
    // R: svymean(~y, svydesign(ids = ~1, weights = ~w, data = data.frame(y = c(4, 4, 4),
    //    w = c(0.1, 0.2, 0.7))))  → SE 0. (0.1 + 0.2 + 0.7 is not 1 in floating point.)
    expect(
      varianceOfMean({
        values,
        sumW: [0, 0, 0, 0.1 + 0.2 + 0.7, 0],
        sumW2: [0, 0, 0, 0.54, 0],
        m: 3,
      }),
    ).toBe(0)
  })

  it('is null when m < 2 or Σw = 0', () => {
    expect(varianceOfMean({ values, sumW: [0, 0, 0, 1, 0], sumW2: [0, 0, 0, 1, 0], m: 1 })).toBe(
      null,
    )
    expect(varianceOfMean({ values, sumW: [0, 0, 0, 0, 0], sumW2: [0, 0, 0, 0, 0], m: 0 })).toBe(
      null,
    )
  })

  it('refuses empty or mismatched input with fixed messages', () => {
    expect(() => varianceOfMean({ values: [], sumW: [], sumW2: [], m: 2 })).toThrow(
      'varianceOfMean requires at least one scale point',
    )
    expect(() => varianceOfMean({ values, sumW: [1, 2], sumW2, m: 2 })).toThrow(
      'varianceOfMean requires sumW and sumW2 with one entry per value',
    )
  })

  it('reads typed arrays (views into a group table)', () => {
    const table = new Float64Array([...sumW, ...sumW2])
    const v = varianceOfMean({
      values,
      sumW: table.subarray(0, 5),
      sumW2: table.subarray(5, 10),
      m: 8,
    })
    expectClose(v, R.meanVariance, 1e-13)
  })
})

describe('varianceOfProportion', () => {
  it('equals R survey svymean SE² of the indicator, to 1e-13', () => {
    expectClose(varianceOfProportion(yes), R.proportionVariance, 1e-13)
  })

  it('is p(1 − p)/(m − 1) without weights (R survey, service 1, share of 5s)', () => {
    const v = varianceOfProportion({ sumW: 100, sumW2: 100, yesSumW: 65, yesSumW2: 65, m: 100 })
    expectClose(v, 0.0022979797979798024, 1e-14)
  })

  it('is 0 at p = 0 or 1 and null for m < 2', () => {
    expect(varianceOfProportion({ sumW: 3, sumW2: 5, yesSumW: 3, yesSumW2: 5, m: 2 })).toBe(0)
    expect(varianceOfProportion({ sumW: 3, sumW2: 5, yesSumW: 0, yesSumW2: 0, m: 2 })).toBe(0)
    expect(varianceOfProportion({ sumW: 2, sumW2: 4, yesSumW: 2, yesSumW2: 4, m: 1 })).toBe(null)
  })
})

describe('proportionDesignEffect and wilsonEffectiveBase', () => {
  it('equal deff = v / (p(1 − p)/(m − 1)) and m / deff from R survey v, to 1e-13', () => {
    expectClose(proportionDesignEffect(yes), R.deff, 1e-13)
    expectClose(wilsonEffectiveBase(yes), R.nEff, 1e-13)
  })

  it('are 1 and m without weights', () => {
    const plain = { sumW: 100, sumW2: 100, yesSumW: 65, yesSumW2: 65, m: 100 }
    expectClose(proportionDesignEffect(plain), 1, 1e-14)
    expectClose(wilsonEffectiveBase(plain), 100, 1e-14)
  })

  it("fall back to Kish's (Σw)²/Σw² when p is 0 or 1, or m < 2", () => {
    const all = { ...yes, yesSumW: 10, yesSumW2: 16.08 }
    expect(proportionDesignEffect(all)).toBe(null)
    expect(wilsonEffectiveBase(all)).toBe(100 / 16.08) // 6.2189…, by hand
    const none = { ...yes, yesSumW: 0, yesSumW2: 0 }
    expect(wilsonEffectiveBase(none)).toBe(100 / 16.08)
    expect(wilsonEffectiveBase({ sumW: 2, sumW2: 4, yesSumW: 2, yesSumW2: 4, m: 1 })).toBe(1)
  })

  it('are null for an empty group', () => {
    const empty = { sumW: 0, sumW2: 0, yesSumW: 0, yesSumW2: 0, m: 0 }
    expect(proportionDesignEffect(empty)).toBe(null)
    expect(wilsonEffectiveBase(empty)).toBe(null)
  })
})
