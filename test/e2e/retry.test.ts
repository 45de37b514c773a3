import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resampleColumns } from '../../bench/synthetic-columns'
import {
  fanOutReport,
  type LocalWorker,
  scoreSurvey,
  startLocalWorker,
  WorkerReplyError,
} from '../../cli/index'
import { type Cell, report, type Survey } from '../../engine/index'
import { parseCsv } from '../../samples/generator/csv'
import { type Fault, flakyProxy, type Gateway } from './proxy'

const secret = randomBytes(32).toString('hex')
let worker: LocalWorker
let sample: { header: Cell[]; rows: Cell[][] }

beforeAll(async () => {
  const [started, text] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    readFile('samples/survey-2017.csv', 'utf8'),
  ])
  worker = started
  const [header, ...rows] = parseCsv(text)
  sample = { header, rows }
}, 120_000)

afterAll(async () => {
  await worker?.stop()
})

/** Every status the CLI tries again: a gateway's answer when the Worker is away. */
const GATEWAYS: Gateway[] = ['502', '503', '504']

/** The engine's report as it reads after JSON, which is what any client receives. */
const expected = (survey: Survey) => JSON.parse(JSON.stringify(report(survey)))

async function behind<T>(
  fault: (path: string, nth: number) => Fault,
  run: (url: string) => Promise<T>,
): Promise<{ result: T | unknown; seen: Record<string, number> }> {
  const proxy = await flakyProxy(worker.url, fault)
  try {
    const result = await run(proxy.url).catch((error: unknown) => error)
    return { result, seen: Object.fromEntries(proxy.seen) }
  } finally {
    await proxy.close()
  }
}

describe('the single request behind a proxy that refuses', () => {
  const score = (url: string) => scoreSurvey({ url, secret }, sample, {}, 'survey-2017.csv')

  for (const status of GATEWAYS) {
    it(`sends the survey again after a ${status} and gives the report`, async () => {
      const { result, seen } = await behind((_, nth) => (nth === 1 ? status : 'pass'), score)
      expect(seen).toEqual({ '/v1/report': 2 })
      const { reply } = result as Awaited<ReturnType<typeof scoreSurvey>>
      expect(reply.tables).toEqual(expected(sample).tables)
    })
  }

  it('sends it again when the connection is lost without an answer', async () => {
    const { result, seen } = await behind((_, nth) => (nth === 1 ? 'drop' : 'pass'), score)
    expect(seen).toEqual({ '/v1/report': 2 })
    const { reply } = result as Awaited<ReturnType<typeof scoreSurvey>>
    expect(reply.summary).toEqual(expected(sample).summary)
  })

  it('gives up after three attempts, with the proxy’s answer (exit 4)', async () => {
    const { result, seen } = await behind(() => '503', score)
    expect(seen).toEqual({ '/v1/report': 3 })
    expect(result).toMatchObject({
      exitCode: 4,
      message: expect.stringMatching(
        /^Worker at http:\/\/127\.0\.0\.1:\d+ answered 503: Your worker restarted mid-request/,
      ),
    })
  })

  for (const status of ['502', '504'] as const) {
    it(`gives up after three ${status}s too, with that answer (exit 4)`, async () => {
      const { result, seen } = await behind(() => status, score)
      expect(seen).toEqual({ '/v1/report': 3 })
      expect(result).toMatchObject({
        exitCode: 4,
        message: expect.stringMatching(
          new RegExp(
            `^Worker at http://127\\.0\\.0\\.1:\\d+ answered ${status}: error code: ${status}`,
          ),
        ),
      })
    })
  }
})

describe('the fan-out behind a proxy that refuses', () => {
  // 9,000 respondents drawn from the sample, weighted (weights off the 2^-20 grid too).
  const small = () =>
    resampleColumns(sample.header, sample.rows, 9000, { weights: [0.1, 0.75, 1, 1.3, 2.125] })

  for (const status of GATEWAYS) {
    it(`sends a chunk or the states again after a ${status} and gives the one-pass report`, async () => {
      const chunked = small()
      const { result, seen } = await behind(
        (_, nth) => (nth === 1 ? status : 'pass'),
        (url) => fanOutReport({ url, secret }, chunked, {}, { chunkRows: 3000, concurrency: 1 }),
      )
      const { reply, chunks } = result as Awaited<ReturnType<typeof fanOutReport>>
      expect(chunks).toBe(3)
      // Chunks share a path: the first aggregate and the first report were refused once.
      expect(seen).toEqual({ '/v1/aggregate': 4, '/v1/report': 2 })
      expect(reply.tables).toEqual(expected(chunked).tables)
    })
  }

  it('gives up after three attempts with the 503', async () => {
    const { result, seen } = await behind(
      () => '503',
      (url) => fanOutReport({ url, secret }, small(), {}, { chunkRows: 9000 }),
    )
    expect(result).toBeInstanceOf(WorkerReplyError)
    expect((result as WorkerReplyError).status).toBe(503)
    expect(seen['/v1/aggregate']).toBe(3)
  })
})
