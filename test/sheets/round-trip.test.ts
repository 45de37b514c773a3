/**
 * The Sheets API writer's round trip: the model written as batchUpdate requests, applied by a
 * stand-in of the API written from its reference (test/support/sheets-api.ts), and read back
 * into the model's shape: every value, format, note, bold, colour, width, rule, chart and mark.
 * The .xlsx and SpreadsheetApp writers make the same round trip in test/cli/xlsx.test.ts and
 * test/addon/write.test.ts, on the same report.
 */
import { describe, expect, it } from 'vitest'
import { readSurvey } from '../../cli/index'
import { report } from '../../engine/index'
import {
  type Box,
  buildSheets,
  type CellRef,
  caseless,
  type SheetKind,
  type SheetModel,
  sheetRequests,
} from '../../sheets/index'
import { FIXTURE_TIME, fixtureReport } from '../support/sheet-fixture'
import { type ApiBox, type ApiSheet, StandInSpreadsheet } from '../support/sheets-api'

/** A link Sheets makes to a cell of the same sheet, `#gid=<id>&range=B5`, as the model's cell. */
function linkTarget(uri: string | null, sheetId: number): CellRef | null {
  if (uri === null) return null
  const match = /^#gid=(\d+)&range=([A-Z]+)(\d+)$/.exec(uri)
  expect(match, uri).not.toBeNull()
  const [, gid, letters, row] = match as RegExpExecArray
  expect(Number(gid)).toBe(sheetId)
  const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
  return { row: Number(row) - 1, column }
}

/** What the stand-in holds, in the model's terms; anything the model cannot say fails. */
function readBack(sheet: ApiSheet): SheetModel {
  const cells = sheet.cells
  const one = (boxes: ApiBox[]): Box => {
    expect(boxes).toHaveLength(1)
    return boxes[0]
  }
  for (const row of cells) {
    for (const cell of row) {
      if (cell.format) {
        expect(cell.format.type).toBe(cell.format.pattern.endsWith('%') ? 'PERCENT' : 'NUMBER')
      }
    }
  }
  for (const rule of sheet.rules) {
    expect([rule.min.type, rule.mid.type, rule.max.type]).toEqual(['MIN', 'PERCENTILE', 'MAX'])
  }
  for (const chart of sheet.charts) {
    expect(chart.headerCount).toBe(1)
    const valueAxis = chart.type === 'SCATTER' ? 'LEFT_AXIS' : 'BOTTOM_AXIS'
    expect(chart.series.every((s) => s.axis === valueAxis)).toBe(true)
    expect(chart.axis.map((a) => a.position)).toEqual(
      chart.type === 'SCATTER' ? ['BOTTOM_AXIS', 'LEFT_AXIS'] : ['BOTTOM_AXIS'],
    )
    expect(chart.domains).toHaveLength(1)
  }
  expect(sheet.metadata.every((m) => m.visibility === 'DOCUMENT')).toBe(true)
  return {
    table: JSON.parse(sheet.metadata[0]?.value ?? '{}').table as SheetKind,
    title: sheet.title,
    rows: sheet.rows,
    columns: sheet.columns,
    frozenRows: sheet.frozenRows,
    values: cells.map((row) => row.map((cell) => cell.value)),
    formats: cells.map((row) => row.map((cell) => cell.format?.pattern ?? null)),
    notes: cells.map((row) => row.map((cell) => cell.note)),
    bold: cells.map((row) => row.map((cell) => cell.bold)),
    colors: cells.map((row) => row.map((cell) => cell.color)),
    links: cells.map((row) => row.map((cell) => linkTarget(cell.link, sheet.sheetId))),
    wraps: cells.map((row) => row.map((cell) => cell.wrap === 'WRAP')),
    widths: Array.from({ length: sheet.columns }, (_, c) => sheet.widths.get(c) ?? null),
    // Sheets lists first the rule that takes precedence: the model's last.
    rules: [...sheet.rules].reverse().map((rule) => ({
      boxes: rule.boxes,
      min: rule.min.color,
      mid: { color: rule.mid.color, percentile: Number(rule.mid.value) },
      max: rule.max.color,
    })),
    charts: sheet.charts.map((chart) => ({
      kind: chart.type === 'SCATTER' ? ('scatter' as const) : ('bar' as const),
      stacked: chart.stacked === 'PERCENT_STACKED',
      title: chart.title,
      legend: chart.legend === 'BOTTOM_LEGEND',
      // A bar chart's values run along its bottom axis; a scatter's x along it, its y up the left.
      axisTitle: chart.axis[chart.type === 'SCATTER' ? 1 : 0]?.title ?? '',
      domainAxisTitle: chart.type === 'SCATTER' ? (chart.axis[0]?.title ?? '') : null,
      domain: one(chart.domains[0] ?? []),
      series: chart.series.map((s) => one(s.boxes)),
      anchor: chart.anchor,
      width: chart.width,
      height: chart.height,
    })),
    metadata: sheet.metadata.map(({ key, value }) => ({ key, value })),
  }
}

describe('the Sheets API writer', () => {
  it('carries every part of the model into the spreadsheet', () => {
    const sheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME })
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(sheetRequests(sheets))
    expect(spreadsheet.sheets.map(readBack)).toEqual(sheets)
    // The fixture uses every feature: a round trip of less would prove less.
    const charts = sheets.flatMap((s) => s.charts)
    expect(charts.map((chart) => chart.kind)).toEqual([
      'bar',
      'bar',
      'bar',
      'scatter',
      'scatter',
      'bar',
    ])
    // Three aspects rows, three places; the chapters: two places and the total, one and the
    // total, a total alone.
    expect(sheets.flatMap((s) => s.rules)).toHaveLength(3 + 3 + 6)
    expect(sheets.flatMap((s) => s.links.flat()).filter(Boolean)).toHaveLength(3)
  })

  it('carries the sample’s report too', async () => {
    const result = report(await readSurvey('samples/survey-2017.xlsx'), { locale: 'ru' })
    const sheets = buildSheets(result, { generatedAt: FIXTURE_TIME })
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(sheetRequests(sheets))
    expect(spreadsheet.sheets.map(readBack)).toEqual(sheets)
  })

  it('gives a sheet whose title the spreadsheet already has the next free title', () => {
    const sheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME })
    const spreadsheet = new StandInSpreadsheet([
      { sheetId: 1, title: 'Service rating' },
      { sheetId: 2, title: 'data issues (2)' },
    ])
    spreadsheet.batchUpdate(
      sheetRequests(sheets, { taken: caseless(['Service rating', 'data issues (2)']) }),
    )
    expect(spreadsheet.sheets.map((s) => s.title)).toEqual([
      'Service rating',
      'data issues (2)',
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
  })
})
