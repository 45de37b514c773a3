/**
 * The Sheets API writer's round trip: the model written as batchUpdate requests, applied by a
 * stand-in of the API written from its reference (test/support/sheets-api.ts), and read back
 * into the model's shape: every value, format, note, bold, colour, width, rule, chart and mark.
 * The .xlsx and SpreadsheetApp writers make the same round trip in test/cli/xlsx.test.ts and
 * test/addon/write.test.ts, on the same report.
 */
import { describe, expect, it } from 'vitest'
import { readSurvey } from '../../cli/index'
import { report, type TableId } from '../../engine/index'
import { type Box, buildSheets, caseless, type SheetModel, sheetRequests } from '../../sheets/index'
import { FIXTURE_TIME, fixtureReport } from '../support/sheet-fixture'
import { type ApiBox, type ApiSheet, StandInSpreadsheet } from '../support/sheets-api'

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
    expect(chart.series.every((s) => s.axis === 'BOTTOM_AXIS')).toBe(true)
    expect(chart.axis.map((a) => a.position)).toEqual(['BOTTOM_AXIS'])
    expect(chart.domains).toHaveLength(1)
  }
  expect(sheet.metadata.every((m) => m.visibility === 'DOCUMENT')).toBe(true)
  return {
    table: JSON.parse(sheet.metadata[0]?.value ?? '{}').table as TableId,
    title: sheet.title,
    rows: sheet.rows,
    columns: sheet.columns,
    frozenRows: sheet.frozenRows,
    values: cells.map((row) => row.map((cell) => cell.value)),
    formats: cells.map((row) => row.map((cell) => cell.format?.pattern ?? null)),
    notes: cells.map((row) => row.map((cell) => cell.note)),
    bold: cells.map((row) => row.map((cell) => cell.bold)),
    colors: cells.map((row) => row.map((cell) => cell.color)),
    widths: Array.from({ length: sheet.columns }, (_, c) => sheet.widths.get(c) ?? null),
    // Sheets lists first the rule that takes precedence: the model's last.
    rules: [...sheet.rules].reverse().map((rule) => ({
      boxes: rule.boxes,
      min: rule.min.color,
      mid: { color: rule.mid.color, percentile: Number(rule.mid.value) },
      max: rule.max.color,
    })),
    charts: sheet.charts.map((chart) => ({
      kind: chart.type === 'BAR' ? ('bar' as const) : (chart.type as 'bar'),
      stacked: chart.stacked === 'PERCENT_STACKED',
      title: chart.title,
      legend: chart.legend === 'BOTTOM_LEGEND',
      axisTitle: chart.axis[0]?.title ?? '',
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
    expect(sheets.flatMap((s) => s.charts)).toHaveLength(3)
    expect(sheets.flatMap((s) => s.rules)).toHaveLength(3)
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
      'Satisfaction by region',
      'Key drivers of satisfaction, by group',
      'Key drivers of satisfaction, by channel',
      'Data issues',
    ])
  })
})
