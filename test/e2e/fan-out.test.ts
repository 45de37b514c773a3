import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ColumnSurvey, resampleColumns } from '../../bench/synthetic-columns'
import { fanOutReport, type LocalWorker, startLocalWorker, WorkerReplyError } from '../../cli/index'
import { report } from '../../engine/index'
import { CHUNK_ROWS, needsFanOut } from '../../protocol/index'
import { parseCsv } from '../../samples/generator/csv'

const ROWS = 3_000_000
const secret = randomBytes(32).toString('hex')
let worker: LocalWorker
let survey: ColumnSurvey

beforeAll(async () => {
  const [started, text] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    readFile('samples/survey-2017.csv', 'utf8'),
  ])
  worker = started
  const [header, ...rows] = parseCsv(text)
  // Weights off the 2^-20 grid too (0.1, 1.3): merging must still be exact to the bit.
  survey = resampleColumns(header, rows, ROWS, { weights: [0.1, 0.75, 1, 1.3, 2.125] })
}, 120_000)

afterAll(async () => {
  await worker?.stop()
})

describe('fan-out through wrangler dev', () => {
  it('scores 3,000,000 rows exactly as one in-process pass', async () => {
    const options = { locale: 'en' as const, minBase: 50 }
    const target = { url: worker.url, secret }
    expect(needsFanOut(survey)).toBe(true)
    const started = performance.now()
    const { reply, chunks } = await fanOutReport(target, survey, options)
    console.log(
      `fan-out of ${ROWS} rows in ${chunks} chunks: ${Math.round(performance.now() - started)} ms`,
    )
    expect(chunks).toBe(Math.ceil(ROWS / CHUNK_ROWS))
    // The engine's report as it reads after JSON, which is what any client receives.
    const expected = JSON.parse(JSON.stringify(report(survey, options)))
    expect(reply.summary).toEqual(expected.summary)
    expect(reply.summary.respondents).toBe(ROWS)
    expect(reply.summary.weighted).toBe(true)
    expect(reply.tables).toEqual(expected.tables)
    expect(reply.issues).toEqual(expected.issues)
    expect(reply.issues.at(-1)?.row).toBeGreaterThan(CHUNK_ROWS)
    expect(reply.plan.requests.length).toBeGreaterThan(0)
  }, 240_000)
})

/**
 * A proxy in front of the Worker that answers 503 itself, as wrangler dev's or Cloudflare's
 * may: `fail(path, nth)` says whether the nth request (from 1) for a path gets the 503.
 */
async function flakyProxy(fail: (path: string, nth: number) => boolean) {
  const seen = new Map<string, number>()
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const path = request.url ?? ''
    const nth = (seen.get(path) ?? 0) + 1
    seen.set(path, nth)
    if (fail(path, nth)) {
      response.writeHead(503, { 'content-type': 'text/plain' })
      response.end('Your worker restarted mid-request. Please try sending the request again.')
      return
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'connection'),
    ) as Record<string, string>
    const answer = await fetch(`${worker.url}${path}`, {
      method: request.method,
      headers,
      body: Buffer.concat(chunks),
    })
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' })
    response.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

describe('fan-out behind a proxy that answers 503', () => {
  const small = () => {
    const columns = survey.columns.map((column) =>
      'values' in column
        ? { values: column.values.slice(0, 9000) }
        : { dict: column.dict, codes: column.codes.slice(0, 9000) },
    )
    return { header: survey.header, columns }
  }

  it('sends a chunk or the states again after a 503 and gives the one-pass report', async () => {
    const proxy = await flakyProxy((_, nth) => nth === 1)
    try {
      const chunked = small()
      const { reply, chunks } = await fanOutReport(
        { url: proxy.url, secret },
        chunked,
        {},
        { chunkRows: 3000, concurrency: 1 },
      )
      expect(chunks).toBe(3)
      // Chunks share a path: the first aggregate and the first report were refused once.
      expect(Object.fromEntries(proxy.seen)).toEqual({ '/v1/aggregate': 4, '/v1/report': 2 })
      const expected = JSON.parse(JSON.stringify(report(chunked)))
      expect(reply.tables).toEqual(expected.tables)
    } finally {
      await proxy.close()
    }
  })

  it('gives up after three attempts with the 503', async () => {
    const proxy = await flakyProxy(() => true)
    try {
      const error = await fanOutReport(
        { url: proxy.url, secret },
        small(),
        {},
        { chunkRows: 9000 },
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WorkerReplyError)
      expect((error as WorkerReplyError).status).toBe(503)
      expect(proxy.seen.get('/v1/aggregate')).toBe(3)
    } finally {
      await proxy.close()
    }
  })
})
