import { describe, expect, it } from 'vitest'
import { SurveyError } from '../../../engine'
import { RakeError, type RakeInput, rake } from '../../../engine/weighting'
import { survey } from './survey'

const withMargin = (role: string, shares: [string, number][] | undefined): RakeInput => {
  const margins = new Map(survey.margins)
  if (shares) margins.set(role, new Map(shares))
  else margins.delete(role)
  return { ...survey, margins }
}

/** The RakeError `rake` throws on this input (failing the test if it throws none). */
const refusal = (input: RakeInput): RakeError => {
  try {
    rake(input)
  } catch (error) {
    expect(error).toBeInstanceOf(RakeError)
    return error as RakeError
  }
  throw new Error('rake did not refuse')
}

describe('rake refuses, naming the role and category', () => {
  it('as a SurveyError (bad_input), so the Worker and the add-on already report it', () => {
    const error = refusal(withMargin('age', [['18-29', 1]]))
    expect(error).toBeInstanceOf(SurveyError)
    expect(error.code).toBe('bad_input')
    expect(error.details).toEqual({
      field: 'weighting.margins',
      reason: 'unknown_role',
      role: 'age',
      categories: undefined,
      count: undefined,
    })
  })

  it('a role in the margins that is not raked', () => {
    const error = refusal(withMargin('age', [['18-29', 1]]))
    expect(error.message).toBe(
      'the margins name the role "age", which is not among the raking roles ("region", "gender")',
    )
    expect(error).toMatchObject({ reason: 'unknown_role', role: 'age' })
  })

  it('a raked role without margins', () => {
    const error = refusal(withMargin('gender', undefined))
    expect(error.message).toBe('the raking role "gender" has no margins')
    expect(error).toMatchObject({ reason: 'role_without_margins', role: 'gender' })
  })

  it('a negative share', () => {
    const error = refusal(
      withMargin('region', [
        ['Almaty', -0.1],
        ['Astana', 0.85],
        ['Shymkent', 0.25],
      ]),
    )
    expect(error.message).toBe(
      'the share of region "Almaty" must be a number from 0 to 1, not -0.1',
    )
    expect(error).toMatchObject({ reason: 'bad_shares', role: 'region', categories: ['Almaty'] })
  })

  it('a share that is not a number', () => {
    const error = refusal(
      withMargin('gender', [
        ['female', Number.NaN],
        ['male', 0.48],
      ]),
    )
    expect(error.message).toBe('the share of gender "female" must be a number from 0 to 1, not NaN')
  })

  it('shares that do not sum to 1 within 1e-6', () => {
    const error = refusal(
      withMargin('region', [
        ['Almaty', 0.3],
        ['Astana', 0.45],
        ['Shymkent', 0.2500011],
      ]),
    )
    expect(error.message).toBe('the shares of "region" sum to 1.0000011, not 1')
    expect(error).toMatchObject({ reason: 'bad_shares', role: 'region' })
    // Percentages instead of shares are caught the same way.
    expect(
      refusal(
        withMargin('gender', [
          ['female', 52],
          ['male', 48],
        ]),
      ).message,
    ).toBe('the shares of "gender" sum to 100, not 1')
  })

  it('respondents without a category, with their count, instead of dropping them', () => {
    const cells = [
      ...survey.cells,
      { categories: [1, -1], weight: 1, count: 6 },
      { categories: [2, -1], weight: 2, count: 1 },
    ]
    const error = refusal({ ...survey, cells })
    expect(error.message).toBe(
      "7 respondents have no gender: raking needs every respondent's gender",
    )
    expect(error).toMatchObject({ reason: 'missing_category', role: 'gender', count: 7 })
    const one = refusal({
      ...survey,
      cells: [...survey.cells, { categories: [-1, 0], weight: 1, count: 1 }],
    })
    expect(one.message).toBe("1 respondent has no region: raking needs every respondent's region")
  })

  it('a category in the margins that no respondent has', () => {
    const error = refusal(
      withMargin('region', [
        ['Almaty', 0.3],
        ['Astana', 0.4],
        ['Shymkent', 0.25],
        ['Turkistan', 0.05],
      ]),
    )
    expect(error.message).toBe('region "Turkistan" is in the margins but no respondent has it')
    expect(error).toMatchObject({
      reason: 'absent_category',
      role: 'region',
      categories: ['Turkistan'],
    })
    // Listed among the data's labels but held by no respondent is absent too.
    const listed = refusal({
      ...withMargin('region', [
        ['Almaty', 0.3],
        ['Astana', 0.4],
        ['Shymkent', 0.25],
        ['Aktobe', 0.03],
        ['Abai', 0.02],
      ]),
      categories: [
        ['Almaty', 'Astana', 'Shymkent', 'Aktobe'],
        ['female', 'male'],
      ],
    })
    expect(listed.message).toBe(
      'region "Aktobe", "Abai" are in the margins but no respondent has them',
    )
    expect(listed.categories).toEqual(['Aktobe', 'Abai'])
  })

  it('a category with respondents that the margins leave out', () => {
    const error = refusal(
      withMargin('region', [
        ['Almaty', 0.4],
        ['Astana', 0.6],
      ]),
    )
    expect(error.message).toBe(
      'region "Shymkent" (18 respondents) is in the data but not in the margins',
    )
    expect(error).toMatchObject({
      reason: 'unlisted_category',
      role: 'region',
      categories: ['Shymkent'],
      count: 18,
    })
    const one = refusal({
      ...survey,
      categories: [
        ['Almaty', 'Astana', 'Shymkent', 'Aktobe'],
        ['female', 'male'],
      ],
      cells: [...survey.cells, { categories: [3, 0], weight: 1, count: 1 }],
    })
    expect(one.message).toBe('region "Aktobe" (1 respondent) is in the data but not in the margins')
  })

  it('a category with respondents but share 0, which would weight them 0', () => {
    const error = refusal(
      withMargin('region', [
        ['Almaty', 0.4],
        ['Astana', 0.6],
        ['Shymkent', 0],
      ]),
    )
    expect(error.message).toBe(
      'region "Shymkent" has share 0 in the margins but 18 respondents, who would get weight 0',
    )
    expect(error).toMatchObject({
      reason: 'zero_share',
      role: 'region',
      categories: ['Shymkent'],
      count: 18,
    })
  })

  it('accepts a label of the data that no respondent holds and the margins leave out', () => {
    const { summary } = rake({
      ...survey,
      categories: [
        ['Almaty', 'Astana', 'Shymkent', 'Aktobe'],
        ['female', 'male'],
      ],
    })
    expect(summary.converged).toBe(true)
    expect(summary.margins[0].categories.map((c) => c.category)).toEqual([
      'Almaty',
      'Astana',
      'Shymkent',
    ])
  })

  it('cells and options it cannot read', () => {
    const cases: [Partial<RakeInput>, string][] = [
      [{ roles: [], categories: [] }, 'raking needs at least one role'],
      [{ roles: ['region', 'region'] }, 'the raking roles repeat a role: "region", "region"'],
      [
        { categories: [['Almaty', 'Astana', 'Shymkent']] },
        '2 raking roles but category labels for 1',
      ],
      [
        {
          categories: [
            ['Almaty', 'Almaty', 'Shymkent'],
            ['female', 'male'],
          ],
        },
        'the categories of "region" repeat a label',
      ],
      [{ cells: [] }, 'raking needs respondents'],
      [
        { cells: [{ categories: [0], weight: 1, count: 1 }] },
        'raking cell 1 has 1 categories, not one per raking role (2)',
      ],
      [
        { cells: [{ categories: [0, 2], weight: 1, count: 1 }] },
        'raking cell 1 has category 2 for "gender", which has 2',
      ],
      [
        { cells: [{ categories: [0, 0], weight: 0, count: 1 }] },
        'raking cell 1 has base weight 0, not a positive number',
      ],
      [
        { cells: [{ categories: [0, 0], weight: 1, count: 1.5 }] },
        'raking cell 1 has count 1.5, not a positive integer',
      ],
      [{ tolerance: 0 }, 'raking tolerance 0 must be a positive number'],
      [{ maxIterations: 0 }, 'raking maxIterations 0 must be a positive integer'],
      [{ trim: { min: 1.5 } }, 'trimming min 1.5 must be from 0 to 1 (times the mean weight)'],
      [{ trim: { max: 0.5 } }, 'trimming max 0.5 must be at least 1 (times the mean weight)'],
    ]
    for (const [change, message] of cases) {
      const error = refusal({ ...survey, ...change })
      expect(error.message).toBe(message)
      expect(error.reason).toBe('bad_input')
    }
  })
})
