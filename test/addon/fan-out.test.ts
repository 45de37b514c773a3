import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, startLocalWorker } from '../../cli/index'
import { type Cell, mergeRakeSamples, type Report, report, TABLE_IDS } from '../../engine/index'
import { BINARY_CONTENT_TYPE, CHUNK_ROWS } from '../../protocol/index'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest, TEST_WORKER } from './support/build'
import { googleVars, startTestGoogle, type TestGoogle } from './support/google'
import { marginValues, sampleValues, wave2016Values } from './support/sample'
import { sentBody } from './support/sent'
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

const body = (i: number) => sentBody(addon.urlFetch.exchanges[i])

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
    // The chunks carry codes, so they go as the binary body; the states body as JSON.
    expect(exchanges.map((e) => e.headers['Content-Type'])).toEqual([
      BINARY_CONTENT_TYPE,
      BINARY_CONTENT_TYPE,
      'application/json; charset=utf-8',
    ])
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
      tables: [...TABLE_IDS],
      scale: { min: 1, max: 5 },
      significance: { level: 0.05, correction: 'fdr' },
    })
    expect(chunks.map((c) => c.options.scale)).toEqual([
      { min: 1, max: 5 },
      { min: 1, max: 5 },
    ])
  })

  it('writes the report one in-process pass over all rows gives, issues named by sheet row', () => {
    const reply = JSON.parse(addon.urlFetch.exchanges[2]?.response ?? 'null') as Report
    const [header, ...rows] = values
    const mapping = body(0).mapping
    const expected = report({ header, rows, mapping }, body(2).options)
    expect(reply.tables).toEqual(expected.tables)
    expect(reply.summary).toEqual({ ...expected.summary, unused: [] })
    expect(reply.issues).toEqual(expected.issues)
    expect(reply.issues).toHaveLength(COPIES * 43)
    // A planted issue of the last copy sits in the second chunk: its row counts from the sheet's top.
    expect(Math.max(...reply.issues.map((i) => i.row))).toBeGreaterThan(CHUNK_ROWS + 1)
    const written = reportSheets(addon).map((s) => s.table)
    expect(written).toEqual([
      ...reply.tables.map((t) => t.id).filter((id) => id !== 'issues'),
      'chapters',
      'issues',
    ])
  })

  it('raked to margins with a previous wave: rake samples, then every chunk of both waves in one fetchAll, then the report one pass gives', async () => {
    const [oldHeader, ...oldRows] = await wave2016Values()
    addon.spreadsheet.fakeAddSheet('2016', [oldHeader, ...oldRows])
    addon.spreadsheet.fakeAddSheet('Margins', marginValues())
    patchSettings(addon, {
      previousSheet: '2016',
      marginsSheet: 'Margins',
      trim: { min: 0.3, max: 3 },
    })
    const sent = addon.urlFetch.exchanges.length
    addon.log.reset()
    addon.call('menuRegenerate')
    expect(addon.ui.dialogs).toEqual([])
    const calls = addon.log.tally()
    expect(calls['UrlFetchApp.fetchAll']).toBe(2)
    expect(calls['UrlFetchApp.fetch']).toBe(1)
    expect(calls['Range.getValues']).toBe(3)
    const exchanges = addon.urlFetch.exchanges.slice(sent)
    expect(exchanges.map((e) => [e.url.slice(TEST_WORKER.length), e.status])).toEqual([
      ['/v1/rake-sample', 200],
      ['/v1/rake-sample', 200],
      ['/v1/aggregate', 200],
      ['/v1/aggregate', 200],
      ['/v1/aggregate', 200],
      ['/v1/report', 200],
    ])
    const at = (i: number) => body(sent + i)
    const margins = at(0).options.weighting
    expect(margins.sample).toBeUndefined()
    expect(margins.trim).toEqual({ min: 0.3, max: 3 })
    // Every chunk of this wave is aggregated with the merged sample of the whole survey …
    const samples = [0, 1].map((i) => JSON.parse(exchanges[i].response ?? '{}').sample)
    const merged = mergeRakeSamples(samples[0], samples[1])
    expect(at(2).options.weighting).toEqual({ ...margins, sample: merged })
    expect(at(3).options.weighting).toEqual({ ...margins, sample: merged })
    // … the previous wave's one chunk without weights, and its state goes as `previous`.
    expect(at(4).options).toEqual({ firstRow: 2, scale: { min: 1, max: 5 } })
    expect(at(4).columns[0].codes).toHaveLength(oldRows.length)
    const states = at(5)
    expect(states.states).toHaveLength(2)
    expect(states.previous.states).toHaveLength(1)
    expect(states.options.weighting).toBeUndefined()
    const reply = JSON.parse(exchanges[5].response ?? 'null') as Report
    const [header, ...rows] = values
    const expected = report(
      { header, rows, mapping: at(2).mapping },
      { ...states.options, weighting: { margins: margins.margins, trim: margins.trim } },
      { header: oldHeader, rows: oldRows, mapping: at(4).mapping },
    )
    expect(reply.summary.weighting).toEqual(expected.summary.weighting)
    expect(reply.summary.previous).toEqual(expected.summary.previous)
    expect(reply.tables).toEqual(expected.tables)
    expect(reportSheets(addon).map((s) => s.table)).toContain('waves')
    patchSettings(addon, { previousSheet: '', marginsSheet: '' })
  }, 240_000)

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
