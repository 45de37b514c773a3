import { SELF } from 'cloudflare:test'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { ENGINE_VERSION, TABLE_IDS } from '../../engine/index'
import type { AppEnv } from '../../functions/env'
import { onError } from '../../functions/errors'
import { StandInSpreadsheet } from '../support/sheets-api'
import {
  call,
  HEADER,
  hmacHeaders,
  json,
  signedPost,
  surveyRows,
  TEST_SECRET,
  watchedBody,
} from './support'

const body = (value: unknown) => JSON.stringify(value)

describe('GET /v1/health', () => {
  it('answers the engine version without credentials, as wrangler.toml deploys it', async () => {
    const response = await SELF.fetch('https://sapa.test/v1/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ engine: ENGINE_VERSION })
  })
})

describe('POST /v1/report', () => {
  // Tables a survey without declared questions or a previous wave has.
  const BUILT = TABLE_IDS.filter((id) => id !== 'questions' && id !== 'waves')

  it('returns exactly engine, summary, tables and issues, and the plan only when asked', async () => {
    const response = await signedPost('/v1/report', body({ header: HEADER, rows: surveyRows() }))
    expect(response.status).toBe(200)
    const result = await json(response)
    expect(Object.keys(result)).toEqual(['engine', 'summary', 'tables', 'issues'])
    expect(result.engine).toBe(ENGINE_VERSION)
    expect((result.tables as { id: string }[]).map((t) => t.id)).toEqual(BUILT)
    const planned = await json(
      await signedPost(
        '/v1/report',
        body({ header: HEADER, rows: surveyRows(), options: { plan: true } }),
      ),
    )
    expect(Object.keys(planned)).toEqual(['engine', 'summary', 'tables', 'issues', 'plan'])
    expect(planned.tables).toEqual(result.tables)
    const requests = (planned.plan as { requests: object[] }).requests
    expect(requests.length).toBeGreaterThan(BUILT.length)
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(requests)
    // A sheet per table (the issues table as the Issues sheet), and the service chapters.
    expect(spreadsheet.sheets).toHaveLength(BUILT.length + 1)
  })

  it('refuses a plan option that is not true or false', async () => {
    const response = await signedPost(
      '/v1/report',
      body({ header: HEADER, rows: surveyRows(), options: { plan: 'yes' } }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ details: { field: 'options.plan' } })
  })

  it('gives identical tables for the rows and the compact columns forms', async () => {
    const rows = surveyRows()
    const columns = HEADER.map((_, c) => {
      const cells = rows.map((row) => row[c])
      if (typeof cells[0] === 'number') return { values: cells }
      const dict = [...new Set(cells)]
      return { dict, codes: cells.map((cell) => dict.indexOf(cell)) }
    })
    const options = { locale: 'ru', minBase: 10, order: 'mean' }
    const byRows = await json(
      await signedPost('/v1/report', body({ header: HEADER, rows, options })),
    )
    const byColumns = await json(
      await signedPost('/v1/report', body({ header: HEADER, columns, options })),
    )
    expect(byColumns.tables).toEqual(byRows.tables)
    expect((byRows.summary as { locale: string }).locale).toBe('ru')
  })

  it('is reached through the deployed entry with the secret binding', async () => {
    const payload = body({ header: HEADER, rows: surveyRows(), options: { tables: ['rating'] } })
    const response = await SELF.fetch('https://sapa.test/v1/report', {
      method: 'POST',
      body: payload,
      headers: await hmacHeaders(payload, { secret: TEST_SECRET }),
    })
    expect(response.status).toBe(200)
    expect((await json(response)).tables).toHaveLength(1)
  })
})

describe('errors', () => {
  it('answers unknown routes with 404 in the JSON error shape', async () => {
    const response = await call('/nowhere')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: 'not_found', message: 'No route GET /nowhere' })
    const signed = await signedPost('/v1/nowhere', '{}')
    expect(signed.status).toBe(404)
  })

  it('refuses a body that is not JSON with 415', async () => {
    const response = await call('/v1/report', {
      method: 'POST',
      body: 'a,b',
      headers: { 'content-type': 'text/csv' },
    })
    expect(response.status).toBe(415)
    expect((await json(response)).error).toBe('unsupported_media_type')
  })

  it('refuses by Content-Length with 413 before reading the body', async () => {
    const body = watchedBody()
    const response = await call(
      '/v1/report',
      {
        method: 'POST',
        body: body.stream,
        headers: { 'content-type': 'application/json', 'content-length': '2000' },
      },
      { MAX_BODY_BYTES: '1000' },
    )
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({
      error: 'payload_too_large',
      details: { limit: 1000 },
    })
    expect(body.wasRead()).toBe(false)
  })

  it('refuses an endless body with 413 once the bytes read pass the limit', async () => {
    let sent = 0
    const chunk = new Uint8Array(4096).fill(0x20)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength
        controller.enqueue(chunk)
      },
    })
    const headers = {
      'content-type': 'application/json',
      'x-sapa-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-sapa-signature': '0'.repeat(64),
    }
    const response = await call(
      '/v1/report',
      { method: 'POST', body: endless, headers },
      { MAX_BODY_BYTES: '100000' },
    )
    expect(response.status).toBe(413)
    expect(sent).toBeGreaterThan(100_000)
    expect(sent).toBeLessThan(200_000)
  })

  it('refuses more rows than MAX_ROWS with 413', async () => {
    const response = await signedPost('/v1/report', body({ header: HEADER, rows: surveyRows() }), {
      MAX_ROWS: '100',
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ details: { limit: 100, rows: 120 } })
  })

  it('answers malformed JSON with 400', async () => {
    const response = await signedPost('/v1/report', '{"header": [')
    expect(response.status).toBe(400)
    expect((await json(response)).error).toBe('malformed_json')
  })

  it('names a missing required column and the headers found', async () => {
    const header = HEADER.filter((h) => h !== 'Жалпы баға')
    const rows = surveyRows().map((row) => row.filter((_, c) => c !== 1))
    const response = await signedPost('/v1/report', body({ header, rows }))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: 'missing_column',
      details: { role: 'overall', headers: header },
    })
  })

  it('answers 422 when no respondent gave a valid overall score', async () => {
    const rows = surveyRows().map((row) => row.map((cell, c) => (c === 1 ? 'abc' : cell)))
    const response = await signedPost('/v1/report', body({ header: HEADER, rows }))
    expect(response.status).toBe(422)
    expect((await json(response)).error).toBe('no_responses')
  })

  it.each([
    [{ locale: 'de' }, 'options.locale'],
    [{ minBase: 0 }, 'options.minBase'],
    [{ minBase: 2.5 }, 'options.minBase'],
    [{ order: 'random' }, 'options.order'],
    [{ tables: ['rating', 'pie'] }, 'options.tables'],
    [{ colour: true }, 'options.colour'],
  ])('answers 400 naming the bad option in %j', async (options, field) => {
    const response = await signedPost(
      '/v1/report',
      body({ header: HEADER, rows: surveyRows(), options }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'bad_request', details: { field } })
  })

  it('answers an unexpected failure with 500 and a request id, never the stack', async () => {
    const app = new Hono<AppEnv>()
    app.onError(onError)
    app.use(async (c, next) => {
      c.set('requestId', 'req-42')
      await next()
    })
    app.get('/boom', () => {
      throw new Error('secret internals')
    })
    const logged: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => logged.push(args)
    try {
      const response = await app.request('/boom')
      expect(response.status).toBe(500)
      const text = await response.text()
      expect(JSON.parse(text)).toEqual({
        error: 'internal',
        message: 'Internal error',
        details: { requestId: 'req-42' },
      })
      expect(text).not.toContain('secret internals')
      expect(logged).toHaveLength(1)
    } finally {
      console.error = original
    }
  })
})
