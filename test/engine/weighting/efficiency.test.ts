import { describe, expect, it } from 'vitest'
import { rake, weightingEfficiency } from '../../../engine/weighting'

// Kish (1965; 1992): efficiency (Σw)² / (n·Σw²); design effect 1 / efficiency = 1 + CV²,
// CV² = population variance of the weights / mean². Expected values worked by hand.
describe('weightingEfficiency', () => {
  it('is 1 for equal weights, whatever their value', () => {
    expect(weightingEfficiency([1, 1, 1])).toBe(1)
    expect(weightingEfficiency([2.5], [40])).toBe(1)
  })

  it('matches (Σw)² / (n·Σw²) on hand numbers', () => {
    // Weights 1, 1, 2, 4: Σw = 8, Σw² = 22, n = 4 → 64 / 88 = 8 / 11.
    expect(weightingEfficiency([1, 1, 2, 4])).toBeCloseTo(8 / 11, 15)
    // Two respondents weighted 1 and three weighted 2: Σw = 8, Σw² = 14, n = 5 → 64 / 70.
    expect(weightingEfficiency([1, 2], [2, 3])).toBeCloseTo(32 / 35, 15)
  })

  it('has the reciprocal 1 + CV² (Kish)', () => {
    // Weights 1, 1, 2, 4: mean 2, population variance (1 + 1 + 0 + 4) / 4 = 1.5, CV² = 0.375.
    expect(1 / (weightingEfficiency([1, 1, 2, 4]) as number)).toBeCloseTo(1.375, 14)
  })

  it('does not depend on the scale of the weights', () => {
    expect(weightingEfficiency([0.001, 0.002], [2, 3])).toBeCloseTo(32 / 35, 15)
  })

  it('is null without respondents', () => {
    expect(weightingEfficiency([])).toBeNull()
    expect(weightingEfficiency([1, 2], [0, 0])).toBeNull()
  })

  it('is what the raking summary reports, per respondent, not per cell', () => {
    // One role; North 3 respondents, South 1, targets ½ and ½: weights 2/3 (× 3) and 2.
    // Σw = 4, Σw² = 3 × 4/9 + 4 = 16/3, n = 4 → 16 / (4 × 16/3) = 0.75 (per cell it would be 0.8).
    const { summary } = rake({
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
    expect(summary.efficiency).toBeCloseTo(0.75, 15)
    expect(summary.designEffect).toBeCloseTo(4 / 3, 15)
  })
})
