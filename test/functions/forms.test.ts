import { describe, expect, it } from 'vitest'
import { BINARY_CONTENT_TYPE, encodeBinaryBody, encodeColumns } from '../../protocol/index'
import { call, HEADER, hmacHeaders, json, signedPost, surveyRows } from './support'

const body = (value: unknown) => JSON.stringify(value)

/** HMAC headers over bytes, for the binary body. */
const signedBytes = (bytes: Uint8Array) => hmacHeaders(bytes, { contentType: BINARY_CONTENT_TYPE })

const postBytes = async (path: string, bytes: Uint8Array) =>
  call(path, { method: 'POST', body: bytes, headers: await signedBytes(bytes) })

describe(`the binary body (${BINARY_CONTENT_TYPE})`, () => {
  it('gives the report of the JSON body, the previous wave coded too', async () => {
    const rows = surveyRows()
    const survey = { header: HEADER, columns: encodeColumns(HEADER, rows) }
    const previous = { header: HEADER, columns: encodeColumns(HEADER, rows.slice(0, 60)) }
    const options = { locale: 'en' }
    const viaJson = await json(
      await signedPost('/v1/report', body({ ...survey, options, previous })),
    )
    const response = await postBytes(
      '/v1/report',
      encodeBinaryBody({ ...survey, options, previous }),
    )
    expect(response.status).toBe(200)
    const viaBytes = await json(response)
    expect(viaBytes.tables).toEqual(viaJson.tables)
    expect(viaBytes.summary).toEqual(viaJson.summary)
    expect((viaBytes.tables as { id: string }[]).some((t) => t.id === 'waves')).toBe(true)
  })

  it('is signed over its bytes: one byte changed after signing is refused', async () => {
    const bytes = encodeBinaryBody({ header: HEADER, columns: encodeColumns(HEADER, surveyRows()) })
    const headers = await signedBytes(bytes)
    const changed = bytes.slice()
    changed[changed.length - 1] ^= 1
    const response = await call('/v1/report', { method: 'POST', body: changed, headers })
    expect(response.status).toBe(401)
  })

  it('answers 400 naming the problem for a body that is not one', async () => {
    const response = await postBytes('/v1/report', new TextEncoder().encode('{"header": []}'))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: 'bad_request',
      message: 'a binary body starts with "SAPA" (application/vnd.sapa.survey)',
    })
  })

  it('refuses another content type with 415 naming both accepted', async () => {
    const response = await call('/v1/report', {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/csv' },
    })
    expect(response.status).toBe(415)
    expect(((await response.json()) as { message: string }).message).toBe(
      'Send the body as application/json or application/vnd.sapa.survey',
    )
  })
})

describe('the options of the questionnaire and the analysis', () => {
  it('reads declared questions and the scale', async () => {
    const header = ['Қызмет', 'Жалпы баға', 'Кезек']
    const rows = [
      ['A', 10, 7],
      ['A', 9, 3],
      ['B', 0, ''],
    ]
    const result = await json(
      await signedPost(
        '/v1/report',
        body({
          header,
          rows,
          questions: [{ key: 'queue', type: 'rating', header: 'Кезек' }],
          options: { scale: { min: 0, max: 10 }, tables: ['rating', 'questions'] },
        }),
      ),
    )
    const summary = result.summary as { scale: unknown; mean: number }
    expect(summary.scale).toEqual({ min: 0, max: 10 })
    expect(summary.mean).toBeCloseTo(19 / 3, 12)
    const questions = (result.tables as { id: string; rows: Record<string, unknown>[] }[])[1]
    expect(questions.rows[0]).toMatchObject({ question: 'queue', groupType: 'total', mean: 5 })
  })

  it.each([
    [{ scale: { min: 2, max: 5 } }, 'options.scale'],
    [{ significance: { correction: 'sidak' } }, 'options.significance.correction'],
    [{ significance: { level: 0.7 } }, 'options.significance.level'],
    [{ drivers: { exclude: 'trust' } }, 'options.drivers.exclude'],
    [{ weighting: { margins: { district: { a: 1 } } } }, 'options.weighting.margins.district'],
    [{ weighting: { margins: { region: { a: -1 } } } }, 'options.weighting.margins.region["a"]'],
  ])('answers 400 naming the field for %j', async (options, field) => {
    const response = await signedPost(
      '/v1/report',
      body({ header: HEADER, rows: surveyRows(), options }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ details: { field } })
  })

  it('refuses a question whose column is not in the header, listing the headers', async () => {
    const response = await signedPost(
      '/v1/report',
      body({
        header: HEADER,
        rows: surveyRows(),
        questions: [{ key: 'queue', type: 'rating', header: 'Кезек' }],
      }),
    )
    expect(response.status).toBe(400)
    const reply = (await response.json()) as { message: string }
    expect(reply).toMatchObject({ error: 'missing_column' })
    expect(reply.message).toContain('Column "Кезек" of question "queue" is not in the header')
  })
})

describe('raking in a fan-out (POST /v1/rake-sample)', () => {
  const margins = { region: { 'Алматы қ.': 0.5, 'Астана қ.': 0.5 } }

  it('gives each chunk a raking sample; chunks aggregated with the merged one give the one-pass report', async () => {
    const rows = surveyRows()
    const chunks = [rows.slice(0, 50), rows.slice(50)]
    type Sample = { roles: string[]; categories: string[][]; cells: number[] }
    const samples: Sample[] = []
    for (const [i, chunk] of chunks.entries()) {
      const reply = await json(
        await signedPost(
          '/v1/rake-sample',
          body({
            header: HEADER,
            rows: chunk,
            options: { firstRow: i ? 52 : 2, weighting: { margins } },
          }),
        ),
      )
      samples.push(reply.sample as Sample)
    }
    expect(samples[0].roles).toEqual(['region'])
    // The two chunks' samples merged by hand: respondents per region (unweighted, weight 1).
    const count = (sample: Sample, region: string) => {
      const code = sample.categories[0].indexOf(region)
      let n = 0
      for (let at = 0; at < sample.cells.length; at += 3)
        if (sample.cells[at] === code) n += sample.cells[at + 2]
      return n
    }
    const alma = count(samples[0], 'Алматы қ.') + count(samples[1], 'Алматы қ.')
    const astana = count(samples[0], 'Астана қ.') + count(samples[1], 'Астана қ.')
    expect([alma, astana]).toEqual([80, 40]) // i % 3 ? Алматы : Астана over 120 rows
    const sample = {
      roles: ['region'],
      categories: [['Алматы қ.', 'Астана қ.']],
      cells: [0, 1, 80, 1, 1, 40],
    }
    const states = []
    for (const [i, chunk] of chunks.entries()) {
      const reply = await json(
        await signedPost(
          '/v1/aggregate',
          body({
            header: HEADER,
            rows: chunk,
            options: { firstRow: i ? 52 : 2, weighting: { margins, sample } },
          }),
        ),
      )
      states.push(reply.state)
    }
    const merged = await json(await signedPost('/v1/report', body({ states })))
    const whole = await json(
      await signedPost(
        '/v1/report',
        body({ header: HEADER, rows, options: { weighting: { margins } } }),
      ),
    )
    expect(merged.tables).toEqual(whole.tables)
    expect(merged.summary).toEqual(whole.summary)
    const weighting = (whole.summary as { weighting: { margins: { achieved: number }[] } })
      .weighting
    for (const m of weighting.margins) expect(m.achieved).toBeCloseTo(0.5, 10)
  })

  const sampleCases: [string, unknown, string][] = [
    ['not an object', 'x', 'options.weighting.sample'],
    [
      'no cells',
      { roles: ['region'], categories: [['Алматы қ.']], cells: null },
      'options.weighting.sample.cells',
    ],
    [
      'a cell cut short',
      { roles: ['region'], categories: [['Алматы қ.']], cells: [0, 1] },
      'options.weighting.sample.cells',
    ],
    [
      'no categories',
      { roles: ['region'], cells: [0, 1, 80] },
      'options.weighting.sample.categories',
    ],
    [
      'roles that are not texts',
      { roles: 5, categories: [], cells: [] },
      'options.weighting.sample.roles',
    ],
    // Weights the engine would square past the double range.
    [
      'a base weight of 1e200',
      {
        roles: ['region'],
        categories: [['Алматы қ.', 'Астана қ.']],
        cells: [0, 1e200, 80, 1, 1, 40],
      },
      'weighting.sample',
    ],
  ]
  it.each(sampleCases)('answers 400 naming the field for a sample %s', async (_, sample, field) => {
    const response = await signedPost(
      '/v1/aggregate',
      body({ header: HEADER, rows: surveyRows(), options: { weighting: { margins, sample } } }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'bad_request', details: { field } })
  })

  it('refuses a raking sample request without margins', async () => {
    const response = await signedPost(
      '/v1/rake-sample',
      body({ header: HEADER, rows: surveyRows() }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ details: { field: 'options.weighting' } })
  })
})
