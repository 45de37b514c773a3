import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ROLES } from '../../engine/index'
import { signedPost } from './support'

// Labels named like Object.prototype's members are the engine's property test's to draw (a
// separate change makes every map of survey text a Map); random text almost never is one.
const prototypeName = (text: string) => text in Object.prototype || text === '__proto__'
const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !prototypeName(s))
const HEADERS = [
  'Қызмет',
  'Жалпы баға',
  'Мемлекеттік орган',
  'Өңір',
  'Арна',
  'Сенім',
  'Салмақ',
  'Шағым',
]

/** A cell of any JSON type: mostly what sheets hold, sometimes what no sheet does. */
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 12 }) },
  { weight: 4, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '5',
      '4,0',
      'Иә',
      'Жоқ',
      'ХҚКО',
      '=A1',
      '#NO_VALUE! =A1',
      '#N/A',
      null,
      true,
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)
const header = fc.array(fc.oneof(fc.constantFrom(...HEADERS), cell), { maxLength: 10 })
const options = fc.dictionary(
  fc.constantFrom(
    'locale',
    'minBase',
    'order',
    'tables',
    'firstRow',
    'maxIssues',
    'scale',
    'other',
  ),
  fc.oneof(
    fc.constantFrom('kk', 'ru', 'en', 'mean', 'wilson', 1, 30, 2, ['rating'], ['issues', 'x']),
    fc.jsonValue({ maxDepth: 2 }),
  ),
)
const mapping = fc.dictionary(
  fc.oneof(fc.constantFrom(...ROLES), text),
  fc.oneof(fc.constantFrom(...HEADERS), fc.jsonValue({ maxDepth: 1 })),
)
const rows = fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 40 })
const column = fc.oneof(
  fc.record({ values: fc.array(cell, { maxLength: 40 }) }),
  fc.record({
    dict: fc.array(cell, { maxLength: 8 }),
    codes: fc.array(fc.oneof(fc.integer({ min: -2, max: 9 }), cell), { maxLength: 40 }),
  }),
  fc.jsonValue({ maxDepth: 2 }),
)
const survey = fc.oneof(
  fc.record({ header, rows }, { requiredKeys: ['header'] }),
  fc.record({ header, columns: fc.array(column, { maxLength: 10 }) }, { requiredKeys: ['header'] }),
)
/** Bodies of every shape: surveys (with mapping and options or not), states, any JSON. */
const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(survey, fc.option(mapping), fc.option(options))
      .map(([s, m, o]) => ({ ...s, ...(m ? { mapping: m } : {}), ...(o ? { options: o } : {}) })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      states: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 3 }), fc.jsonValue()),
      options: fc.option(options, { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
)

describe('no input gets a 5xx (issue 11)', () => {
  it('answers every random JSON body within the limits with 2xx or 4xx, in JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('/v1/report', '/v1/aggregate'),
        async (value, path) => {
          const response = await signedPost(path, JSON.stringify(value))
          const reply = (await response.json()) as { error?: string }
          expect(response.status, JSON.stringify(value).slice(0, 500)).toBeLessThan(500)
          if (response.status >= 400) expect(typeof reply.error).toBe('string')
        },
      ),
      { numRuns: 400 },
    )
  })

  it('answers a body that reaches the engine, on the real headers, never with a 5xx', async () => {
    const scored = fc.record({
      header: fc.constant(HEADERS),
      rows: fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), {
        minLength: 1,
        maxLength: 60,
      }),
    })
    await fc.assert(
      fc.asyncProperty(scored, async (value) => {
        const response = await signedPost('/v1/report', JSON.stringify(value))
        expect(response.status, JSON.stringify(value).slice(0, 500)).toBeLessThan(500)
      }),
      { numRuns: 200 },
    )
  })
})
