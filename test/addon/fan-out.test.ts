import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, startLocalWorker } from '../../cli/index'
import { type Cell, type Report, report, TABLE_IDS } from '../../engine/index'
import { CHUNK_ROWS } from '../../protocol/index'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest, TEST_WORKER } from './support/build'
import { googleVars, startTestGoogle, type TestGoogle } from './support/google'
import { sampleValues } from './support/sample'
import {
  fingerprint,
  patchSettings,
  reportSheets,
  saveSettings,
  userSheets,
} from './support/spreadsheets'

/** 22 copies of the sample: 209,374 responses, more than one request takes. */
const COPIES = 22

let google: TestGoogle
let worker: LocalWorker
let http: SyncHttp
let addon: LoadedAddon
let values: Cell[][]

beforeAll(async () => {
  google = await startTestGoogle()
  const [started, dist, sample, token] = await Promise.all([
    startLocalWorker({ vars: googleVars(google) }),
    buildForTest(),
    sampleValues(),
    google.idToken(),
  ])
  worker = started
  const [header, ...rows] = sample
  values = [header, ...Array.from({ length: COPIES }, () => rows).flat()]
  http = new SyncHttp()
  addon = loadAddon({ dist, http, identityToken: token, routes: { [TEST_WORKER]: worker.url } })
  userSheets(addon, values)
  saveSettings(addon, TEST_WORKER)
  addon.call('menuRegenerate')
}, 120_000)

afterAll(async () => {
  await Promise.all([worker?.stop(), google?.stop(), http?.stop()])
})

const body = (i: number) => JSON.parse(addon.urlFetch.exchanges[i]?.body ?? 'null')

describe(`Regenerate on ${COPIES} copies of the sample (fan-out)`, () => {
  it('sends the chunks to /v1/aggregate together in one fetchAll, then their states to /v1/report', () => {
    expect(addon.ui.dialogs).toEqual([])
    expect(values.length - 1).toBeGreaterThan(CHUNK_ROWS)
    const calls = addon.log.tally()
    expect(calls['UrlFetchApp.fetchAll']).toBe(1)
    expect(calls['UrlFetchApp.fetch']).toBe(1)
    expect(calls['Range.getValues']).toBe(1)
    const exchanges = addon.urlFetch.exchanges
    expect(exchanges.map((e) => [e.url, e.status])).toEqual([
      [`${TEST_WORKER}/v1/aggregate`, 200],
      [`${TEST_WORKER}/v1/aggregate`, 200],
      [`${TEST_WORKER}/v1/report`, 200],
    ])
    for (const exchange of exchanges) expect(exchange.headers.Authorization).toMatch(/^Bearer ey/)
    const chunks = [body(0), body(1)]
    expect(chunks.map((c) => c.options.firstRow)).toEqual([2, CHUNK_ROWS + 2])
    expect(chunks.map((c) => c.columns[0].codes.length)).toEqual([
      CHUNK_ROWS,
      values.length - 1 - CHUNK_ROWS,
    ])
    const states = body(2)
    expect(states.columns).toBeUndefined()
    expect(states.states).toHaveLength(2)
    expect(states.options).toEqual({
      locale: 'kk',
      minBase: 30,
      order: 'satisfaction',
      tables: [...TABLE_IDS.filter((id) => id !== 'issues'), 'issues'],
    })
  })

  it('writes the report one in-process pass over all rows gives, issues named by sheet row', () => {
    const reply = JSON.parse(addon.urlFetch.exchanges[2]?.response ?? 'null') as Report
    const [header, ...rows] = values
    const mapping = body(0).mapping
    const expected = report({ header, rows, mapping }, body(2).options)
    expect(reply.tables).toEqual(expected.tables)
    expect(reply.summary).toEqual(expected.summary)
    expect(reply.issues).toEqual(expected.issues)
    expect(reply.issues).toHaveLength(COPIES * 43)
    // A planted issue of the last copy sits in the second chunk: its row counts from the sheet's top.
    expect(Math.max(...reply.issues.map((i) => i.row))).toBeGreaterThan(CHUNK_ROWS + 1)
    const written = reportSheets(addon).map((s) => s.table)
    expect(written).toEqual([
      ...reply.tables.map((t) => t.id).filter((id) => id !== 'issues'),
      'issues',
    ])
  })

  it('a refused chunk: the Worker’s message in a dialog, the previous report untouched', () => {
    patchSettings(addon, { mapping: { ...body(0).mapping, overall: 'Баға 2017' } })
    const before = fingerprint(addon)
    addon.ui.dialogs.length = 0
    addon.call('menuRegenerate')
    expect(addon.ui.dialogs).toEqual([
      {
        title: expect.stringMatching(/жауаптарды оқи алмайды/),
        message: expect.stringMatching(/"Баға 2017"/),
      },
    ])
    expect(addon.urlFetch.exchanges.at(-1)?.url).toBe(`${TEST_WORKER}/v1/aggregate`)
    expect(fingerprint(addon)).toEqual(before)
  }, 180_000)
})
