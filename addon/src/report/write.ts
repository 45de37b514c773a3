/// <reference types="google-apps-script" />
/**
 * @module Writing the report's sheets (the sheet model) through SpreadsheetApp and swapping them
 * in for the previous report. Every sheet costs a fixed set of calls (see docs/addon.md):
 * nothing here loops over rows or cells.
 */
import {
  a1Of,
  type Box,
  type ChartModel,
  type ColorScale,
  freeTitle,
  hexOf,
  METADATA_KEY,
  SHEETS_DEFAULTS,
  SHEETS_LIMITS,
  type SheetModel,
} from '../../../sheets/index'

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet
type Sheet = GoogleAppsScript.Spreadsheet.Sheet
type Range = GoogleAppsScript.Spreadsheet.Range

/** Apps Script's "automatic" number format; text cells get "@" so nothing is reparsed. */
const AUTOMATIC_FORMAT = '0.###############'
const TEXT_FORMAT = '@'
const BLACK = '#000000'

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
 * Builds every sheet under a temporary name; only when all are complete are the
 * previous report's sheets deleted and the new ones given their titles. A failure while
 * building deletes what this run made and rethrows: the previous report is untouched.
 */
export function replaceReport(
  spreadsheet: Spreadsheet,
  sheets: readonly SheetModel[],
  runId: string,
): Sheet[] {
  const previous = reportSheets(spreadsheet)
  const built: Sheet[] = []
  try {
    sheets.forEach((model, i) => {
      const sheet = spreadsheet.insertSheet(`Sapa ${runId} ${i + 1}`, spreadsheet.getNumSheets())
      built.push(sheet)
      fillSheet(sheet, model)
    })
  } catch (error) {
    discard(spreadsheet, built)
    throw error
  }
  for (const sheet of previous) spreadsheet.deleteSheet(sheet)
  // The title, or the next free one: a user's sheet of that name is never touched.
  const taken = (title: string) => spreadsheet.getSheetByName(title) !== null
  built.forEach((sheet, i) => {
    sheet.setName(freeTitle(sheets[i].title, taken, SHEETS_LIMITS.title))
  })
  return built
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

function fillSheet(sheet: Sheet, model: SheetModel): void {
  // Marked first: should the run die here, the next one finds and replaces this sheet too.
  for (const { key, value } of model.metadata) {
    sheet.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT)
  }
  resize(sheet, model.rows, model.columns)
  sheet.setFrozenRows(model.frozenRows)
  // Text format first, so labels such as "1" or "=x" stay text when the values land; a number
  // format shows on numbers only, as in Sheets.
  const formats = model.values.map((row, r) =>
    row.map((value, c) =>
      typeof value === 'number' ? (model.formats[r][c] ?? AUTOMATIC_FORMAT) : TEXT_FORMAT,
    ),
  )
  sheet
    .getRange(1, 1, model.rows, model.columns)
    .setNumberFormats(formats)
    .setValues(model.values.map((row) => row.map((value) => value ?? '')))
    .setNotes(model.notes.map((row) => row.map((note) => note ?? '')))
    .setFontWeights(model.bold.map((row) => row.map((bold) => (bold ? 'bold' : 'normal'))))
    .setFontColors(model.colors.map((row) => row.map((color) => (color ? hexOf(color) : BLACK))))
  model.widths.forEach((width, column) => {
    sheet.setColumnWidth(column + 1, width ?? SHEETS_DEFAULTS.columnWidth)
  })
  const boxes: Box[] = [
    ...model.rules.flatMap((rule) => rule.boxes),
    ...model.charts.flatMap((chart) => [chart.domain, ...chart.series]),
  ]
  if (boxes.length === 0) return
  // One call for every range the rules and charts need.
  const ranges = sheet.getRangeList(boxes.map(a1Of)).getRanges()
  let next = 0
  const take = (count: number) => {
    next += count
    return ranges.slice(next - count, next)
  }
  if (model.rules.length > 0) {
    // Apps Script lists the rule that takes precedence first: the model's last.
    const rules = model.rules.map((rule) => colorScale(rule, take(rule.boxes.length)))
    sheet.setConditionalFormatRules(rules.reverse())
  }
  for (const chart of model.charts) {
    sheet.insertChart(barChart(sheet, chart, take(1 + chart.series.length)))
  }
}

/** A new sheet's grid (1,000 × 26) becomes exactly rows × columns in four calls. */
function resize(sheet: Sheet, rows: number, columns: number) {
  const [maxRows, maxColumns] = [sheet.getMaxRows(), sheet.getMaxColumns()]
  sheet.insertRowsAfter(maxRows, rows)
  sheet.deleteRows(1, maxRows)
  sheet.insertColumnsAfter(maxColumns, columns)
  sheet.deleteColumns(1, maxColumns)
}

function colorScale(rule: ColorScale, ranges: Range[]) {
  return SpreadsheetApp.newConditionalFormatRule()
    .setGradientMinpoint(hexOf(rule.min))
    .setGradientMidpointWithValue(
      hexOf(rule.mid.color),
      SpreadsheetApp.InterpolationType.PERCENTILE,
      String(rule.mid.percentile),
    )
    .setGradientMaxpoint(hexOf(rule.max))
    .setRanges(ranges)
    .build()
}

function barChart(sheet: Sheet, chart: ChartModel, ranges: Range[]) {
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet.newChart().asBarChart()
  for (const range of ranges) builder = builder.addRange(range)
  return builder
    .setNumHeaders(1)
    .setOption('title', chart.title)
    .setOption('legend', { position: chart.legend ? 'bottom' : 'none' })
    .setOption('hAxis', { title: chart.axisTitle })
    .setOption('isStacked', chart.stacked ? 'percent' : false)
    .setOption('width', chart.width)
    .setOption('height', chart.height)
    .setPosition(chart.anchor.row + 1, chart.anchor.column + 1, 0, 0)
    .build()
}
