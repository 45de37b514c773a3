import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ROLES } from '../../engine/index'
import { signedPost } from './support'

// Any text, with the names of Object.prototype's members and __proto__ drawn often: every
// map of survey text is a Map or a list, so none of them is special (issue 11).
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__']
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(...PROTOTYPE_NAMES),
)
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
  // Weights whose square or sum leaves the double range (a CI counterexample was 2⁵¹²).
  { weight: 1, arbitrary: fc.constantFrom(2 ** 512, 1e-200, 5e-324, 1e300, 1e31) },
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

describe('any label is a group of its own (issue 11)', () => {
  // Services and regions named like Object.prototype's members, __proto__, and random text.
  const label = fc.oneof(
    fc.constantFrom(...PROTOTYPE_NAMES),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''),
  )
  const respondents = fc.array(fc.tuple(label, label, fc.integer({ min: 1, max: 5 })), {
    minLength: 2,
    maxLength: 40,
  })
  const header = ['Қызмет', 'Өңір', 'Жалпы баға']
  /** The trimmed labels, with their whitespace collapsed, as the engine reads a label. */
  const clean = (s: string) => s.trim().replace(/\s+/g, ' ')

  it('comes back through one request and through a fan-out, each with its count', async () => {
    await fc.assert(
      fc.asyncProperty(respondents, async (rows) => {
        const expected = new Map<string, number>()
        for (const [service] of rows) {
          expected.set(clean(service), (expected.get(clean(service)) ?? 0) + 1)
        }
        const options = { minBase: 1, tables: ['rating', 'regions'] }
        const one = (await (
          await signedPost('/v1/report', JSON.stringify({ header, rows, options }))
        ).json()) as { tables: { rows: Record<string, unknown>[] }[] }
        const half = Math.ceil(rows.length / 2)
        const states = []
        for (const [start, end] of [
          [0, half],
          [half, rows.length],
        ]) {
          const body = { header, rows: rows.slice(start, end), options: { firstRow: start + 2 } }
          const reply = (await (
            await signedPost('/v1/aggregate', JSON.stringify(body))
          ).json()) as { state: unknown }
          states.push(reply.state)
        }
        const merged = (await (
          await signedPost('/v1/report', JSON.stringify({ states, options }))
        ).json()) as typeof one
        for (const report of [one, merged]) {
          const got = new Map(
            report.tables[0].rows.map((r) => [r.service as string, r.n as number]),
          )
          expect(got).toEqual(expected)
          const regions = new Set(report.tables[1].rows.map((r) => r.region as string))
          expect(regions).toEqual(new Set(rows.map(([, region]) => clean(region))))
        }
        expect(merged.tables).toEqual(one.tables)
      }),
      { numRuns: 60 },
    )
  })
})

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
