import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, signedHeaders, startLocalWorker } from '../../cli/index'
import { type Cell, type ReportOptions, report } from '../../engine/index'
import { encodeColumns, isReportReply, type ReportReply as Reply } from '../../protocol/index'
import { parseCsv } from '../../samples/generator/csv'
import { StandInSpreadsheet } from '../support/sheets-api'

const secret = randomBytes(32).toString('hex')

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
    const response = await post(
      JSON.stringify({ header: sample.header, rows: sample.rows, options: { plan: true } }),
    )
    expect(response.status).toBe(200)
    const result = (await response.json()) as Reply
    expect(isReportReply(result)).toBe(true)
    // The engine's report as it reads after JSON, which is what any client receives.
    const expected = JSON.parse(JSON.stringify(report(sample)))
    expect(result.tables.map((t) => t.id)).toEqual(expected.tables.map((t: { id: string }) => t.id))
    for (const [i, table] of expected.tables.entries()) expect(result.tables[i]).toEqual(table)
    expect(result.summary).toEqual(expected.summary)
    expect(result.issues).toEqual(expected.issues)
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(result.plan?.requests ?? [])
    // A sheet per table (issues as the Issues sheet), and the service chapters.
    expect(spreadsheet.sheets).toHaveLength(expected.tables.length + 1)
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

/** The command line of every process this user may read, NUL-separated arguments as spaces. */
async function commandLines(): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name))
  const lines = await Promise.all(
    pids.map((pid) =>
      readFile(`/proc/${pid}/cmdline`, 'utf8').then(
        (text) => text.replaceAll('\0', ' '),
        () => '',
      ),
    ),
  )
  return lines.filter(Boolean)
}

describe('the local Worker’s secret', () => {
  it('is on no command line: wrangler reads it from a private file', async () => {
    const lines = await commandLines()
    expect(lines.filter((line) => line.includes(secret))).toEqual([])
    const wrangler = lines.find(
      (line) => line.includes('wrangler.js dev') && line.includes(worker.url.split(':')[2]),
    )
    const file = /--env-file (\S+)/.exec(wrangler ?? '')?.[1]
    expect(file).toBeDefined()
    expect(statSync(file as string).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(file as string)).mode & 0o777).toBe(0o700)
    // And the Worker has it: a request signed with it is let through (400: an empty body).
    const response = await post('{}')
    expect(response.status).toBe(400)
  })

  it('is read back exactly, whatever it holds, and its file is gone once stopped', async () => {
    // dotenv would expand $HOME and strip quotes or backslashes if written as they are.
    const odd = `${randomBytes(8).toString('hex')}$HOME\\$x'"end`
    const local = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: odd } })
    const lines = await commandLines()
    const file = /--env-file (\S+)/.exec(
      lines.find((line) => line.includes(`--port ${local.url.split(':')[2]}`)) ?? '',
    )?.[1]
    try {
      const signed = await fetch(`${local.url}/v1/report`, {
        method: 'POST',
        body: '{}',
        headers: signedHeaders(odd, '{}'),
      })
      expect(signed.status).toBe(400)
      const wrong = await fetch(`${local.url}/v1/report`, {
        method: 'POST',
        body: '{}',
        headers: signedHeaders(odd.replace('$HOME', process.env.HOME ?? '/root'), '{}'),
      })
      expect(wrong.status).toBe(401)
    } finally {
      await local.stop()
    }
    expect(file).toBeDefined()
    expect(existsSync(dirname(file as string))).toBe(false)
  })
})
