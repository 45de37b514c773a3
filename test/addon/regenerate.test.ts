import type { sheets_v4 } from 'googleapis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, startLocalWorker } from '../../cli/index'
import { type Cell, displayValue, type Report, type TableId, type Value } from '../../engine/index'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest } from './support/build'
import { googleVars, startTestGoogle, type TestGoogle } from './support/google'
import { sampleValues } from './support/sample'
import {
  fingerprint,
  NAMESAKE,
  patchSettings,
  RESPONSES,
  reportSheets,
  saveSettings,
  userSheets,
} from './support/spreadsheets'

type Reply = Report & { plan: { requests: sheets_v4.Schema$Request[] } }

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

/** A spreadsheet with the user's sheets and saved settings, the add-on loaded over it. */
function open(values: Cell[][], tables?: readonly TableId[]): LoadedAddon {
  const addon = loadAddon({ dist, http, identityToken: token })
  userSheets(addon, values)
  saveSettings(addon, worker.url, tables)
  return addon
}

function regenerate(addon: LoadedAddon): Reply {
  addon.call('menuRegenerate')
  expect(addon.ui.dialogs).toEqual([])
  return JSON.parse(addon.urlFetch.exchanges.at(-1)?.response ?? 'null')
}

/** What a table's sheet should show: caption, labels, rows and total, blanks for nulls. */
function expectedGrid(reply: Reply, table: TableId): Value[][] {
  const cell = (value: Value | undefined) => (value === null || value === undefined ? '' : value)
  if (table === 'issues') {
    const keys = ['row', 'column', 'value', 'reason'] as const
    return reply.issues.slice(0, 1000).map((issue) => keys.map((k) => cell(issue[k])))
  }
  const source = reply.tables.find((t) => t.id === table)
  if (!source) throw new Error(`no ${table} table in the reply`)
  const rows = [...source.rows, ...(source.total ? [source.total] : [])]
  return [
    source.columns.map((c) => c.label),
    ...rows.map((row) =>
      source.columns.map((c) =>
        cell(displayValue(c.key, row[c.key] ?? null, reply.summary.locale)),
      ),
    ),
  ]
}

function valuesOf(addon: LoadedAddon, table: TableId) {
  const found = reportSheets(addon).find((s) => s.table === table)
  if (!found) throw new Error(`no sheet for ${table}`)
  return found.sheet.grid.map((row) => row.map((cell) => cell.value))
}

describe('Regenerate report on the 9,517-row sample', () => {
  let addon: LoadedAddon
  let first: Reply
  let userBefore: string[]

  beforeAll(() => {
    addon = open(sample)
    userBefore = addon.spreadsheet.sheets
      .map((s) => JSON.stringify(s.grid.map((r) => r.map((c) => c))))
      .slice(0, 3)
    first = regenerate(addon)
  })

  it('reads once, calls the Worker once with an ID token and compact columns, and says so', () => {
    expect(addon.log.tally()['Range.getValues']).toBe(1)
    const [exchange] = addon.urlFetch.exchanges
    expect(addon.urlFetch.exchanges).toHaveLength(1)
    expect(exchange.url).toBe(`${worker.url}/v1/report`)
    expect(exchange.method).toBe('POST')
    expect(exchange.headers.Authorization).toBe(`Bearer ${token}`)
    const body = JSON.parse(exchange.body ?? '{}')
    expect(body.rows).toBeUndefined()
    expect(body.columns).toHaveLength(28)
    expect(body.columns[0].codes).toHaveLength(9517)
    expect(exchange.status).toBe(200)
    const sheets = first.plan.requests.filter((r) => r.addSheet).length
    expect(addon.spreadsheet.toasts).toEqual([
      'Reading 9,517 responses…',
      'Scoring…',
      `Writing ${sheets} sheets…`,
      expect.stringMatching(/^Done in \d+\.\d s$/),
    ])
  })

  it('writes every table exactly as the Worker computed it', () => {
    const tables = reportSheets(addon).map((s) => s.table)
    expect(tables).toEqual([
      ...first.tables.map((t) => t.id).filter((id) => id !== 'issues'),
      'issues',
    ])
    for (const table of tables) {
      const written = valuesOf(addon, table)
      const expected = expectedGrid(first, table)
      if (table === 'issues') {
        // Caption, header, then the listed issues.
        expect(written.slice(2).map((row) => row.slice(0, 4))).toEqual(expected)
        continue
      }
      expect(
        written.map((row) => row.slice(0, expected[0].length)),
        table,
      ).toEqual(expected)
    }
  })

  it('formats the sheets as the plan says: frozen header, number formats, notes, grey small bases, scales, charts', () => {
    const rating = reportSheets(addon).find((s) => s.table === 'rating')?.sheet
    if (!rating) throw new Error('no rating sheet')
    expect(rating.frozenRows).toBe(1)
    const table = first.tables.find((t) => t.id === 'rating')
    const satisfaction = table?.columns.findIndex((c) => c.key === 'satisfaction') ?? -1
    expect(rating.grid[1][satisfaction].format).toBe('0.0%')
    expect(rating.grid[1][1].format).toBe('@')
    expect(rating.grid[0][0].weight).toBe('bold')
    const small = table?.rows.findIndex((r) => r.smallBase === true) ?? -1
    expect(small).toBeGreaterThan(0)
    expect(rating.grid[small + 1][1].color).toBe('#999999')
    expect(rating.grid[small + 1][0].note).toMatch(/Іріктеме аз/)
    expect(rating.charts).toHaveLength(1)
    const aspects = reportSheets(addon).find((s) => s.table === 'aspects')?.sheet
    const aspectRows = first.tables.find((t) => t.id === 'aspects')?.rows.length
    expect(aspects?.rules).toHaveLength(aspectRows ?? -1)
    const charts = reportSheets(addon).reduce((n, s) => n + s.sheet.charts.length, 0)
    expect(charts).toBe(first.plan.requests.filter((r) => r.addChart).length)
  })

  it('never names its sheet over a user’s sheet of the same name', () => {
    const rating = reportSheets(addon).find((s) => s.table === 'rating')?.sheet
    expect(rating?.name).toBe(`${NAMESAKE} (Sapa)`)
    expect(addon.spreadsheet.fakeSheetNamed(NAMESAKE)?.metadata).toEqual([])
  })

  it('a second run replaces the first: nothing accumulates, user sheets are as they were', () => {
    const firstIds = reportSheets(addon).map((s) => s.sheet.id)
    const count = addon.spreadsheet.sheets.length
    const second = regenerate(addon)
    const now = reportSheets(addon)
    expect(addon.spreadsheet.sheets).toHaveLength(count)
    expect(now.map((s) => s.sheet.id).some((id) => firstIds.includes(id))).toBe(false)
    expect(
      addon.spreadsheet.sheets.map((s) => s.name).filter((n) => n.startsWith('Sapa ')),
    ).toEqual([])
    expect(second.tables).toEqual(first.tables)
    const userAfter = addon.spreadsheet.sheets
      .slice(0, 3)
      .map((s) => JSON.stringify(s.grid.map((r) => r.map((c) => c))))
    expect(userAfter).toEqual(userBefore)
    expect(addon.spreadsheet.sheets.slice(0, 3).map((s) => s.name)).toEqual([
      RESPONSES,
      NAMESAKE,
      'Notes',
    ])
    expect(addon.spreadsheet.sheets[2].metadata.map((m) => m.key)).toEqual(['someone.else'])
    expect(addon.lock.lock.held).toBe(false)
  })
})

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

/** The calls of a second run (a previous report exists), per "Class.method". */
function secondRunCalls(values: Cell[][], tables?: readonly TableId[]) {
  const addon = open(values, tables)
  regenerate(addon)
  addon.log.reset()
  const reply = regenerate(addon)
  return { tally: addon.log.tally(DOCUMENT), all: addon.log.tally(), reply }
}

/**
 * The documented bound (docs/addon.md): 13 fixed calls, 4 per sheet of the previous report,
 * and per new sheet 18 + one per column, plus 2 when it has rules or charts, 1 for its rules,
 * 2 per chart, and 1 per title already taken by a user's sheet.
 */
function documentedCalls(reply: Reply, previousSheets: number, takenTitles: number): number {
  const requests = reply.plan.requests
  return (
    13 +
    4 * previousSheets +
    takenTitles +
    requests
      .filter((r) => r.addSheet)
      .reduce((sum, r) => {
        const id = r.addSheet?.properties?.sheetId
        const on = (q: sheets_v4.Schema$Request) =>
          q.addChart?.chart?.position?.overlayPosition?.anchorCell?.sheetId === id
        const rules = requests.some(
          (q) => q.addConditionalFormatRule?.rule?.ranges?.[0]?.sheetId === id,
        )
        const charts = requests.filter(on).length
        const columns = r.addSheet?.properties?.gridProperties?.columnCount ?? 0
        return sum + 18 + columns + (rules || charts > 0 ? 2 : 0) + (rules ? 1 : 0) + 2 * charts
      }, 0)
  )
}

describe('The number of calls', () => {
  it('is the same for a third of the sample as for all of it', () => {
    const third = [sample[0], ...sample.slice(1).filter((_, i) => i % 3 === 0)]
    const small = secondRunCalls(third)
    const full = secondRunCalls(sample)
    expect(small.tally).toEqual(full.tally)
    expect(full.tally['Range.getValues']).toBe(1)
    expect(full.all['UrlFetchApp.fetch']).toBe(1)
    const sheets = full.reply.plan.requests.filter((r) => r.addSheet).length
    const total = Object.values(full.tally).reduce((a, b) => a + b, 0)
    expect(total).toBe(documentedCalls(full.reply, sheets, 1))
  })

  it('follows the documented bound for a subset of the tables as for all of them', () => {
    const subset = secondRunCalls(sample, ['regions', 'drivers'])
    const sheets = subset.reply.plan.requests.filter((r) => r.addSheet).length
    expect(sheets).toBe(3)
    const total = Object.values(subset.tally).reduce((a, b) => a + b, 0)
    expect(total).toBe(documentedCalls(subset.reply, sheets, 0))
  })
})

describe('A failure at any point leaves the previous report exactly as it was', () => {
  let addon: LoadedAddon
  let settings: string

  beforeAll(() => {
    addon = open(sample.slice(0, 3001))
    regenerate(addon)
    settings = addon.properties.document.getProperty('sapa.settings') ?? ''
  })

  function expectUntouched(run: () => void, dialog: { title: RegExp; message: RegExp }) {
    const before = fingerprint(addon)
    addon.ui.dialogs.length = 0
    run()
    expect(addon.ui.dialogs).toEqual([
      {
        title: expect.stringMatching(dialog.title),
        message: expect.stringMatching(dialog.message),
      },
    ])
    expect(fingerprint(addon)).toEqual(before)
    expect(addon.lock.lock.held).toBe(false)
  }

  it('Worker 500', () => {
    patchSettings(addon, { workerUrl: `${google.url}/fail-500` })
    expectUntouched(() => addon.call('menuRegenerate'), {
      title: /HTTP 500/,
      message: /Internal error \(request req-test-500\)/,
    })
  })

  it('Worker timeout', () => {
    patchSettings(addon, { workerUrl: `${google.url}/slow` })
    addon.urlFetch.timeoutMs = 300
    try {
      expectUntouched(() => addon.call('menuRegenerate'), {
        title: /did not answer/,
        message: /Timeout/,
      })
    } finally {
      addon.urlFetch.timeoutMs = 60_000
    }
  })

  it('401: a token the Worker does not trust', async () => {
    patchSettings(addon, { workerUrl: worker.url })
    addon.script.identityToken = await google.idToken({}, { foreignKey: true })
    try {
      expectUntouched(() => addon.call('menuRegenerate'), {
        title: /refused your account/,
        message: /token signature invalid.*ALLOWED_EMAILS/,
      })
    } finally {
      addon.script.identityToken = token
    }
  })

  it('malformed JSON', () => {
    patchSettings(addon, { workerUrl: `${google.url}/garbled` })
    expectUntouched(() => addon.call('menuRegenerate'), {
      title: /broken answer/,
      message: /not valid JSON/,
    })
  })

  it('a missing column: the Worker’s message names it', () => {
    patchSettings(addon, {
      workerUrl: worker.url,
      mapping: { service: 'Қызмет коды', overall: 'Баға 2017' },
    })
    expectUntouched(() => addon.call('menuRegenerate'), {
      title: /cannot read the responses/,
      message: /"Баға 2017"/,
    })
  })

  it('an exception while writing the third sheet', () => {
    addon.properties.document.setProperty('sapa.settings', settings)
    addon.log.reset()
    addon.log.failOn({ call: 'Range.setValues', nth: 3, message: 'Service Spreadsheets failed' })
    expectUntouched(() => addon.call('menuRegenerate'), {
      title: /could not be written/,
      message: /Service Spreadsheets failed\. The previous report is as it was/,
    })
    addon.log.reset()
  })

  it('another run in progress: the lock is not taken, nothing is read', () => {
    addon.lock.lock.busy = true
    try {
      const fetches = addon.urlFetch.exchanges.length
      expectUntouched(() => addon.call('menuRegenerate'), { title: /busy/, message: /already/ })
      expect(addon.urlFetch.exchanges).toHaveLength(fetches)
    } finally {
      addon.lock.lock.busy = false
    }
  })
})

describe('About and Insert formula examples', () => {
  it('About shows the add-on’s engine and the Worker’s, asking the Worker once a minute', () => {
    const addon = open(sample.slice(0, 100))
    addon.call('menuAbout')
    addon.call('menuAbout')
    expect(addon.ui.dialogs).toHaveLength(2)
    expect(addon.ui.dialogs[0]).toEqual({
      title: 'About Sapa',
      message: `Add-on engine 0.1.0\nWorker ${worker.url}: engine 0.1.0`,
    })
    expect(addon.urlFetch.exchanges.map((e) => e.url)).toEqual([`${worker.url}/v1/health`])
  })

  it('adds one sheet of worked formulas over the mapped columns, replacing it when asked again', () => {
    const addon = open(sample.slice(0, 300))
    addon.call('menuExamples')
    addon.call('menuExamples')
    const examples = addon.spreadsheet.sheets.filter((s) =>
      s.metadata.some((m) => m.key === 'sapa.examples'),
    )
    expect(examples).toHaveLength(1)
    const [sheet] = examples
    expect(sheet.name).toBe('Sapa formulas')
    const formulas = sheet.grid.map((row) => row[2].formula).filter(Boolean)
    expect(formulas).toContain(`=SATISFACTION('${RESPONSES}'!J2:J)`)
    expect(formulas).toContain(
      `=MEAN_SCORE(FILTER('${RESPONSES}'!J2:J, '${RESPONSES}'!G2:G="Мемлекеттік корпорация (ХҚКО)"))`,
    )
    expect(formulas.some((f) => f.startsWith('=KEY_DRIVERS({'))).toBe(true)
    expect(formulas.at(-1)).toBe(`=RATING('${RESPONSES}'!D2:D, '${RESPONSES}'!J2:J, 30)`)
    expect(sheet.grid[2][1].formula).toBe('=FORMULATEXT(C3)')
    expect(addon.ui.dialogs).toEqual([])
  })
})
