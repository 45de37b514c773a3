/** A small hand-made survey for the raking tests: 2 roles, 3 × 2 categories, 10 cells, n = 70. */
import { expect } from 'vitest'
import type { RakeCell, RakeInput } from '../../../engine/weighting'

const cell = (region: number, gender: number, weight: number, count: number): RakeCell => ({
  categories: [region, gender],
  weight,
  count,
})

/**
 * Region 0 Almaty, 1 Astana, 2 Shymkent; gender 0 female, 1 male. Base weights vary inside
 * cells of the same categories (a weight column), so the factors must multiply them.
 * Σ base weights = 71; respondents 28 / 24 / 18 by region, 35 / 35 by gender.
 */
export const cells: RakeCell[] = [
  cell(0, 0, 1, 12),
  cell(0, 0, 2, 3),
  cell(0, 1, 1, 8),
  cell(1, 0, 1, 9),
  cell(1, 1, 1, 11),
  cell(1, 1, 1.5, 4),
  cell(2, 0, 1, 5),
  cell(2, 0, 0.5, 6),
  cell(2, 1, 1, 7),
  cell(0, 1, 0.8, 5),
]

export const survey: RakeInput = {
  roles: ['region', 'gender'],
  categories: [
    ['Almaty', 'Astana', 'Shymkent'],
    ['female', 'male'],
  ],
  cells,
  margins: new Map([
    [
      'region',
      new Map([
        ['Almaty', 0.3],
        ['Astana', 0.45],
        ['Shymkent', 0.25],
      ]),
    ],
    [
      'gender',
      new Map([
        ['female', 0.52],
        ['male', 0.48],
      ]),
    ],
  ]),
}

/** Final weight of each cell: base weight × factor. */
export const weightsOf = (factors: readonly number[], of: readonly RakeCell[] = cells): number[] =>
  factors.map((f, i) => of[i].weight * f)

/** Each actual value within `relative` of the expected one, as a share of it. */
export function expectRelative(
  actual: readonly number[],
  expected: readonly number[],
  relative: number,
) {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((a, i) => {
    expect(
      Math.abs(a - expected[i]) / Math.abs(expected[i]),
      `value ${i}: ${a} vs ${expected[i]}`,
    ).toBeLessThanOrEqual(relative)
  })
}
