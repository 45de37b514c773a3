import { describe, expect, it } from 'vitest'
import { type RakeInput, type RakeSummary, rake } from '../../../engine/weighting'
import { cells, expectRelative, survey, weightsOf } from './survey'

const MEAN_BASE = 71 / 70 // the mean weight, kept by raking

/** One role; North holds 10 respondents of base weight 1 and 2 of base weight 4. n = 20, Σw = 26. */
const northSouth = (trim: RakeInput['trim']) =>
  rake({
    roles: ['region'],
    categories: [['North', 'South']],
    cells: [
      { categories: [0], weight: 1, count: 10 },
      { categories: [0], weight: 4, count: 2 },
      { categories: [1], weight: 1, count: 8 },
    ],
    margins: new Map([
      [
        'region',
        new Map([
          ['North', 0.5],
          ['South', 0.5],
        ]),
      ],
    ]),
    trim,
  })

const expectMarginsHit = (summary: RakeSummary, tolerance = 1e-10) => {
  for (const { categories } of summary.margins) {
    for (const c of categories)
      expect(Math.abs(c.achieved - c.target)).toBeLessThanOrEqual(tolerance)
  }
}

/*
 * Hand-derived (one role, so raking is post-stratification). Mean weight 26 / 20 = 1.3; each
 * region must carry 13. Untrimmed: North × 13/18 gives 0.7222… and 2.8889…, South × 13/8 = 1.625.
 * - max 2 (cap 2.6): the fixed point holds the weight-4 pair at 2.6 (5.2 together) and gives
 *   North's 10 others (13 − 5.2) / 10 = 0.78; South stays 1.625.
 * - min 0.58 (floor 0.754): North's 10 at 0.754 (7.54), the pair (13 − 7.54) / 2 = 2.73.
 * R's survey::trimWeights is not the oracle here: it clamps once and spreads the excess evenly
 * without re-raking. trimWeights(rake(...), upper = 2.6) gives 0.7543, 2.6 and 1.6571, so North
 * falls to 0.4901 of the weight instead of 0.5: the margin the raking was for is lost.
 */
describe('trimming', () => {
  it('binds an upper bound and keeps the margins (hand-derived)', () => {
    const untrimmed = northSouth(undefined)
    expect(untrimmed.factors[1] * 4).toBeCloseTo(52 / 18, 14) // 2.889 > the cap 2.6
    const { factors, summary } = northSouth({ max: 2 })
    const weights = factors.map((f, i) => f * [1, 4, 1][i])
    expectRelative(weights, [0.78, 2.6, 1.625], 1e-9)
    expect(summary.maxWeight).toBeLessThanOrEqual(2 * 1.3 * (1 + 1e-9))
    expect(summary).toMatchObject({ converged: true, trimmed: 2, outside: 0 })
    expect(summary.trimPasses).toBeGreaterThan(0)
    expectMarginsHit(summary)
  })

  it('binds a lower bound and keeps the margins (hand-derived)', () => {
    const { factors, summary } = northSouth({ min: 0.58 })
    expectRelative(
      factors.map((f, i) => f * [1, 4, 1][i]),
      [0.754, 2.73, 1.625],
      1e-9,
    )
    expect(summary.minWeight).toBeGreaterThanOrEqual(0.58 * 1.3 * (1 - 1e-9))
    expect(summary).toMatchObject({ converged: true, trimmed: 10, outside: 0 })
    expectMarginsHit(summary)
  })

  /*
   * Oracle: the same R session as rake.test.ts, trimming as Sapa does it (rake, clamp to
   * [lo, hi] × mean, rake again, until no weight is outside), with R's rake doing the IPF:
   *
   * trimmed <- function(lo, hi) {
   *   des <- svydesign(ids = ~1, weights = ~w, data = d)
   *   repeat {
   *     w <- weights(rk(des)); m <- mean(w)
   *     if (all(w <= hi * m * (1 + 1e-13) & w >= lo * m * (1 - 1e-13))) return(w)
   *     d$tw <- pmin(pmax(w, lo * m), hi * m)
   *     des <- svydesign(ids = ~1, weights = ~tw, data = d)
   *   }
   * }
   * show(trimmed(0, 1.6)); show(trimmed(0.56, 1.6)); show(trimmed(0.6, 1.45))
   *
   * Untrimmed, the weights run from 0.4965 (0.49 × mean) to 1.7019 (1.68 × mean).
   */
  const R_TRIMMED = [
    {
      trim: { max: 1.6 },
      weights: [
        0.76679836990919881, 1.5335967398183976, 0.62480244513620198, 1.4172770251538012,
        1.154825291107908, 1.6228571428572023, 1.2952670144062775, 0.64763350720313873,
        1.0554091263928258, 0.49984195610896148,
      ],
      atBound: 4, // Astana men of base weight 1.5, at 1.6 × mean
    },
    {
      // The lower bound holds Almaty men of base weight 0.8 at 0.56 × mean = 0.568; raking
      // again then leaves the Astana men just under the upper bound, so only the floor binds.
      trim: { min: 0.56, max: 1.6 },
      weights: [
        0.75639671339639003, 1.5127934267927801, 0.60560739485816384, 1.4296847897772385,
        1.144674038994135, 1.6228556157673022, 1.3047120063587294, 0.65235600317936471,
        1.0446148498757453, 0.56799999999995543,
      ],
      atBound: 5,
    },
    {
      // Both bounds clamp along the way; at the end the Astana men sit at 1.45 × mean, while
      // the two Almaty male cells, clamped together to the floor earlier, were raked back
      // above it (0.6088 > 0.6 × mean = 0.6086) and now share one weight.
      trim: { min: 0.6, max: 1.45 },
      weights: [
        0.75482635537611442, 1.4425505172310216, 0.60880247567642809, 1.4586398475764686,
        1.1763076571776689, 1.4707142857143576, 1.3008341944506692, 0.65041709722533458,
        1.0490466349135212, 0.60880247567642809,
      ],
      atBound: 4,
    },
  ]

  for (const { trim, weights, atBound } of R_TRIMMED) {
    it(`matches rake-then-trim in R with bounds ${JSON.stringify(trim)}`, () => {
      const { factors, summary } = rake({ ...survey, trim, tolerance: 1e-12, maxIterations: 1000 })
      expect(summary.converged).toBe(true)
      expectRelative(weightsOf(factors), weights, 1e-10)
      expect(summary.trimmed).toBe(atBound)
      expectMarginsHit(summary, 1e-12)
    })
  }

  it('actually trims with the default tolerance and sweeps: bounds hold within 1e-9, margins hit', () => {
    const untrimmed = rake(survey).summary
    expect(untrimmed.maxWeight).toBeGreaterThan(1.6 * MEAN_BASE * 1.04)
    const { factors, summary } = rake({ ...survey, trim: { max: 1.6 } })
    expect(summary).toMatchObject({ converged: true, outside: 0, trimmed: 4 })
    expect(summary.iterations).toBeLessThanOrEqual(100)
    const weights = weightsOf(factors)
    const mean = weights.reduce((s, w, i) => s + w * cells[i].count, 0) / 70
    expect(mean).toBeCloseTo(MEAN_BASE, 12)
    expect(Math.max(...weights)).toBeLessThanOrEqual(1.6 * mean + 1e-9)
    expect(summary.maxWeight).toBe(Math.max(...weights))
    expectMarginsHit(summary)
    // Trimming spreads the weights less: efficiency rises, the design effect falls.
    expect(summary.efficiency).toBeGreaterThan(untrimmed.efficiency)
    expect(summary.designEffect).toBeLessThan(untrimmed.designEffect)
  })

  it('reports bounds no weighting can meet, with how many respondents stay outside', () => {
    // Astana's 24 respondents must carry 0.45 × 71 = 31.95, an average of 1.331 > 1.3 × mean
    // (1.3186): some Astana weight must exceed the bound, whatever the weights.
    const { summary } = rake({ ...survey, trim: { max: 1.3 } })
    expect(summary.converged).toBe(false)
    expect(summary.iterations).toBe(100)
    expect(summary.outside).toBeGreaterThan(0)
    expect(summary.maxWeight).toBeGreaterThan(1.3 * MEAN_BASE)
  })

  it('leaves the weights alone when the bounds do not bind', () => {
    const plain = rake(survey)
    const loose = rake({ ...survey, trim: { min: 0.1, max: 10 } })
    expect(loose.factors).toEqual(plain.factors)
    expect(loose.summary).toMatchObject({ trimPasses: 0, trimmed: 0, outside: 0, converged: true })
  })
})
