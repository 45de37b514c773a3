import { describe, expect, it } from 'vitest'
import { rake } from '../../../engine/weighting'
import { cells, expectRelative, survey, weightsOf } from './survey'

/*
 * Oracle: R 4 with survey 4.1.1 (Lumley's `rake`, IPF by repeated postStratify), on the
 * survey of ./survey.ts expanded to one row per respondent. The weights printed are one per
 * cell, in the order of `cells`.
 *
 * library(survey) # 4.1.1
 * cells <- data.frame(
 *   region = c('Almaty', 'Almaty', 'Almaty', 'Astana', 'Astana', 'Astana', 'Shymkent', 'Shymkent', 'Shymkent', 'Almaty'),
 *   gender = c('female', 'female', 'male', 'female', 'male', 'male', 'female', 'female', 'male', 'male'),
 *   w = c(1, 2, 1, 1, 1, 1.5, 1, 0.5, 1, 0.8),
 *   count = c(12, 3, 8, 9, 11, 4, 5, 6, 7, 5))
 * d <- cells[rep(seq_len(nrow(cells)), cells$count), ]
 * d$cell <- rep(seq_len(nrow(cells)), cells$count)
 * total <- sum(d$w) # 71: totals on the base weights' scale
 * pop <- list(data.frame(region = c('Almaty', 'Astana', 'Shymkent'), Freq = c(0.3, 0.45, 0.25) * total),
 *             data.frame(gender = c('female', 'male'), Freq = c(0.52, 0.48) * total))
 * rk <- function(des) rake(des, list(~region, ~gender), pop, control = list(epsilon = 1e-14, maxit = 1000))
 * show <- function(w) print(sprintf('%.17g', w[!duplicated(d$cell)]))
 * w <- weights(rk(svydesign(ids = ~1, weights = ~w, data = d)))
 * show(w)
 * cat(sprintf('%.17g', sum(w)^2 / (length(w) * sum(w^2))), '\n') # Kish efficiency
 */
const R_WEIGHTS = [
  0.7695632775593898, 1.5391265551187796, 0.6206550836609156, 1.4068350988246836, 1.134616712386932,
  1.7019250685803973, 1.3007931393136039, 0.65039656965680193, 1.0490935550701668,
  0.4965240669287328,
]
const R_EFFICIENCY = 0.89137400556060364

describe('rake', () => {
  it("matches R's survey::rake on a hand-made survey, converged to 1e-10", () => {
    const { factors, summary } = rake({ ...survey, tolerance: 1e-12 })
    expect(summary.converged).toBe(true)
    expect(summary.maxError).toBeLessThanOrEqual(1e-12)
    expectRelative(weightsOf(factors), R_WEIGHTS, 1e-10)
    expect(summary.efficiency).toBeCloseTo(R_EFFICIENCY, 10)
    expect(summary.designEffect).toBeCloseTo(1 / R_EFFICIENCY, 10)
    expect(summary.minWeight).toBeCloseTo(0.4965240669287328, 10) // Almaty male, base 0.8
    expect(summary.maxWeight).toBeCloseTo(1.7019250685803973, 10) // Astana male, base 1.5
    expect(summary).toMatchObject({ trimmed: 0, trimPasses: 0, outside: 0 })
  })

  it('reaches the default tolerance 1e-10 within the default 100 sweeps', () => {
    const { factors, summary } = rake(survey)
    expect(summary.converged).toBe(true)
    expect(summary.iterations).toBeLessThan(100)
    expect(summary.maxError).toBeLessThanOrEqual(1e-10)
    // A share off by 1e-10 moves a cell's weight by about 1e-10 / its share (≥ 0.05 here).
    expectRelative(weightsOf(factors), R_WEIGHTS, 2e-9)
  })

  it('keeps the mean weight equal to the mean base weight (71 / 70)', () => {
    const { factors } = rake(survey)
    const total = weightsOf(factors).reduce((s, w, i) => s + w * cells[i].count, 0)
    expect(total).toBeCloseTo(71, 12)
  })

  it('reports target, achieved and unweighted shares per role and category', () => {
    const { summary } = rake({ ...survey, tolerance: 1e-12 })
    // Unweighted: respondents 28, 24, 18 of 70 by region; 35 and 35 by gender.
    const expected = [
      {
        role: 'region',
        shares: [
          ['Almaty', 0.3, 0.4],
          ['Astana', 0.45, 24 / 70],
          ['Shymkent', 0.25, 18 / 70],
        ],
      },
      {
        role: 'gender',
        shares: [
          ['female', 0.52, 0.5],
          ['male', 0.48, 0.5],
        ],
      },
    ] as const
    expect(summary.margins.map((m) => m.role)).toEqual(['region', 'gender'])
    expected.forEach(({ shares }, r) => {
      const got = summary.margins[r].categories
      expect(got.map((c) => c.category)).toEqual(shares.map(([label]) => label))
      shares.forEach(([, target, unweighted], c) => {
        expect(got[c].target).toBe(target)
        expect(got[c].unweighted).toBeCloseTo(unweighted, 15)
        expect(Math.abs(got[c].achieved - target)).toBeLessThanOrEqual(1e-12)
      })
    })
  })

  it('matches the closed form of a 2 × 2 table: IPF keeps the odds ratio (Deming & Stephan 1940)', () => {
    // Sample counts [[20, 10], [10, 20]] (odds ratio 4), all base weights 1, n = 60; targets
    // region A 0.6 / B 0.4 (36, 24), gender F 0.5 / M 0.5 (30, 30). With x the raked AF
    // total: x (24 − 30 + x) = 4 (36 − x)(30 − x), i.e. x² − 86x + 1440 = 0, x = 43 − √409;
    // then AM = 36 − x, BF = 30 − x, BM = x − 6, each divided by its cell's count.
    const s = Math.sqrt(409)
    const { factors, summary } = rake({
      roles: ['region', 'gender'],
      categories: [
        ['A', 'B'],
        ['F', 'M'],
      ],
      cells: [
        { categories: [0, 0], weight: 1, count: 20 },
        { categories: [0, 1], weight: 1, count: 10 },
        { categories: [1, 0], weight: 1, count: 10 },
        { categories: [1, 1], weight: 1, count: 20 },
      ],
      margins: new Map([
        [
          'region',
          new Map([
            ['A', 0.6],
            ['B', 0.4],
          ]),
        ],
        [
          'gender',
          new Map([
            ['F', 0.5],
            ['M', 0.5],
          ]),
        ],
      ]),
      tolerance: 1e-13,
    })
    expect(summary.converged).toBe(true)
    expectRelative(factors, [(43 - s) / 20, (s - 7) / 10, (s - 13) / 10, (37 - s) / 20], 1e-10)
  })

  it('post-stratifies exactly in one sweep with one role (the JSDoc example)', () => {
    const { factors, summary } = rake({
      roles: ['region'],
      categories: [['North', 'South']],
      cells: [
        { categories: [0], weight: 1, count: 3 },
        { categories: [1], weight: 1, count: 1 },
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
    })
    expect(factors[0]).toBeCloseTo(2 / 3, 15)
    expect(factors[1]).toBeCloseTo(2, 15)
    expect(summary.iterations).toBe(1)
    expect(summary.efficiency).toBeCloseTo(0.75, 15) // 4² / (4 × (3 × 4/9 + 4))
    expect(summary.designEffect).toBeCloseTo(4 / 3, 15)
  })

  it('rescales shares that sum to 1 within 1e-6, so the roles agree and raking converges', () => {
    // Region shares sum to 1 + 6e-7: unscaled, no weights could hit both roles within 1e-10.
    const margins = new Map(survey.margins)
    margins.set(
      'region',
      new Map([
        ['Almaty', 0.3000002],
        ['Astana', 0.4500002],
        ['Shymkent', 0.2500002],
      ]),
    )
    const { summary } = rake({ ...survey, margins })
    expect(summary.converged).toBe(true)
    const targets = summary.margins[0].categories.map((c) => c.target)
    expect(targets[0]).toBeCloseTo(0.3000002 / 1.0000006, 15)
    expect(targets.reduce((a, b) => a + b)).toBeCloseTo(1, 15)
  })

  it('reports, never throws, when the margins are impossible (a structural zero)', () => {
    // No respondent is an Almaty man, so Almaty ⊂ women: Almaty ≤ 0.2 < 0.5 whatever the
    // weights, and the margin error cannot fall below 0.3.
    const { factors, summary } = rake({
      roles: ['region', 'gender'],
      categories: [
        ['Almaty', 'Astana'],
        ['female', 'male'],
      ],
      cells: [
        { categories: [0, 0], weight: 1, count: 10 },
        { categories: [1, 0], weight: 1, count: 10 },
        { categories: [1, 1], weight: 1, count: 10 },
      ],
      margins: new Map([
        [
          'region',
          new Map([
            ['Almaty', 0.5],
            ['Astana', 0.5],
          ]),
        ],
        [
          'gender',
          new Map([
            ['female', 0.2],
            ['male', 0.8],
          ]),
        ],
      ]),
    })
    expect(summary.converged).toBe(false)
    expect(summary.iterations).toBe(100)
    expect(summary.maxError).toBeGreaterThanOrEqual(0.3 - 1e-12)
    expect(factors.every(Number.isFinite)).toBe(true)
  })

  it('stops at maxIterations and says it did not converge', () => {
    const { summary } = rake({ ...survey, maxIterations: 2 })
    expect(summary.iterations).toBe(2)
    expect(summary.converged).toBe(false)
    expect(summary.maxError).toBeGreaterThan(1e-10)
  })
})
