import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { sheets_v4 } from 'googleapis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, signedHeaders, startLocalWorker } from '../../cli/index'
import { type Cell, type Report, type ReportOptions, report } from '../../engine/index'
import { encodeColumns } from '../../protocol/index'
import { parseCsv } from '../../samples/generator/csv'
import { StandInSpreadsheet } from '../support/sheets-api'

const secret = randomBytes(32).toString('hex')
type Reply = Report & { plan: { requests: sheets_v4.Schema$Request[] } }

let worker: LocalWorker
let sample: { header: Cell[]; rows: Cell[][] }

beforeAll(async () => {
  const [started, text] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    readFile('samples/survey-2017.csv', 'utf8'),
  ])
  const [header, ...rows] = parseCsv(text)
  worker = started
  sample = { header, rows }
})

afterAll(async () => {
  await worker?.stop()
})

function post(body: string): Promise<Response> {
  return fetch(`${worker.url}/v1/report`, {
    method: 'POST',
    body,
    headers: signedHeaders(secret, body),
  })
}

describe('the Worker under wrangler dev', () => {
  it('scores the 9,517-row sample exactly as the engine does in Node', async () => {
    expect(sample.rows).toHaveLength(9517)
    const response = await post(JSON.stringify({ header: sample.header, rows: sample.rows }))
    expect(response.status).toBe(200)
    const result = (await response.json()) as Reply
    // The engine's report as it reads after JSON, which is what any client receives.
    const expected = JSON.parse(JSON.stringify(report(sample)))
    expect(result.tables.map((t) => t.id)).toEqual(expected.tables.map((t: { id: string }) => t.id))
    for (const [i, table] of expected.tables.entries()) expect(result.tables[i]).toEqual(table)
    expect(result.summary).toEqual(expected.summary)
    expect(result.issues).toEqual(expected.issues)
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(result.plan.requests)
    expect(spreadsheet.sheets).toHaveLength(expected.tables.length)
  })

  it('gives the same tables for the compact columns form', async () => {
    const options: ReportOptions = { locale: 'ru', minBase: 50 }
    const body = {
      header: sample.header,
      columns: encodeColumns(sample.header, sample.rows),
      options,
    }
    const response = await post(JSON.stringify(body))
    expect(response.status).toBe(200)
    const expected = JSON.parse(JSON.stringify(report(sample, options)))
    expect(((await response.json()) as Reply).tables).toEqual(expected.tables)
  })

  it('refuses an unsigned request', async () => {
    const response = await fetch(`${worker.url}/v1/report`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(401)
  })
})
