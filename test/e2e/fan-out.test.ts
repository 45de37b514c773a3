import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ColumnSurvey, resampleColumns } from '../../bench/synthetic-columns'
import { fanOutReport, type LocalWorker, startLocalWorker } from '../../cli/index'
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
    // The clients build their sheets from the tables: no plan unless asked for.
    expect(reply.plan).toBeUndefined()
  }, 240_000)
})
