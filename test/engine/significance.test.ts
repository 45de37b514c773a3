/**
 * Which differences are real, at the table level (DESIGN §4; issue 15): the rating's signs
 * against the rest, its corrections, rank ranges and intervals on a small hand-made survey,
 * against scipy/statsmodels (unweighted) and R's survey package (weighted).
 *
 * Unweighted, satisfaction's test is the unpooled two-proportion (Wald) z test, p(1 − p)/n
 * on each side, as statsmodels' test_proportions_2indep(method='wald'); with weights the
 * engine divides p(1 − p) by the design effective base instead of n. The mean's is Welch's t.
 */
import { describe, expect, it } from 'vitest'
import { type Cell, type Correction, report } from '../../engine'
import { expectClose, row, table } from '../support/tables'

/** Counts of the scores 1..5 per service. */
const COUNTS: Record<string, number[]> = {
  A: [0, 1, 2, 7, 30], // m 40, 30 fives
  B: [2, 3, 6, 12, 9], // m 32, 9 fives
  C: [2, 3, 6, 9, 10], // m 30, 10 fives
  D: [0, 1, 3, 6, 10], // m 20, 10 fives
}
const rows: Cell[][] = Object.entries(COUNTS).flatMap(([service, counts]) =>
  counts.flatMap((k, i) => Array.from({ length: k }, () => [service, `R${service}`, i + 1])),
)
const header = ['Қызмет', 'Өңір', 'Жалпы баға']
const rated = (correction?: Correction) =>
  report({ header, rows }, { minBase: 5, significance: correction && { correction } })

/*
 * Oracle: /usr/bin/python3, scipy 1.10.1, statsmodels 0.13.5.
 *
 *   import numpy as np, itertools
 *   from scipy import stats
 *   from statsmodels.stats.multitest import multipletests
 *   from statsmodels.stats.proportion import proportion_confint
 *   S = {'A': [0,1,2,7,30], 'B': [2,3,6,12,9], 'C': [2,3,6,9,10], 'D': [0,1,3,6,10]}
 *   x = {k: np.repeat([1,2,3,4,5], c) for k, c in S.items()}
 *   rest = lambda k: np.concatenate([x[j] for j in S if j != k])
 *   from statsmodels.stats.proportion import test_proportions_2indep
 *   p_sat  = [test_proportions_2indep((x[k] == 5).sum(), len(x[k]), (rest(k) == 5).sum(),
 *             len(rest(k)), method='wald', compare='diff').pvalue for k in S]
 *   p_mean = [stats.ttest_ind(x[k], rest(k), equal_var=False).pvalue for k in S]
 *   multipletests(p_sat, method='fdr_bh')[1]   # and 'holm', 'bonferroni'
 *
 * p_sat  raw [4.557945787579071e-06, 0.003954794170743951, 0.0475278912674866, 0.872581879892782]
 *        fdr_bh [1.82e-05, 0.00791, 0.0634, 0.873]   holm [1.82e-05, 0.0119, 0.0951, 0.873]
 *        bonferroni [1.82e-05, 0.0158, 0.190, 1.0]
 * p_mean raw [6.257182129022848e-06, 0.025713226567710367, 0.04764074311848915, 0.4902692560703136]
 *        fdr_bh [2.50e-05, 0.0514, 0.0635, 0.490]   holm [2.50e-05, 0.0771, 0.0953, 0.490]
 *        bonferroni [2.50e-05, 0.103, 0.191, 1.0]
 *
 * A sign is the direction of a difference that stays significant after the correction.
 */
const SIGNS: Record<Correction, Record<string, [sat: number, mean: number]>> = {
  fdr: { A: [1, 1], B: [-1, 0], C: [0, 0], D: [0, 0] },
  holm: { A: [1, 1], B: [-1, 0], C: [0, 0], D: [0, 0] },
  bonferroni: { A: [1, 1], B: [-1, 0], C: [0, 0], D: [0, 0] },
  // Without a correction B's and C's means are below the rest (p 0.026 and 0.048), and so is
  // C's satisfaction (p 0.0475).
  none: { A: [1, 1], B: [-1, -1], C: [-1, -1], D: [0, 0] },
}

describe('the rating, against the rest', () => {
  it.each(['fdr', 'holm', 'bonferroni', 'none'] as const)(
    'marks satisfaction and mean with the %s correction',
    (correction) => {
      const rating = table(rated(correction), 'rating')
      for (const [service, [sat, mean]] of Object.entries(SIGNS[correction])) {
        expect(row(rating, { service }), `${service}, ${correction}`).toMatchObject({
          sigSatisfaction: sat,
          sigMean: mean,
        })
      }
    },
  )

  it('is corrected with Benjamini–Hochberg by default', () => {
    expect(rated()).toEqual(rated('fdr'))
    expect(table(rated(), 'rating').notes?.[0]).toContain('Бенджамини–Хохберг')
  })

  it('applies the same tests to the regions', () => {
    // Each region holds one service's respondents: the same groups, the same rest.
    const regions = table(rated('none'), 'regions')
    for (const [service, [sat, mean]] of Object.entries(SIGNS.none)) {
      expect(row(regions, { region: `R${service}` })).toMatchObject({
        sigSatisfaction: sat,
        sigMean: mean,
      })
    }
  })
})

describe('the rating’s intervals and rank ranges', () => {
  /*
   * proportion_confint(k, m, alpha=0.05, method='wilson') and
   * stats.t.interval(0.95, m - 1, loc=x.mean(), scale=stats.sem(x)):
   */
  const INTERVALS: Record<string, [number, number, number, number, number]> = {
    // mean, ciLow, ciHigh, meanCiLow, meanCiHigh
    A: [4.65, 0.5980603857923197, 0.858128813609037, 4.426187722008628, 4.873812277991373],
    B: [3.71875, 0.15564580497742764, 0.45374509425916576, 3.296756777383797, 4.140743222616202],
    C: [
      3.7333333333333334, 0.19230498083676129, 0.5121994835545616, 3.2740826941460854,
      4.192583972520581,
    ],
    D: [4.25, 0.2992980081982123, 0.7007019918017877, 3.8238890444280025, 4.676110955571998],
  }

  it('gives Wilson intervals for satisfaction and t intervals for the mean', () => {
    const rating = table(rated(), 'rating')
    for (const [service, [mean, ciLow, ciHigh, meanCiLow, meanCiHigh]] of Object.entries(
      INTERVALS,
    )) {
      const r = row(rating, { service })
      expectClose(r.mean, mean, 1e-15)
      expectClose(r.ciLow, ciLow, 1e-9)
      expectClose(r.ciHigh, ciHigh, 1e-9)
      expectClose(r.meanCiLow, meanCiLow, 1e-9)
      expectClose(r.meanCiHigh, meanCiHigh, 1e-9)
    }
    const regions = table(rated(), 'regions')
    expectClose(row(regions, { region: 'RC' }).meanCiLow, INTERVALS.C[3], 1e-9)
    expectClose(row(regions, { region: 'RC' }).meanCiHigh, INTERVALS.C[4], 1e-9)
  })

  it('ranks by satisfaction, each with the range the significant pairs allow', () => {
    /*
     * The six pairs in rank order A, D, C, B, z as above between the two services,
     * multipletests(p, method='fdr_bh'):
     *   A–D p 0.0622 → 0.124   A–C 0.000191 → 0.000572   A–B 1.06e-05 → 6.37e-05
     *   D–C 0.248 → 0.298      D–B 0.119 → 0.178         C–B 0.662 → 0.662
     * A is above C and B: ranks 1–2; D differs from none: 1–4; C and B are below A: 2–4.
     */
    const rating = table(rated(), 'rating')
    expect(rating.rows.map((r) => [r.rank, r.service, r.rankLow, r.rankHigh])).toEqual([
      [1, 'A', 1, 2],
      [2, 'D', 1, 4],
      [3, 'C', 2, 4],
      [4, 'B', 2, 4],
    ])
  })
})

describe('with weights', () => {
  /*
   * Oracle: R 4, survey 4.1.1. Weights are multiples of 1/8, so the engine counts them exactly.
   *
   *   library(survey)
   *   groups <- list(
   *     P = data.frame(y = c(5,5,4,3,5,2,5,4,1,5,4,5),
   *                    w = c(1.25,0.75,2.5,1,0.5,3,1.5,0.625,2,1,0.875,1.125)),
   *     Q = data.frame(y = c(3,4,5,2,4,4,3,5,1,4,3,4,5,2,4),
   *                    w = c(0.5,1.5,1,2.25,0.75,1.25,1.75,0.5,2.5,1,1.25,0.875,0.375,1.75,1.125)))
   *   z <- qnorm(0.975)
   *   for (g in names(groups)) {
   *     d <- groups[[g]]; des <- svydesign(ids = ~1, weights = ~w, data = d)
   *     m <- svymean(~y, des); ci <- confint(m, df = degf(des))        # t, df = m - 1
   *     s <- svymean(~I(as.numeric(y == 5)), des, deff = 'replace')
   *     p <- coef(s)[[1]]; n <- nrow(d) / deff(s)[[1]]                 # design effective base
   *     wilson <- (p + z^2/(2*n) + c(-1, 1) * z * sqrt(p*(1-p)/n + z^2/(4*n^2))) / (1 + z^2/n)
   *   }
   *   P: Σw 16.125, mean 3.5736434108527133, SE 0.52010827123966863,
   *      CI 2.4288928242132855 4.7183939974921412, p 0.37984496124031009, deff 1.1243014241932574,
   *      Wilson 0.15994080683148393 0.66334932009714997
   *   Q: Σw 18.375, mean 3.0680272108843538, SE 0.38882716344010726,
   *      CI 2.2340758868371715 3.9019785349315361, p 0.10204081632653061, deff 0.67823381671778171,
   *      Wilson 0.030441242635911782 0.29142758312477218
   *   P against Q: Welch t on the design SEs, df (v1 + v2)² / (v1²/11 + v2²/14) = 21.4637758…,
   *     p 0.44470945231509529; z on the proportions' SEs, p 0.099945479151379663: neither differs.
   */
  const P = {
    y: [5, 5, 4, 3, 5, 2, 5, 4, 1, 5, 4, 5],
    w: [1.25, 0.75, 2.5, 1, 0.5, 3, 1.5, 0.625, 2, 1, 0.875, 1.125],
  }
  const Q = {
    y: [3, 4, 5, 2, 4, 4, 3, 5, 1, 4, 3, 4, 5, 2, 4],
    w: [0.5, 1.5, 1, 2.25, 0.75, 1.25, 1.75, 0.5, 2.5, 1, 1.25, 0.875, 0.375, 1.75, 1.125],
  }
  const weighted: Cell[][] = [
    ...P.y.map((y, i) => ['P', y, P.w[i]]),
    ...Q.y.map((y, i) => ['Q', y, Q.w[i]]),
  ]
  const r = report({ header: ['Қызмет', 'Жалпы баға', 'Салмақ'], rows: weighted }, { minBase: 1 })
  const rating = table(r, 'rating')

  it('gives design-based t intervals for the mean, as svymean and confint', () => {
    const p = row(rating, { service: 'P' })
    expect(p.n).toBe(16.125)
    expectClose(p.mean, 3.5736434108527133, 1e-14)
    expectClose(p.meanCiLow, 2.4288928242132855, 1e-9)
    expectClose(p.meanCiHigh, 4.7183939974921412, 1e-9)
    const q = row(rating, { service: 'Q' })
    expect(q.n).toBe(18.375)
    expectClose(q.mean, 3.0680272108843538, 1e-14)
    expectClose(q.meanCiLow, 2.2340758868371715, 1e-9)
    expectClose(q.meanCiHigh, 3.9019785349315361, 1e-9)
  })

  it('gives Wilson intervals on the design effective base', () => {
    const p = row(rating, { service: 'P' })
    expectClose(p.satisfaction, 0.37984496124031009, 1e-14)
    expectClose(p.ciLow, 0.15994080683148393, 1e-9)
    expectClose(p.ciHigh, 0.66334932009714997, 1e-9)
    const q = row(rating, { service: 'Q' })
    expectClose(q.satisfaction, 0.10204081632653061, 1e-14)
    expectClose(q.ciLow, 0.030441242635911782, 1e-9)
    expectClose(q.ciHigh, 0.29142758312477218, 1e-9)
  })

  it('finds no difference where the design-based tests find none', () => {
    expect(rating.rows.map((x) => [x.service, x.sigSatisfaction, x.sigMean])).toEqual([
      ['P', 0, 0],
      ['Q', 0, 0],
    ])
  })
})
