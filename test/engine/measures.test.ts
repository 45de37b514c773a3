import { sampleCorrelation } from 'simple-statistics'
import { describe, expect, it } from 'vitest'
import {
  base,
  correlation,
  dissatisfied,
  effectiveBase,
  meanScore,
  satisfaction,
  score10,
  shares,
  socialConcern,
  topTwoBox,
  wilsonInterval,
} from '../../engine'
import { meanTInterval, varianceOfMean } from '../../engine/stats'

const scale = { min: 1, max: 5 }
/** The t interval of the mean of counts per point 1..5, as the rating computes it. */
function meanInterval(d: number[]) {
  const mean = meanScore(d)
  if (mean === null) return null
  const m = base(d)
  return meanTInterval(
    mean,
    varianceOfMean({ values: [1, 2, 3, 4, 5], sumW: d, sumW2: d, m }),
    m,
    scale,
  )
}

// Service 1 of the report (section 1): 0, 3, 5, 27, 65 → 65.0 %, mean 4.54.
const service1 = [0, 3, 5, 27, 65]

describe('distribution measures', () => {
  it("reproduce the report's service 1 by hand", () => {
    expect(base(service1)).toBe(100)
    expect(satisfaction(service1)).toBe(0.65)
    expect(topTwoBox(service1)).toBe(0.92)
    expect(meanScore(service1)).toBeCloseTo(4.54, 12) // (6 + 15 + 108 + 325) / 100
    expect(score10(service1)).toBeCloseTo(9.08, 12)
    expect(shares(service1)).toEqual([0, 0.03, 0.05, 0.27, 0.65])
    expect(dissatisfied(service1)).toBe(0.03)
  })

  it('use weighted counts as they are', () => {
    // Two respondents: a 5 with weight 3, a 1 with weight 1.
    const d = [1, 0, 0, 0, 3]
    expect(satisfaction(d)).toBe(0.75)
    expect(meanScore(d)).toBe(4)
    expect(effectiveBase(4, 3 * 3 + 1 * 1)).toBeCloseTo(1.6, 12) // 16 / 10
  })

  it('give null, not NaN, for an empty group or all-missing scores', () => {
    const empty = [0, 0, 0, 0, 0]
    expect(satisfaction(empty)).toBeNull()
    expect(topTwoBox(empty)).toBeNull()
    expect(meanScore(empty)).toBeNull()
    expect(score10(empty)).toBeNull()
    expect(shares(empty)).toBeNull()
    expect(dissatisfied(empty)).toBeNull()
    expect(effectiveBase(0, 0)).toBeNull()
    expect(meanInterval(empty)).toBeNull()
    expect(varianceOfMean({ values: [1, 2, 3, 4, 5], sumW: empty, sumW2: empty, m: 0 })).toBeNull()
  })

  it('handle one respondent', () => {
    const one = [0, 0, 0, 1, 0]
    expect(satisfaction(one)).toBe(0)
    expect(meanScore(one)).toBe(4)
    expect(meanInterval(one)).toBeNull()
    const [low, high] = wilsonInterval(0, 1) ?? []
    expect(low).toBe(0)
    expect(high).toBeCloseTo(0.7934506, 6) // z² / (1 + z²)
  })

  it('give a zero-width mean interval for a constant column', () => {
    expect(meanInterval([0, 0, 0, 0, 10])).toEqual([5, 5])
  })
})

describe('the t interval of the mean', () => {
  it('is mean ± t(0.975, n − 1) · s / √n with the sample standard deviation, within the scale', () => {
    // Scores 4, 4, 5, 5: mean 4.5, s² = 1/3, n = 4. /usr/bin/python3, scipy 1.10.1:
    //   stats.t.ppf(0.975, 3) → 3.182446305284263
    //   y = [4, 4, 5, 5]; stats.t.interval(0.95, 3, loc=np.mean(y), scale=stats.sem(y))
    //   → (3.5813068844813003, 5.4186931155187): the high end is clamped to the scale's 5.
    const [low, high] = meanInterval([0, 0, 0, 2, 2]) ?? []
    expect(low).toBeCloseTo(3.5813068844813003, 9)
    expect(high).toBe(5)
  })

  it("reproduces the report's service 1 (0, 3, 5, 27, 65)", () => {
    // x = np.repeat([1, 2, 3, 4, 5], [0, 3, 5, 27, 65]); mean 4.54, s² = 0.5337373737373736
    //   stats.t.interval(0.95, 99, loc=x.mean(), scale=stats.sem(x))
    //   → (4.3950384037067165, 4.684961596293284)   (t.ppf(0.975, 99) = 1.9842169515086827)
    const [low, high] = meanInterval(service1) ?? []
    expect(low).toBeCloseTo(4.3950384037067165, 9)
    expect(high).toBeCloseTo(4.684961596293284, 9)
  })

  it('is wider than the z interval, which it replaces', () => {
    const [low, high] = meanInterval(service1) ?? [0, 0]
    const z = 1.959963984540054 * Math.sqrt(0.5337373737373736 / 100)
    expect(high - low).toBeGreaterThan(2 * z)
  })
})

describe('correlation', () => {
  const joint = (pairs: [number, number][]) => {
    const counts = new Array(25).fill(0)
    for (const [x, y] of pairs) counts[(x - 1) * 5 + (y - 1)]++
    return counts
  }

  it('equals simple-statistics on the expanded pairs', () => {
    const pairs: [number, number][] = [
      [5, 5],
      [4, 5],
      [3, 4],
      [5, 4],
      [2, 2],
      [1, 3],
      [4, 4],
      [5, 5],
    ]
    const expected = sampleCorrelation(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    )
    const result = correlation(joint(pairs))
    expect(result.n).toBe(8)
    expect(result.r).toBeCloseTo(expected, 12)
  })

  it('says why when a column is constant', () => {
    expect(
      correlation(
        joint([
          [5, 4],
          [5, 3],
        ]),
      ),
    ).toEqual({ r: null, n: 2, reason: 'constant: every respondent gave the same score' })
  })

  it('says why when nobody answered both', () => {
    expect(correlation(new Array(25).fill(0))).toEqual({
      r: null,
      n: 0,
      reason: 'no respondents answered both',
    })
  })
})

describe('socialConcern', () => {
  it('is the mean of the five shares (table 104, footnote 11)', () => {
    const parts = {
      dissatisfied: 0.02,
      distrust: 0.01,
      complaints: 0.005,
      informalPayments: 0,
      connections: 0.015,
    }
    expect(socialConcern(parts).index).toBeCloseTo(0.01, 12)
  })
  it('names the missing parts', () => {
    const parts = {
      dissatisfied: 0.02,
      distrust: null,
      complaints: 0.005,
      informalPayments: 0,
      connections: null,
    }
    expect(socialConcern(parts)).toEqual({ index: null, missing: ['distrust', 'connections'] })
  })
})
