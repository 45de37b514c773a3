import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, signedHeaders, startLocalWorker } from '../../cli/index'
import {
  ASPECT_LABELS,
  ASPECTS,
  type Cell,
  findColumns,
  type Report,
  type Role,
  type Table,
} from '../../engine/index'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest } from './support/build'
import { sampleValues } from './support/sample'

const secret = randomBytes(32).toString('hex')
let worker: LocalWorker
let http: SyncHttp
let addon: LoadedAddon
let reply: Report
/** The sample with the cells the Worker reported as data issues blanked: formulas refuse them. */
let clean: Cell[][]
let columnOf: Partial<Record<Role, number>>

beforeAll(async () => {
  const [started, dist, values] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    buildForTest(),
    sampleValues(),
  ])
  worker = started
  http = new SyncHttp()
  addon = loadAddon({ dist, http })
  const [header, ...rows] = values
  const body = JSON.stringify({ header, rows })
  const response = await fetch(`${worker.url}/v1/report`, {
    method: 'POST',
    body,
    headers: signedHeaders(secret, body),
  })
  expect(response.status).toBe(200)
  reply = (await response.json()) as Report
  expect(reply.issues).toHaveLength(reply.summary.issueCount)
  clean = values.map((row) => [...row])
  for (const issue of reply.issues) clean[issue.row - 1][header.indexOf(issue.column)] = ''
  columnOf = findColumns(header)
}, 60_000)

afterAll(async () => {
  await Promise.all([worker?.stop(), http?.stop()])
})

const call = (name: string, ...args: unknown[]) =>
  JSON.parse(JSON.stringify(addon.call(name, ...args)))

/** One role's column as a range, header excluded; optionally only some rows. */
function range(role: Role, keep: (row: Cell[]) => boolean = () => true): Cell[][] {
  const c = columnOf[role] as number
  return clean
    .slice(1)
    .filter(keep)
    .map((row) => [row[c]])
}

const table = (id: string) => reply.tables.find((t) => t.id === id) as Table

describe('every formula equals the Worker’s number on the sample', () => {
  it('SATISFACTION, TOP2BOX, MEAN_SCORE, SCORE10, RESPONDENTS and DISTRIBUTION over all responses', () => {
    const total = table('distribution').rows.find((r) => r.groupType === 'total')
    const overall = range('overall')
    expect(call('SATISFACTION', overall)).toBeCloseTo(reply.summary.satisfaction as number, 14)
    expect(call('MEAN_SCORE', overall)).toBeCloseTo(reply.summary.mean as number, 14)
    expect(call('RESPONDENTS', overall)).toBe(reply.summary.rated)
    expect(call('DISTRIBUTION', overall)[0]).toEqual(
      ['p1', 'p2', 'p3', 'p4', 'p5'].map((k) => expect.closeTo(total?.[k] as number, 14)),
    )
    expect(call('TOP2BOX', overall)).toBeCloseTo((total?.p4 as number) + (total?.p5 as number), 14)
    expect(call('SCORE10', overall)).toBeCloseTo(2 * (reply.summary.mean as number), 14)
  })

  it('each measure and SATISFACTION_CI for every ranked service, as in the rating', () => {
    const service = columnOf.service as number
    const ranked = table('rating').rows.filter((r) => r.rank !== null)
    expect(ranked.length).toBeGreaterThan(20)
    for (const row of ranked) {
      const scores = range('overall', (r) => String(r[service]).trim() === row.service)
      expect(call('RESPONDENTS', scores), String(row.service)).toBe(row.n)
      expect(call('SATISFACTION', scores)).toBeCloseTo(row.satisfaction as number, 14)
      expect(call('TOP2BOX', scores)).toBeCloseTo(row.top2 as number, 14)
      expect(call('MEAN_SCORE', scores)).toBeCloseTo(row.mean as number, 14)
      expect(call('SCORE10', scores)).toBeCloseTo(row.score10 as number, 14)
      const [[low, high]] = call('SATISFACTION_CI', scores)
      expect(low).toBeCloseTo(row.ciLow as number, 14)
      expect(high).toBeCloseTo(row.ciHigh as number, 14)
    }
  })

  it('SOCIAL_CONCERN equals the index of the concern table’s total', () => {
    const index = call(
      'SOCIAL_CONCERN',
      range('overall'),
      range('trust'),
      range('complaint'),
      range('informalPayment'),
      range('connections'),
    )
    expect(index).toBeCloseTo(table('concern').total?.index as number, 14)
  })

  it('KEY_DRIVERS equals the drivers table for all respondents', () => {
    const columns = ASPECTS.map((a) => columnOf[a] as number)
    const aspects = clean.map((row) => columns.map((c) => row[c]))
    const [, ...drivers] = call('KEY_DRIVERS', aspects, range('overall'))
    const total = table('drivers').rows.filter((r) => r.group === 'total')
    expect(drivers).toHaveLength(total.length)
    const labelOf = new Map(
      ASPECTS.map((a, i) => [String(clean[0][columns[i]]), ASPECT_LABELS[a].kk]),
    )
    drivers.forEach(([aspect, r, n]: [string, number, number], i: number) => {
      expect(labelOf.get(aspect)).toBe(total[i].aspectLabel)
      expect(r).toBeCloseTo(total[i].r as number, 14)
      expect(n).toBe(total[i].n)
    })
  })

  it('RATING equals the rating table, row for row', () => {
    const [, ...rows] = call('RATING', range('service'), range('overall'), 30)
    const expected = table('rating').rows
    expect(rows).toHaveLength(expected.length)
    const keys = [
      'rank',
      'service',
      'n',
      'satisfaction',
      'top2',
      'mean',
      'score10',
      'ciLow',
      'ciHigh',
    ]
    rows.forEach((row: unknown[], i: number) => {
      keys.forEach((key, k) => {
        const want = expected[i][key] ?? ''
        if (typeof want === 'number') expect(row[k]).toBeCloseTo(want, 14)
        else expect(row[k]).toBe(want)
      })
    })
  })
})
