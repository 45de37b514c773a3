import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import http, { createServer, type Server } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { google, type sheets_v4 } from 'googleapis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../../cli/errors'
import { readSurvey } from '../../cli/read-survey'
import { main } from '../../cli/sapa'
import { type LocalWorker, startLocalWorker } from '../../cli/wrangler-dev'
import type { Cell } from '../../engine/index'
import type { ReportReply } from '../../protocol/index'
import { buildSheets, METADATA_KEY, sheetRequests } from '../../sheets/index'
import { ApiError, StandInSpreadsheet } from '../support/sheets-api'

const SPREADSHEET = '1SapaTestSpreadsheetId'
/** The rating sheet's fixed id: "SAPA" in ASCII, 0x53415041. */
const RATING_ID = 1396789313
const TOKEN = 'preset-access-token'
const secret = randomBytes(32).toString('hex')

interface Recorded {
  method: string
  path: string
  query: URLSearchParams
  authorization?: string
  body?: unknown
}

/** The spreadsheet the fake API serves: the survey, an earlier report sheet, a user's sheet. */
const SHEETS: sheets_v4.Schema$Sheet[] = [
  { properties: { sheetId: 0, title: 'Жауаптар', index: 0 } },
  {
    properties: { sheetId: RATING_ID, title: 'Қызметтер рейтингі', index: 1 },
    developerMetadata: [{ metadataKey: METADATA_KEY, metadataValue: '{}' }],
  },
  // The user's own sheet, titled like the distribution sheet the plan adds.
  { properties: { sheetId: 77, title: 'Бағалардың бөлінуі', index: 2 } },
]

let dir: string
let worker: LocalWorker
let api: Server
let rootUrl: string
let values: Cell[][]
const recorded: Recorded[] = []
/** Every host this process sent a request to while the command ran. */
const hosts: string[] = []
let batchStatus = 200
/** The spreadsheet as the last batchUpdate left it, applied as Sheets would (or refused). */
let applied: StandInSpreadsheet | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-cli-sheets-'))
  const [started, survey] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    readSurvey('samples/survey-2017.csv'),
  ])
  worker = started
  // As the API gives them: trailing empty cells left out.
  values = [survey.header, ...survey.rows].map((row) => {
    const cells = [...row]
    while (cells.length > 0 && cells.at(-1) === '') cells.pop()
    return cells
  })
  api = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    recorded.push({
      method: request.method ?? '',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      authorization: request.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    })
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' })
      response.end(JSON.stringify(body))
    }
    const base = `/v4/spreadsheets/${SPREADSHEET}`
    const path = decodeURIComponent(url.pathname)
    if (!path.startsWith(base)) {
      return reply(404, {
        error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
      })
    }
    if (request.method === 'GET' && path === base) {
      return reply(200, { spreadsheetId: SPREADSHEET, sheets: SHEETS })
    }
    if (request.method === 'GET' && path === `${base}/values/'Жауаптар'`) {
      return reply(200, {
        range: `'Жауаптар'!A1:U${values.length}`,
        majorDimension: 'ROWS',
        values,
      })
    }
    if (request.method === 'POST' && path === `${base}:batchUpdate`) {
      if (batchStatus !== 200) {
        return reply(batchStatus, {
          error: {
            code: batchStatus,
            message: 'The caller does not have permission',
            status: 'PERMISSION_DENIED',
          },
        })
      }
      const { requests } = JSON.parse(text) as sheets_v4.Schema$BatchUpdateSpreadsheetRequest
      applied = new StandInSpreadsheet(
        SHEETS.map((s) => ({
          sheetId: s.properties?.sheetId ?? 0,
          title: s.properties?.title ?? '',
        })),
      )
      try {
        applied.batchUpdate(requests ?? [])
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        return reply(400, {
          error: { code: 400, message: error.message, status: 'INVALID_ARGUMENT' },
        })
      }
      return reply(200, {
        spreadsheetId: SPREADSHEET,
        replies: (requests ?? []).map((r) =>
          r.addSheet ? { addSheet: { properties: r.addSheet.properties } } : {},
        ),
      })
    }
    reply(400, { error: { code: 400, message: `unexpected ${request.method} ${path}` } })
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  rootUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/`
}, 60_000)

afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve))
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

afterEach(() => {
  recorded.length = 0
  hosts.length = 0
  batchStatus = 200
  applied = undefined
})

/** Runs `sapa` in this process with a preset token, noting every outgoing request's host. */
async function sapa(args: string[], stderrIsTTY = false) {
  const auth = new google.auth.OAuth2()
  auth.setCredentials({ access_token: TOKEN })
  let stdout = ''
  let stderr = ''
  const originals = { http: http.request, https: https.request, fetch: globalThis.fetch }
  const note = (target: unknown) => {
    const url = target instanceof URL ? target : typeof target === 'string' ? new URL(target) : null
    hosts.push(url?.hostname ?? String((target as { hostname?: string })?.hostname))
  }
  // googleapis and the Worker call go through node:http(s), the local Worker's start through fetch.
  http.request = ((target: unknown, ...rest: unknown[]) => {
    note(target)
    return (originals.http as (...args: unknown[]) => http.ClientRequest)(target, ...rest)
  }) as typeof http.request
  https.request = ((target: unknown) => {
    note(target)
    throw new Error('no https request may leave this test')
  }) as typeof https.request
  globalThis.fetch = (input, init) => {
    note(input instanceof Request ? input.url : input)
    return originals.fetch(input, init)
  }
  try {
    const code = await main(['report', ...args, '--worker', worker.url], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stderrIsTTY,
      env: { SAPA_HMAC_SECRET: secret },
      sheets: { auth, rootUrl },
    })
    return { code, stdout, stderr }
  } finally {
    http.request = originals.http
    https.request = originals.https
    globalThis.fetch = originals.fetch
  }
}

describe('sapa report --spreadsheet against a stand-in Sheets API', () => {
  it('reads the first sheet and applies the plan in one batchUpdate', async () => {
    const json = join(dir, 'sheets-report.json')
    const run = await sapa(['--spreadsheet', SPREADSHEET, '--json', json])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)

    const [meta, read, batch, ...more] = recorded
    expect(more).toEqual([])
    for (const request of recorded) expect(request.authorization).toBe(`Bearer ${TOKEN}`)
    expect(meta).toMatchObject({ method: 'GET', path: `/v4/spreadsheets/${SPREADSHEET}` })
    expect(meta.query.get('fields')).toContain('developerMetadata')
    expect(read).toMatchObject({
      method: 'GET',
      path: `/v4/spreadsheets/${SPREADSHEET}/values/'Жауаптар'`,
    })
    expect(read.query.get('valueRenderOption')).toBe('UNFORMATTED_VALUE')
    expect(read.query.get('majorDimension')).toBe('ROWS')
    expect(batch).toMatchObject({
      method: 'POST',
      path: `/v4/spreadsheets/${SPREADSHEET}:batchUpdate`,
    })

    const reply = JSON.parse(await readFile(json, 'utf8')) as ReportReply
    expect(reply.summary).toMatchObject({ respondents: 9517, rated: 9289 })
    expect(reply.plan).toBeUndefined()
    // The sheets the CLI builds from the tables, as the Worker would plan them when asked.
    const plan = sheetRequests(buildSheets(reply, { generatedAt: new Date().toISOString() }))
    new StandInSpreadsheet().batchUpdate(plan)
    const sheetCount = plan.filter((request) => request.addSheet).length
    const { requests } = batch.body as { requests: sheets_v4.Schema$Request[] }
    // The earlier report sheet goes in the same batch; the user's sheet keeps its title.
    expect(requests[0]).toEqual({ deleteSheet: { sheetId: RATING_ID } })
    // Each report sheet is marked with the CLI's own time.
    const marks = requests.flatMap((r) => r.createDeveloperMetadata?.developerMetadata ?? [])
    expect(marks).toHaveLength(sheetCount)
    for (const mark of marks) {
      const { generatedAt } = JSON.parse(mark.metadataValue ?? '{}')
      expect(Date.now() - Date.parse(generatedAt)).toBeLessThan(120_000)
    }
    const untimed = (list: sheets_v4.Schema$Request[]) =>
      list.map((request) => {
        const mark = request.createDeveloperMetadata?.developerMetadata
        if (!mark) return request
        const { generatedAt: _, ...rest } = JSON.parse(mark.metadataValue ?? '{}')
        return { ...mark, metadataValue: rest }
      })
    const renamed = plan.map((request) =>
      request.addSheet?.properties?.title === 'Бағалардың бөлінуі'
        ? {
            addSheet: {
              properties: { ...request.addSheet.properties, title: 'Бағалардың бөлінуі (2)' },
            },
          }
        : request,
    )
    expect(untimed(requests.slice(1))).toEqual(untimed(renamed))
    // Applied as Sheets applies it: the user's sheets as they were, the report's beside them.
    expect(applied?.sheets.map((s) => s.title)).toEqual([
      'Жауаптар',
      'Бағалардың бөлінуі',
      ...renamed.flatMap((r) => r.addSheet?.properties?.title ?? []),
    ])
    expect(applied?.sheet('Бағалардың бөлінуі').cells[0][0].value).toBeNull()
    expect(run.stdout).toContain(
      `Updated https://docs.google.com/spreadsheets/d/${SPREADSHEET}: ${sheetCount} report sheets, in one batchUpdate of ${requests.length} requests`,
    )
    // Nothing but loopback: the stand-in API and the Worker.
    expect(hosts.length).toBeGreaterThanOrEqual(4)
    expect(new Set(hosts)).toEqual(new Set(['127.0.0.1']))
  })

  it('shows progress on a terminal, and nothing at all with --quiet', async () => {
    const shown = await sapa(['--spreadsheet', SPREADSHEET], true)
    expect(shown.code).toBe(0)
    expect(shown.stderr).toBe(
      [
        `sapa · reading spreadsheet ${SPREADSHEET}`,
        'sapa · scoring 9,517 responses',
        'sapa · writing the report sheets',
        '',
      ].join('\n'),
    )
    const quiet = await sapa(['--spreadsheet', SPREADSHEET, '--quiet'], true)
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('names a sheet that is not there, and the sheets that are', async () => {
    const run = await sapa(['--spreadsheet', SPREADSHEET, '--sheet', 'Nope'])
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toBe(
      `sapa: spreadsheet ${SPREADSHEET}: no sheet "Nope"; sheets: "Жауаптар", "Қызметтер рейтингі", "Бағалардың бөлінуі"\n`,
    )
  })

  it('gives Google’s refusal in one line', async () => {
    batchStatus = 403
    const run = await sapa(['--spreadsheet', SPREADSHEET])
    expect(run.code).toBe(EXIT.sheets)
    expect(run.stderr).toBe(
      'sapa: Google Sheets, writing the report sheets: 403 The caller does not have permission\n',
    )
  })

  it('names a spreadsheet the API does not know', async () => {
    const run = await sapa(['--spreadsheet', 'unknown-id'])
    expect(run.code).toBe(EXIT.sheets)
    expect(run.stderr).toBe(
      'sapa: Google Sheets, reading the spreadsheet: 404 Requested entity was not found.\n',
    )
    expect(recorded).toHaveLength(1)
  })
})
