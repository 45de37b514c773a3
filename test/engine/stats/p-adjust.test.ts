import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adjustPValues, significanceCutoff, significanceSign } from '../../../engine/stats'
import { expectValues } from '../../support/values'

// Oracle: /usr/bin/python3, statsmodels 0.13.5:
//   from statsmodels.stats.multitest import multipletests
//   reject, corrected = multipletests(p, alpha=0.05, method=m)[:2]
//   for m in ['fdr_bh', 'holm', 'bonferroni']
const family = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9, 0.012] // ties at 0.04
const statsmodels = {
  fdr: [
    0.032, 0.05333333333333334, 0.05333333333333334, 0.032, 0.2285714285714286, 0.05333333333333334,
    0.9, 0.032,
  ],
  holm: [0.07, 0.16, 0.15, 0.04, 0.4, 0.16, 0.9, 0.07200000000000001],
  bonferroni: [0.08, 0.32, 0.24, 0.04, 1.0, 0.32, 1.0, 0.096],
}
const rejected = {
  fdr: [true, false, false, true, false, false, false, true],
  holm: [false, false, false, true, false, false, false, false],
  bonferroni: [false, false, false, true, false, false, false, false],
}

// The definitions written out in O(n²): p sorted ascending by a stable sort, BH's
// p̃₍ᵢ₎ = min over j ≥ i of n·p₍ⱼ₎/j (capped at 1), Holm's max over j ≤ i of
// min(1, (n − j + 1)·p₍ⱼ₎), each handed back to its test's place.
function byDefinition(ps: (number | null)[], method: 'fdr' | 'holm'): (number | null)[] {
  const family = ps.flatMap((p, i) => (p === null ? [] : [i]))
  const order = family.slice().sort((a, b) => (ps[a] as number) - (ps[b] as number))
  const n = order.length
  const sorted = order.map((i) => ps[i] as number)
  const out: (number | null)[] = ps.map(() => null)
  order.forEach((i, at) => {
    let value = method === 'fdr' ? 1 : 0
    for (let j = 1; j <= n; j++) {
      if (method === 'fdr' && j >= at + 1) value = Math.min(value, (sorted[j - 1] * n) / j)
      if (method === 'holm' && j <= at + 1) {
        value = Math.max(value, Math.min(1, sorted[j - 1] * (n - j + 1)))
      }
    }
    out[i] = value
  })
  return out
}

// Few distinct values, so that ties are common.
const p = fc.oneof(
  fc.constantFrom(0, 0.001, 0.01, 0.04, 0.5, 1, null),
  fc.double({ min: 0, max: 1, noNaN: true }),
)

describe('adjustPValues', () => {
  for (const method of ['fdr', 'holm', 'bonferroni'] as const) {
    it(`${method} matches statsmodels multipletests, in input order`, () => {
      expectValues(adjustPValues(family, method), statsmodels[method], 1e-15)
    })

    it(`${method}: adjusted p ≤ 0.05 is statsmodels' reject`, () => {
      const adjusted = adjustPValues(family, method)
      expect(adjusted.map((p) => (p as number) <= 0.05)).toEqual(rejected[method])
    })
  }

  it('leaves null (not testable) out of the family and in its place', () => {
    // statsmodels on the three non-null values [0.6, 0.0001, 0.03]:
    //   fdr_bh → [0.6, 0.00030000000000000003, 0.045]; holm → [0.6, 0.0003…, 0.06];
    //   bonferroni → [1.0, 0.0003…, 0.09]
    const p = [null, 0.6, 0.0001, null, 0.03]
    expectValues(adjustPValues(p), [null, 0.6, 0.00030000000000000003, null, 0.045], 1e-15)
    expectValues(adjustPValues(p, 'holm'), [null, 0.6, 0.00030000000000000003, null, 0.06], 1e-15)
    expectValues(
      adjustPValues(p, 'bonferroni'),
      [null, 1, 0.00030000000000000003, null, 0.09],
      1e-15,
    )
    expect(adjustPValues(p, 'none')).toEqual(p)
  })

  it('handles empty, single and all-null families', () => {
    expect(adjustPValues([])).toEqual([])
    expect(adjustPValues([0.03])).toEqual([0.03])
    expect(adjustPValues([0.03], 'holm')).toEqual([0.03])
    expect(adjustPValues([null, null], 'bonferroni')).toEqual([null, null])
  })

  it('never exceeds 1 and keeps BH monotone in p', () => {
    const adjusted = adjustPValues([0.9, 0.95, 0.99, 1], 'fdr') as number[]
    // By hand: n·p/rank = 3.6, 1.9, 1.32, 1 → running min from the top: all 1
    expect(adjusted).toEqual([1, 1, 1, 1])
  })

  it('gives, bit for bit, the definitions over the sorted family, ties and nulls included', () => {
    fc.assert(
      fc.property(fc.array(p, { maxLength: 40 }), fc.constantFrom('fdr', 'holm'), (ps, method) => {
        expect(adjustPValues(ps, method as 'fdr' | 'holm')).toEqual(
          byDefinition(ps, method as 'fdr' | 'holm'),
        )
      }),
      { numRuns: 500 },
    )
  })

  it('refuses p-values outside [0, 1] and NaN with a fixed message', () => {
    for (const bad of [-0.1, 1.5, Number.NaN]) {
      expect(() => adjustPValues([0.1, bad])).toThrow(
        'adjustPValues requires p-values between 0 and 1 (or null)',
      )
    }
  })
})

describe('significanceCutoff', () => {
  // By hand from statsmodels' reject above: the largest rejected p of each method.
  const cutoffs = { fdr: 0.012, holm: 0.005, bonferroni: 0.005 }
  for (const method of ['fdr', 'holm', 'bonferroni'] as const) {
    it(`${method}: p ≤ the cutoff is statsmodels' reject`, () => {
      const cutoff = significanceCutoff(family, method)
      expect(cutoff).toBe(cutoffs[method])
      expect(family.map((p) => p <= cutoff)).toEqual(rejected[method])
    })
  }

  it('is the largest p at most alpha without a correction, and -1 when nothing is significant', () => {
    expect(significanceCutoff(family, 'none')).toBe(0.04)
    expect(significanceCutoff(family, 'none', 0.01)).toBe(0.01)
    expect(significanceCutoff([0.3, null, 0.9])).toBe(-1)
    expect(significanceCutoff([])).toBe(-1)
    expect(significanceCutoff([null, 0.6, 0.0001, 0.03], 'holm')).toBe(0.0001) // 0.03 → 0.06
  })

  it('rejects exactly the tests whose adjusted p (by the definitions) is ≤ alpha', () => {
    fc.assert(
      fc.property(
        fc.array(p, { maxLength: 40 }),
        fc.constantFrom('fdr', 'holm'),
        fc.constantFrom(0.01, 0.04, 0.05, 0.1),
        (ps, method, alpha) => {
          const cutoff = significanceCutoff(ps, method as 'fdr' | 'holm', alpha)
          const adjusted = byDefinition(ps, method as 'fdr' | 'holm')
          expect(ps.map((q) => q !== null && q <= cutoff)).toEqual(
            adjusted.map((q) => q !== null && q <= alpha),
          )
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuses bad p-values and alphas', () => {
    expect(() => significanceCutoff([0.1, 1.5])).toThrow(
      'significanceCutoff requires p-values between 0 and 1 (or null)',
    )
    expect(() => significanceCutoff([0.1], 'fdr', 1)).toThrow(
      'significanceCutoff requires alpha between 0 and 1',
    )
  })
})

describe('significanceSign', () => {
  it('gives the sign of a significant difference and 0 otherwise', () => {
    expect(significanceSign(-0.12, 0.003)).toBe(-1)
    expect(significanceSign(0.12, 0.05)).toBe(1) // p = α rejects, as statsmodels does
    expect(significanceSign(0.04, 0.2)).toBe(0)
    expect(significanceSign(0.04, 0.02, 0.01)).toBe(0)
    expect(significanceSign(0, 0.001)).toBe(0)
  })

  it('is 0 when not testable', () => {
    expect(significanceSign(0.3, null)).toBe(0)
    expect(significanceSign(null, 0.001)).toBe(0)
  })

  it('refuses an alpha outside (0, 1)', () => {
    expect(() => significanceSign(1, 0.01, 0)).toThrow(
      'significanceSign requires alpha between 0 and 1',
    )
  })
})
