/**
 * Every formula equals the Worker's number: on the 2017 sample (1..5), on the 10-point sample
 * with its declared questions (1..10, the scale given as the formulas' last argument), and with
 * survey weights (SATISFACTION_CI and MEAN_CI on the design-based variance). The Worker runs
 * under `wrangler dev`; the formulas run in the shipped Code.js.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RATING_COLUMNS } from '../../addon/src/formulas/tables'
import { type LocalWorker, readSurvey, signedHeaders, startLocalWorker } from '../../cli/index'
import {
  ASPECTS,
  type Cell,
  findColumns,
  type Question,
  type Report,
  type Role,
} from '../../engine/index'
import { table } from '../support/tables'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest } from './support/build'
import { sampleValues } from './support/sample'

const secret = randomBytes(32).toString('hex')
let worker: LocalWorker
let http: SyncHttp
let addon: LoadedAddon

beforeAll(async () => {
  const [started, dist] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    buildForTest(),
  ])
  worker = started
  http = new SyncHttp()
  addon = loadAddon({ dist, http })
}, 60_000)

afterAll(async () => {
  await Promise.all([worker?.stop(), http?.stop()])
})

const call = (name: string, ...args: unknown[]) =>
  JSON.parse(JSON.stringify(addon.call(name, ...args)))

/** A survey as the Worker scored it, with its cells the Worker refused blanked (formulas refuse them). */
interface Scored {
  reply: Report
  clean: Cell[][]
  columnOf: Partial<Record<Role, number>>
  header: Cell[]
}

async function score(values: Cell[][], extra: Record<string, unknown> = {}): Promise<Scored> {
  const [header, ...rows] = values
  const body = JSON.stringify({ header, rows, ...extra })
  const response = await post(body)
  expect(response.status).toBe(200)
  const reply = (await response.json()) as Report
  expect(reply.issues).toHaveLength(reply.summary.issueCount)
  const clean = values.map((row) => [...row])
  for (const issue of reply.issues) clean[issue.row - 1][header.indexOf(issue.column)] = ''
  return { reply, clean, header, columnOf: findColumns(header, reply.summary.mapping) }
}

/**
 * POST /v1/report, once more after a connection error: fetch reuses the keep-alive connection
 * of startLocalWorker's health checks, which wrangler dev may have closed while the test read
 * its sample (the first POST then fails with EPIPE). The route is a pure function of its body.
 */
async function post(body: string): Promise<Response> {
  const send = () =>
    fetch(`${worker.url}/v1/report`, { method: 'POST', body, headers: signedHeaders(secret, body) })
  try {
    return await send()
  } catch {
    return await send()
  }
}

/** One column as a range, header excluded; optionally only some rows. */
function range(
  { clean }: Scored,
  column: number,
  keep: (row: Cell[]) => boolean = () => true,
): Cell[][] {
  return clean
    .slice(1)
    .filter(keep)
    .map((row) => [row[column]])
}

/**
 * Each formula over all respondents and over each ranked service equals the Worker's number,
 * with `scale` as the formulas' last argument (undefined: left out).
 */
function expectMeasures(scored: Scored, scale?: string, weights?: number) {
  const overall = scored.columnOf.overall as number
  const service = scored.columnOf.service as number
  const w = (keep?: (row: Cell[]) => boolean) =>
    weights === undefined ? '' : range(scored, weights, keep)
  const { summary } = scored.reply
  const all = range(scored, overall)
  expect(call('SATISFACTION', all, '', w(), scale)).toBeCloseTo(summary.satisfaction as number, 14)
  expect(call('MEAN_SCORE', all, w(), scale)).toBeCloseTo(summary.mean as number, 14)
  expect(call('RESPONDENTS', all, w(), scale)).toBe(summary.rated)
  const total = table(scored.reply, 'distribution').rows.find((r) => r.groupType === 'total')
  const points = summary.scale.max - summary.scale.min + 1
  const keys = Array.from({ length: points }, (_, k) => `p${summary.scale.min + k}`)
  expect(call('DISTRIBUTION', all, w(), scale)[0]).toEqual(
    keys.map((k) => expect.closeTo(total?.[k] as number, 14)),
  )
  const ranked = table(scored.reply, 'rating').rows.filter((r) => r.rank !== null)
  expect(ranked.length).toBeGreaterThan(20)
  for (const row of ranked) {
    const keep = (r: Cell[]) => String(r[service]).trim() === row.service
    const scores = range(scored, overall, keep)
    const name = String(row.service)
    expect(call('RESPONDENTS', scores, w(keep), scale), name).toBe(row.n)
    expect(call('SATISFACTION', scores, '', w(keep), scale)).toBeCloseTo(
      row.satisfaction as number,
      14,
    )
    expect(call('TOP2BOX', scores, w(keep), scale)).toBeCloseTo(row.top2 as number, 14)
    expect(call('MEAN_SCORE', scores, w(keep), scale)).toBeCloseTo(row.mean as number, 14)
    expect(call('SCORE10', scores, w(keep), scale)).toBeCloseTo(row.score10 as number, 14)
    const [[low, high]] = call('SATISFACTION_CI', scores, '', w(keep), scale)
    expect(low, name).toBeCloseTo(row.ciLow as number, 12)
    expect(high, name).toBeCloseTo(row.ciHigh as number, 12)
    const [[meanLow, meanHigh]] = call('MEAN_CI', scores, w(keep), scale)
    expect(meanLow, name).toBeCloseTo(row.meanCiLow as number, 12)
    expect(meanHigh, name).toBeCloseTo(row.meanCiHigh as number, 12)
  }
}

/** RATING spills the rating table row for row, every column it has. */
function expectRating(scored: Scored, scale?: string) {
  const service = range(scored, scored.columnOf.service as number)
  const scores = range(scored, scored.columnOf.overall as number)
  const [, ...rows] = call('RATING', service, scores, 30, 'kk', scale)
  const expected = table(scored.reply, 'rating').rows
  expect(rows).toHaveLength(expected.length)
  rows.forEach((row: unknown[], i: number) => {
    RATING_COLUMNS.forEach((key, k) => {
      const want = expected[i][key] ?? ''
      if (typeof want === 'number') expect(row[k], `${i} ${key}`).toBeCloseTo(want, 12)
      else expect(row[k], `${i} ${key}`).toBe(want)
    })
  })
}

/** KEY_DRIVERS over the rated items' columns equals the drivers table's total group. */
function expectDrivers(scored: Scored, items: { key: string; column: number }[], scale?: string) {
  const aspects = scored.clean.map((row) => items.map((item) => row[item.column]))
  const overall = range(scored, scored.columnOf.overall as number)
  const [, ...drivers] = call('KEY_DRIVERS', aspects, overall, 'kk', scale)
  const total = table(scored.reply, 'drivers').rows.filter((r) => r.group === 'total')
  expect(drivers).toHaveLength(total.length)
  const keyOf = new Map(items.map((item) => [String(scored.header[item.column]), item.key]))
  drivers.forEach(([aspect, r, n]: [string, number, number], i: number) => {
    expect(keyOf.get(aspect)).toBe(total[i].aspect)
    expect(r).toBeCloseTo(total[i].r as number, 14)
    expect(n).toBe(total[i].n)
  })
}

function expectConcern(scored: Scored, scale?: string) {
  const column = (role: Role) => range(scored, scored.columnOf[role] as number)
  const index = call(
    'SOCIAL_CONCERN',
    column('overall'),
    column('trust'),
    column('complaint'),
    column('informalPayment'),
    column('connections'),
    scale,
  )
  expect(index).toBeCloseTo(table(scored.reply, 'concern').total?.index as number, 14)
}

const aspectItems = (scored: Scored) =>
  ASPECTS.map((key) => ({ key: key as string, column: scored.columnOf[key] as number }))

describe('every formula equals the Worker’s number on the 2017 sample (1..5)', () => {
  let scored: Scored
  beforeAll(async () => {
    scored = await score(await sampleValues())
  })

  it('the measures and both intervals, over all responses and for every ranked service', () => {
    expectMeasures(scored)
  })

  it('SOCIAL_CONCERN, KEY_DRIVERS and RATING', () => {
    expectConcern(scored)
    expectDrivers(scored, aspectItems(scored))
    expectRating(scored)
  })
})

describe('every formula equals the Worker’s number on the 10-point sample, scale "1..10"', () => {
  let scored: Scored
  let questions: Question[]
  beforeAll(async () => {
    const declaration = JSON.parse(readFileSync('samples/survey-10point.questions.json', 'utf8'))
    questions = declaration.questions
    const { header, rows } = await readSurvey('samples/survey-10point.xlsx')
    scored = await score([header, ...rows], { questions, options: { scale: declaration.scale } })
    expect(scored.reply.summary.scale).toEqual({ min: 1, max: 10 })
  })

  it('the measures and both intervals, over all responses and for every ranked service', () => {
    expectMeasures(scored, '1..10')
  })

  it('SOCIAL_CONCERN on the two lowest points, KEY_DRIVERS with the rated questions, RATING', () => {
    expectConcern(scored, '1..10')
    const rated = questions
      .filter((q) => q.type === 'rating')
      .map((q) => ({ key: q.key, column: scored.header.indexOf(q.header as string) }))
    expectDrivers(scored, [...aspectItems(scored), ...rated], '1..10')
    expectRating(scored, '1..10')
  })
})

describe('with survey weights, the intervals are the rating’s (design-based)', () => {
  let scored: Scored
  let weights: number
  beforeAll(async () => {
    const [header, ...rows] = await sampleValues()
    // Deterministic weights from 0.4 to 2.9, some services far from equal.
    const weighted = [
      [...header, 'Салмақ'],
      ...rows.map((row, i) => [...row, 0.4 + ((i * 7919) % 11) / 4]),
    ]
    scored = await score(weighted)
    weights = header.length
    expect(scored.reply.summary.weighted).toBe(true)
    expect(scored.reply.summary.mapping.weight).toBe('Салмақ')
  })

  it('SATISFACTION_CI on the design effective base and MEAN_CI on the linearised variance', () => {
    expectMeasures(scored, undefined, weights)
  })
})
