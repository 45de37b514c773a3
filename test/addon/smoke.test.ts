/**
 * The shipped Code.js, end to end in its own realm with the Apps Script stand-ins: Settings
 * saved through the sidebar's function, Regenerate against the Worker under `wrangler dev` (its
 * https URL routed there), the report's sheets written; and the calls it makes do not grow with
 * the number of respondents (DESIGN §8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, startLocalWorker } from '../../cli/index'
import type { Cell } from '../../engine/index'
import { BINARY_CONTENT_TYPE } from '../../protocol/index'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest, TEST_WORKER } from './support/build'
import { googleVars, startTestGoogle, type TestGoogle } from './support/google'
import { sampleValues } from './support/sample'
import { sentBody } from './support/sent'
import { NAMESAKE, RESPONSES, reportSheets, saveSettings, userSheets } from './support/spreadsheets'

let google: TestGoogle
let worker: LocalWorker
let http: SyncHttp
let dist: string
let sample: Cell[][]
let token: string

beforeAll(async () => {
  google = await startTestGoogle()
  ;[worker, dist, sample, token] = await Promise.all([
    startLocalWorker({ vars: googleVars(google) }),
    buildForTest(),
    sampleValues(),
    google.idToken(),
  ])
  http = new SyncHttp()
}, 60_000)

afterAll(async () => {
  await Promise.all([worker?.stop(), google?.stop(), http?.stop()])
})

function open(values: Cell[][]): LoadedAddon {
  const addon = loadAddon({
    dist,
    http,
    identityToken: token,
    routes: { [TEST_WORKER]: worker.url },
  })
  userSheets(addon, values)
  saveSettings(addon, TEST_WORKER)
  return addon
}

/** Classes whose calls touch the document (builders and UI are counted apart). */
const DOCUMENT = [
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'DeveloperMetadataFinder',
  'DeveloperMetadata',
  'DeveloperMetadataLocation',
]

describe('Code.js in its realm', () => {
  it('regenerates the sample: one read, one binary request with the token, the sheets written', () => {
    const addon = open(sample)
    addon.call('menuRegenerate')
    expect(addon.ui.dialogs).toEqual([])
    expect(addon.log.tally()['Range.getValues']).toBe(1)
    const [exchange] = addon.urlFetch.exchanges
    expect(addon.urlFetch.exchanges).toHaveLength(1)
    expect(exchange.url).toBe(`${TEST_WORKER}/v1/report`)
    expect(exchange.headers.Authorization).toBe(`Bearer ${token}`)
    expect(exchange.headers['Content-Type']).toBe(BINARY_CONTENT_TYPE)
    expect(sentBody(exchange).columns[0].codes).toHaveLength(sample.length - 1)
    expect(exchange.status).toBe(200)
    const reply = JSON.parse(exchange.response ?? '{}')
    const written = reportSheets(addon)
    expect(written.map((s) => s.table)).toEqual([
      ...reply.tables.map((t: { id: string }) => t.id).filter((id: string) => id !== 'issues'),
      'chapters',
      'issues',
    ])
    // Kazakh text survived both ways: the sheet titles and labels are the Worker's.
    const rating = written.find((s) => s.table === 'rating')?.sheet
    expect(rating?.name).toBe(`${NAMESAKE} (2)`)
    // The rank, then the rank range the sheets add ("3–9"), both headed in Kazakh.
    expect(rating?.grid[0][0].value).toBe(reply.tables[0].columns[0].label)
    expect(rating?.grid[0][1].value).toBe('Орын аралығы')
    expect(addon.spreadsheet.fakeSheetNamed(RESPONSES)?.metadata).toEqual([])
    expect(addon.lock.lock.held).toBe(false)
    expect(addon.spreadsheet.toasts.at(-1)).toMatch(/с ішінде дайын\. Оқылмаған бағандар: 10 /)
  })

  it('makes the same document calls for a third of the sample as for all of it', () => {
    const calls = (values: Cell[][]) => {
      const addon = open(values)
      addon.call('menuRegenerate')
      addon.log.reset()
      addon.call('menuRegenerate')
      expect(addon.ui.dialogs).toEqual([])
      return addon.log.tally(DOCUMENT)
    }
    const third = [sample[0], ...sample.slice(1).filter((_, i) => i % 3 === 0)]
    const small = calls(third)
    const full = calls(sample)
    expect(small).toEqual(full)
    expect(full['Range.getValues']).toBe(1)
    // Whole grids per sheet, never per row: a handful of range writes per sheet.
    const sheets = full['Spreadsheet.insertSheet']
    expect(full['Range.setValues']).toBe(sheets)
    // Column widths are set one call per column (a report column, not a respondent); the rest
    // is a handful of calls per sheet.
    const { 'Sheet.setColumnWidth': widths = 0, ...rest } = full
    expect(widths).toBeLessThan(20 * sheets)
    expect(Object.values(rest).reduce((a, b) => a + b, 0)).toBeLessThan(40 * sheets + 40)
  })

  it('shows the sidebar in the spreadsheet’s language', () => {
    const addon = open(sample.slice(0, 20))
    addon.properties.document.values.clear()
    addon.spreadsheet.locale = 'ru_RU'
    addon.call('menuSettings')
    expect(addon.ui.sidebars).toEqual([{ title: 'Sapa', lang: 'ru' }])
  })
})
