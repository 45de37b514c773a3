/// <reference types="google-apps-script" />
/**
 * @module The SpreadsheetApp writer of one report sheet (the sheet model) and of the examples
 * sheet. Every sheet costs a fixed set of calls (see docs/addon.md): nothing here loops over rows
 * or cells. Text that Sheets could read as a formula is written with a leading apostrophe.
 */
import {
  a1Of,
  type Box,
  type CellValue,
  type ChartModel,
  type ColorScale,
  hexOf,
  linkUri,
  SHEETS_DEFAULTS,
  type SheetModel,
} from '../../../sheets/index'
import type { ExamplesSheet } from './types'

type Sheet = GoogleAppsScript.Spreadsheet.Sheet
type Range = GoogleAppsScript.Spreadsheet.Range

/** Apps Script's "automatic" number format; text cells get "@" so nothing is reparsed. */
const AUTOMATIC_FORMAT = '0.###############'
const TEXT_FORMAT = '@'
const BLACK = '#000000'

/**
 * Text Sheets would take as a formula or an operator when entered: `=`, and `+`, `-`, `@` (which
 * Sheets turns into formulas or numbers when typed). `Range.setValue` documents that a string
 * beginning with "=" is a formula; whether the "@" format stops that is not documented.
 */
const FORMULA_START = /^[=+\-@]/

/**
 * A text value as it must be entered to stay exactly that text. A leading apostrophe is the
 * documented way to force text when typing; the apostrophe is not shown, and the cell gets the
 * automatic format, not "@" (an apostrophe in a plain-text cell is not documented either).
 */
export function enteredText(text: string): { value: string; format: string } {
  return FORMULA_START.test(text)
    ? { value: `'${text}`, format: AUTOMATIC_FORMAT }
    : { value: text, format: TEXT_FORMAT }
}

/** What a model cell is entered as, and its number format. */
function entered(value: CellValue, format: string | null): { value: CellValue; format: string } {
  if (typeof value === 'string') return enteredText(value)
  if (typeof value === 'number') return { value, format: format ?? AUTOMATIC_FORMAT }
  return { value: value ?? '', format: TEXT_FORMAT }
}

/**
 * Fills a new, empty sheet with the model: values, formats, notes, bold, colours, links, rules,
 * charts.
 */
export function fillSheet(sheet: Sheet, model: SheetModel): void {
  // Marked first: should the run die here, the next one finds and replaces this sheet too.
  for (const { key, value } of model.metadata) {
    sheet.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT)
  }
  resize(sheet, model.rows, model.columns)
  sheet.setFrozenRows(model.frozenRows)
  // Formats first, so labels such as "1" stay text when the values land; a number format shows
  // on numbers only, as in Sheets.
  const cells = model.values.map((row, r) =>
    row.map((value, c) => entered(value, model.formats[r][c])),
  )
  sheet
    .getRange(1, 1, model.rows, model.columns)
    .setNumberFormats(cells.map((row) => row.map((cell) => cell.format)))
    .setValues(cells.map((row) => row.map((cell) => cell.value)))
    .setNotes(model.notes.map((row) => row.map((note) => note ?? '')))
    .setFontWeights(model.bold.map((row) => row.map((bold) => (bold ? 'bold' : 'normal'))))
    .setFontColors(model.colors.map((row) => row.map((color) => (color ? hexOf(color) : BLACK))))
    .setWraps(model.wraps)
  writeLinks(sheet, model)
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
    sheet.insertChart(chartOf(sheet, chart, take(1 + chart.series.length)))
  }
}

/**
 * Links within the sheet as Rich Text values (`setLinkUrl` with `#gid=<id>&range=A5`, the link
 * Sheets makes to a range), one `setRichTextValues` per run of linked cells down a column: the
 * contents of the chapters are one run, however many services.
 */
function writeLinks(sheet: Sheet, model: SheetModel) {
  const sheetId = sheet.getSheetId()
  for (let c = 0; c < model.columns; c++) {
    let r = 0
    while (r < model.rows) {
      const start = r
      const run: GoogleAppsScript.Spreadsheet.RichTextValue[][] = []
      for (; r < model.rows; r++) {
        const link = model.links[r][c]
        const text = model.values[r][c]
        if (link === null || typeof text !== 'string') break
        run.push([
          SpreadsheetApp.newRichTextValue()
            .setText(text)
            .setLinkUrl(linkUri(sheetId, link))
            .build(),
        ])
      }
      if (run.length > 0) sheet.getRange(start + 1, c + 1, run.length, 1).setRichTextValues(run)
      else r++
    }
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

/**
 * A bar chart (values along the horizontal axis) or a scatter chart (x from the first range, y
 * from each further one).
 */
function chartOf(sheet: Sheet, chart: ChartModel, ranges: Range[]) {
  let builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder =
    chart.kind === 'scatter' ? sheet.newChart().asScatterChart() : sheet.newChart().asBarChart()
  for (const range of ranges) builder = builder.addRange(range)
  builder = builder
    .setNumHeaders(1)
    .setOption('title', chart.title)
    .setOption('legend', { position: chart.legend ? 'bottom' : 'none' })
  builder =
    chart.kind === 'scatter'
      ? builder
          .setOption('hAxis', { title: chart.domainAxisTitle ?? '' })
          .setOption('vAxis', { title: chart.axisTitle })
      : builder
          .setOption('hAxis', { title: chart.axisTitle })
          .setOption('isStacked', chart.stacked ? 'percent' : false)
  return builder
    .setOption('width', chart.width)
    .setOption('height', chart.height)
    .setPosition(chart.anchor.row + 1, chart.anchor.column + 1, 0, 0)
    .build()
}

const EXAMPLE_WIDTHS = [220, 420]

/**
 * The examples sheet: heading in A1, labels in column A from row 3, each formula's text in
 * column B (FORMULATEXT) and the formula itself in column C. Six calls, whatever the rows.
 */
export function fillExamples(sheet: Sheet, { heading, rows }: ExamplesSheet): void {
  const title = enteredText(heading)
  sheet.getRange(1, 1).setNumberFormat(title.format).setValue(title.value).setFontWeight('bold')
  if (rows.length === 0) return
  const labels = rows.map(({ label }) => enteredText(label))
  sheet
    .getRange(3, 1, rows.length, 1)
    .setNumberFormats(labels.map((label) => [label.format]))
    .setValues(labels.map((label) => [label.value]))
  sheet
    .getRange(3, 2, rows.length, 2)
    .setFormulas(
      rows.map(({ formula }, i) => (formula ? [`=FORMULATEXT(C${i + 3})`, formula] : ['', ''])),
    )
  EXAMPLE_WIDTHS.forEach((width, i) => {
    sheet.setColumnWidth(i + 1, width)
  })
}
