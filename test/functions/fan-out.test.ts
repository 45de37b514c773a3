import { describe, expect, it } from 'vitest'
import { ENGINE_VERSION, type PartialState } from '../../engine/index'
import { call, HEADER, json, signedPost, surveyRows } from './support'

const body = (value: unknown) => JSON.stringify(value)

/** The survey with one bad overall score at data row 100 (sheet row 101). */
function rowsWithIssue() {
  const rows = surveyRows()
  rows[99][1] = 'seven'
  return rows
}

async function aggregateChunk(rows: unknown[][], firstRow: number): Promise<PartialState> {
  const response = await signedPost(
    '/v1/aggregate',
    body({ header: HEADER, rows, options: { firstRow } }),
  )
  expect(response.status).toBe(200)
  const reply = await json(response)
  expect(Object.keys(reply)).toEqual(['engine', 'state'])
  expect(reply.engine).toBe(ENGINE_VERSION)
  return reply.state as PartialState
}

/** The states of the survey cut into chunks of `size` rows, each posted to /v1/aggregate. */
async function statesOf(rows: unknown[][], size: number): Promise<PartialState[]> {
  const chunks = []
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(aggregateChunk(rows.slice(start, start + size), start + 2))
  }
  return Promise.all(chunks)
}

describe('POST /v1/aggregate', () => {
  it("returns one chunk's partial state, naming data issues by their sheet row", async () => {
    const rows = rowsWithIssue()
    const state = await aggregateChunk(rows.slice(90), 92)
    expect(state.format).toBe('sapa.state.v2')
    expect(state.rows).toBe(30)
    expect(state.issues).toEqual([[101, 1, 'seven', expect.any(String)]])
  })

  it('refuses an unsigned chunk with 401', async () => {
    const response = await call('/v1/aggregate', {
      method: 'POST',
      body: body({ header: HEADER, rows: surveyRows() }),
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(401)
  })

  it.each([
    [{ firstRow: 1 }, 'options.firstRow'],
    [{ firstRow: 2.5 }, 'options.firstRow'],
    [{ locale: 'en' }, 'options.locale'],
  ])('answers 400 naming the bad option in %j', async (options, field) => {
    const response = await signedPost(
      '/v1/aggregate',
      body({ header: HEADER, rows: surveyRows(), options }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'bad_request', details: { field } })
  })

  it('names a missing required column, as /v1/report does', async () => {
    const header = HEADER.filter((h) => h !== 'Қызмет')
    const rows = surveyRows().map((row) => row.slice(1))
    const response = await signedPost('/v1/aggregate', body({ header, rows }))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: 'missing_column',
      details: { role: 'service' },
    })
  })
})

describe('POST /v1/report with states', () => {
  it('gives exactly the report of the whole survey, whatever the chunks', async () => {
    const rows = rowsWithIssue()
    const options = { locale: 'en', minBase: 5, plan: true }
    const whole = await json(
      await signedPost('/v1/report', body({ header: HEADER, rows, options })),
    )
    for (const size of [120, 50, 7]) {
      const states = await statesOf(rows, size)
      const response = await signedPost('/v1/report', body({ states, options }))
      expect(response.status).toBe(200)
      const merged = await json(response)
      expect(merged.tables).toEqual(whole.tables)
      expect(merged.summary).toEqual(whole.summary)
      expect(merged.issues).toEqual(whole.issues)
      expect((merged.plan as { requests: unknown[] }).requests.length).toBeGreaterThan(0)
    }
  })

  it('merges the states in any order', async () => {
    const states = await statesOf(rowsWithIssue(), 40)
    const forward = await json(await signedPost('/v1/report', body({ states })))
    const backward = await json(
      await signedPost('/v1/report', body({ states: [...states].reverse() })),
    )
    expect(backward.tables).toEqual(forward.tables)
    expect(backward.issues).toEqual(forward.issues)
  })

  type Spoil = (states: PartialState[]) => unknown
  const cases: [string, Spoil, string][] = [
    ['an empty list', () => [], 'states'],
    ['a wrong format', (s) => [{ ...s[0], format: 'v0' }], 'states[0].format'],
    ['another engine', (s) => [s[0], { ...s[1], engine: '0.0.0' }], 'states[1].engine'],
    [
      'counts of the wrong length',
      (s) => {
        s[1].cells.counts = s[1].cells.counts.slice(1)
        return s
      },
      'states[1].cells.counts',
    ],
    [
      'a count that is not a number',
      (s) => {
        ;(s[0].cells.counts as unknown[])[0] = '12'
        return s
      },
      'states[0].cells.counts',
    ],
    [
      'a negative count',
      (s) => {
        s[0].cells.counts[3] = -1
        return s
      },
      'states[0].cells.counts',
    ],
    [
      'an unknown channel',
      (s) => {
        s[0].cells.keys[3] = 7
        return s
      },
      'states[0].cells.keys[3]',
    ],
    ['no cells', (s) => [{ ...s[0], cells: undefined }], 'states[0].cells'],
    [
      'a layout that is not its schema',
      (s) => [{ ...s[0], layout: 'sapa.state.v2 respondents:1' }],
      'states[0].layout',
    ],
    [
      'another header',
      (s) => [s[0], { ...s[1], header: [...s[1].header, 'extra'] }],
      'states[1].header',
    ],
    [
      'a mapping to no header',
      (s) => [{ ...s[0], mapping: { ...s[0].mapping, overall: 'nowhere' } }],
      'states[0].mapping.overall',
    ],
    [
      // Beyond what weights in 10⁻³⁰..10³⁰ can sum to; the bound keeps the measures' products
      // of up to four sums inside the double range (a state scaled to 10⁻²⁰⁰ gave a 500).
      'a sum too large for any weights',
      (s) => {
        s[0].cells.counts[3] = 1e71
        return s
      },
      'states[0].cells.counts',
    ],
    [
      'a sum too small for any weights',
      (s) => {
        s[1].drivers[0] = 1e-71
        return s
      },
      'states[1].drivers',
    ],
    ['a bad issue', (s) => [{ ...s[0], issues: [[101, 1, 'seven']] }], 'states[0].issues[0]'],
    ['a row count that is not whole', (s) => [{ ...s[0], rows: 1.5 }], 'states[0].rows'],
  ]
  it.each(cases)('answers 400 naming the field for %s', async (_, spoil, field) => {
    const states = await statesOf(rowsWithIssue(), 60)
    const response = await signedPost('/v1/report', body({ states: spoil(states) }))
    expect(response.status).toBe(400)
    const reply = await json(response)
    expect(reply).toMatchObject({ error: 'bad_request', details: { field } })
    expect(reply.message).toContain(field)
  })

  it('refuses states of another scale, naming them', async () => {
    const rows = surveyRows()
    const [a] = await statesOf(rows.slice(0, 60), 60)
    const response = await signedPost(
      '/v1/aggregate',
      body({
        header: HEADER,
        rows: rows.slice(60),
        options: { firstRow: 62, scale: { min: 1, max: 7 } },
      }),
    )
    const { state: b } = await json(response)
    const refused = await signedPost('/v1/report', body({ states: [a, b] }))
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({
      error: 'bad_request',
      details: { field: 'states[1].schema' },
    })
  })

  it('refuses states together with rows', async () => {
    const states = await statesOf(surveyRows(), 60)
    const response = await signedPost(
      '/v1/report',
      body({ states, header: HEADER, rows: surveyRows() }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ details: { field: 'header' } })
  })
})
