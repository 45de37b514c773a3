/// <reference types="google-apps-script" />
/**
 * @module Writing drafted sheets through SpreadsheetApp and swapping them in for the
 * previous report. Every sheet costs a fixed set of calls (see docs/addon.md): nothing here
 * loops over rows or cells.
 */
import { METADATA_KEY } from '../../../sheets/index'
import { a1Of, type Box, type ChartDraft, type GradientDraft, type SheetDraft } from './drafts'

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet
type Sheet = GoogleAppsScript.Spreadsheet.Sheet
type Range = GoogleAppsScript.Spreadsheet.Range

/** Sheets refuses longer titles. */
const MAX_TITLE = 100

/** The sheets of the previous report: those carrying Sapa's developer metadata. */
export function reportSheets(spreadsheet: Spreadsheet): Sheet[] {
  const found = spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(METADATA_KEY)
    .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
    .find()
  const sheets = new Map<number, Sheet>()
  for (const metadata of found) {
    const sheet = metadata.getLocation().getSheet()
    if (sheet) sheets.set(sheet.getSheetId(), sheet)
  }
  return [...sheets.values()]
}

/**
 * Builds every drafted sheet under a temporary name; only when all are complete are the
 * previous report's sheets deleted and the new ones given their titles. A failure while
 * building deletes what this run made and rethrows: the previous report is untouched.
 */
export function replaceReport(
  spreadsheet: Spreadsheet,
  drafts: readonly SheetDraft[],
  runId: string,
): Sheet[] {
  const previous = reportSheets(spreadsheet)
  const built: Sheet[] = []
  try {
    drafts.forEach((draft, i) => {
      const sheet = spreadsheet.insertSheet(`Sapa ${runId} ${i + 1}`, spreadsheet.getNumSheets())
      built.push(sheet)
      fillSheet(sheet, draft)
    })
  } catch (error) {
    discard(spreadsheet, built)
    throw error
  }
  for (const sheet of previous) spreadsheet.deleteSheet(sheet)
  built.forEach((sheet, i) => {
    sheet.setName(freeTitle(spreadsheet, drafts[i].title))
  })
  return built
}

/** The title, or the first free variant: a user's sheet of that name is never touched. */
function freeTitle(spreadsheet: Spreadsheet, title: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : n === 2 ? ' (Sapa)' : ` (Sapa ${n - 1})`
    const candidate = title.slice(0, MAX_TITLE - suffix.length) + suffix
    if (spreadsheet.getSheetByName(candidate) === null) return candidate
  }
}

/** Deletes this run's sheets; the first error (the real one) is what the caller reports. */
function discard(spreadsheet: Spreadsheet, sheets: readonly Sheet[]) {
  for (const sheet of sheets) {
    try {
      spreadsheet.deleteSheet(sheet)
    } catch (error) {
      console.warn(`Sapa could not delete its unfinished sheet: ${String(error)}`)
    }
  }
}

function fillSheet(sheet: Sheet, draft: SheetDraft): void {
  // Marked first: should the run die here, the next one finds and replaces this sheet too.
  for (const { key, value } of draft.metadata) {
    sheet.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT)
  }
  // Sheets will not freeze every row, so a header-only table keeps one empty row.
  resize(sheet, Math.max(draft.rows, draft.frozenRows + 1), draft.columns)
  sheet.setFrozenRows(draft.frozenRows)
  // Text format first, so labels such as "1" or "=x" stay text when the values land.
  sheet
    .getRange(1, 1, draft.rows, draft.columns)
    .setNumberFormats(draft.formats)
    .setValues(draft.values)
    .setNotes(draft.notes)
    .setFontWeights(draft.weights)
    .setFontColors(draft.colors)
  draft.widths.forEach((width, column) => {
    sheet.setColumnWidth(column + 1, width)
  })
  const boxes: Box[] = [
    ...draft.gradients.flatMap((g) => g.boxes),
    ...draft.charts.flatMap((c) => c.columns),
  ]
  if (boxes.length === 0) return
  // One call for every range the rules and charts need.
  const ranges = sheet.getRangeList(boxes.map(a1Of)).getRanges()
  let next = 0
  const take = (count: number) => {
    next += count
    return ranges.slice(next - count, next)
  }
  if (draft.gradients.length > 0) {
    sheet.setConditionalFormatRules(
      draft.gradients.map((g) => gradientRule(g, take(g.boxes.length))),
    )
  }
  for (const chart of draft.charts)
    sheet.insertChart(barChart(sheet, chart, take(chart.columns.length)))
}

/** A new sheet's grid (1,000 × 26) becomes exactly rows × columns in four calls. */
function resize(sheet: Sheet, rows: number, columns: number) {
  const [maxRows, maxColumns] = [sheet.getMaxRows(), sheet.getMaxColumns()]
  sheet.insertRowsAfter(maxRows, rows)
  sheet.deleteRows(1, maxRows)
  sheet.insertColumnsAfter(maxColumns, columns)
  sheet.deleteColumns(1, maxColumns)
}

function gradientRule(gradient: GradientDraft, ranges: Range[]) {
  return SpreadsheetApp.newConditionalFormatRule()
    .setGradientMinpoint(gradient.min)
    .setGradientMidpointWithValue(
      gradient.mid.color,
      SpreadsheetApp.InterpolationType.PERCENTILE,
      gradient.mid.percentile,
    )
    .setGradientMaxpoint(gradient.max)
    .setRanges(ranges)
    .build()
}

function barChart(sheet: Sheet, chart: ChartDraft, ranges: Range[]) {
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet.newChart().asBarChart()
  for (const range of ranges) builder = builder.addRange(range)
  return builder
    .setNumHeaders(chart.headerCount)
    .setOption('title', chart.title)
    .setOption('legend', { position: chart.legend ? 'bottom' : 'none' })
    .setOption('hAxis', { title: chart.axisTitle })
    .setOption('isStacked', chart.stacked ? 'percent' : false)
    .setOption('width', chart.width)
    .setOption('height', chart.height)
    .setPosition(chart.anchor.row + 1, chart.anchor.column + 1, 0, 0)
    .build()
}
