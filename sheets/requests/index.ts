/**
 * @module The sheet model written as Sheets API v4 `batchUpdate` requests. Types only from
 * googleapis: the Worker bundles this without any of its code.
 */
import type { sheets_v4 } from 'googleapis'
import { columnLetters } from '../a1'
import type { Box, CellRef, CellValue, ChartModel, ColorScale, Rgb, SheetModel } from '../model'
import { SHEETS_LIMITS } from '../model'
import { freeTitle } from '../titles'
import { sheetIdOf } from './ids'

type Request = sheets_v4.Schema$Request

export interface RequestOptions {
  /** Titles already in the spreadsheet: a clashing sheet gets the next free title. */
  taken?: (title: string) => boolean
}

/**
 * The requests of one `spreadsheets.batchUpdate` that adds every sheet, in order: each sheet
 * is added before anything refers to it.
 *
 * @example
 * const requests = sheetRequests(buildSheets(report, { generatedAt }))
 */
export function sheetRequests(
  sheets: readonly SheetModel[],
  options: RequestOptions = {},
): Request[] {
  const used = new Set<string>()
  const taken = (title: string) =>
    used.has(title.toLowerCase()) || (options.taken?.(title) ?? false)
  return sheets.flatMap((sheet) => {
    const title = freeTitle(sheet.title, taken, SHEETS_LIMITS.title)
    used.add(title.toLowerCase())
    const sheetId = sheetIdOf(sheet.table)
    const range = (box: Box): sheets_v4.Schema$GridRange => ({
      sheetId,
      startRowIndex: box.row,
      endRowIndex: box.row + box.rows,
      startColumnIndex: box.column,
      endColumnIndex: box.column + box.columns,
    })
    return [
      {
        addSheet: {
          properties: {
            sheetId,
            title,
            gridProperties: {
              rowCount: sheet.rows,
              columnCount: sheet.columns,
              frozenRowCount: sheet.frozenRows,
            },
          },
        },
      },
      cellsRequest(sheet, sheetId),
      ...formatRequests(sheet, range),
      ...widthRequests(sheet, sheetId),
      ...colorRequests(sheet, range),
      ...wrapRequests(sheet, range),
      ...sheet.rules.map((rule) => ruleRequest(rule, range)),
      ...sheet.charts.map((chart) => chartRequest(chart, sheetId, range)),
      ...sheet.metadata.map(
        (mark): Request => ({
          createDeveloperMetadata: {
            developerMetadata: {
              metadataKey: mark.key,
              metadataValue: mark.value,
              location: { sheetId },
              visibility: 'DOCUMENT',
            },
          },
        }),
      ),
    ]
  })
}

/**
 * A link to a cell of the same sheet, as Sheets writes one when you link to a range:
 * `#gid=<sheet id>&range=A5`. Sheet ids never change, so the link survives a renamed sheet.
 */
export function linkUri(sheetId: number, target: CellRef): string {
  return `#gid=${sheetId}&range=${columnLetters(target.column)}${target.row + 1}`
}

/**
 * One updateCells from A1 over every row up to the last that holds something, each row up to
 * its last cell that holds a value, note, bold or link: what is left out stays blank on a new
 * sheet. A link is the cell-level link of `userEnteredFormat.textFormat.link` (Sheets colours
 * and underlines it itself).
 */
function cellsRequest(sheet: SheetModel, sheetId: number): Request {
  const filled = (r: number, c: number) =>
    sheet.values[r][c] !== null ||
    sheet.notes[r][c] !== null ||
    sheet.bold[r][c] ||
    sheet.links[r][c] !== null
  const rows: sheets_v4.Schema$RowData[] = []
  for (let r = 0; r < sheet.rows; r++) {
    let width = sheet.columns
    while (width > 0 && !filled(r, width - 1)) width--
    rows.push({
      values: Array.from({ length: width }, (_, c) => {
        const cell: sheets_v4.Schema$CellData = enteredValue(sheet.values[r][c])
        const note = sheet.notes[r][c]
        if (note !== null) cell.note = note
        const link = sheet.links[r][c]
        if (sheet.bold[r][c] || link) {
          cell.userEnteredFormat = {
            textFormat: {
              ...(sheet.bold[r][c] ? { bold: true } : {}),
              ...(link ? { link: { uri: linkUri(sheetId, link) } } : {}),
            },
          }
        }
        return cell
      }),
    })
  }
  while (rows.length > 0 && rows[rows.length - 1].values?.length === 0) rows.pop()
  return {
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: 0 },
      rows,
      fields:
        'userEnteredValue,note,userEnteredFormat.textFormat.bold,userEnteredFormat.textFormat.link',
    },
  }
}

function enteredValue(value: CellValue): sheets_v4.Schema$CellData {
  // stringValue is never parsed, so a label such as "=1+1" stays text, not a formula.
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } }
  if (typeof value === 'string') return { userEnteredValue: { stringValue: value } }
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } }
  return {}
}

/** One repeatCell per run of equal formats down a column: the report formats whole columns. */
function formatRequests(sheet: SheetModel, range: (box: Box) => sheets_v4.Schema$GridRange) {
  const requests: Request[] = []
  for (let c = 0; c < sheet.columns; c++) {
    for (const run of runs(sheet.rows, (r) => sheet.formats[r][c])) {
      const pattern = run.value
      requests.push({
        repeatCell: {
          range: range({ row: run.start, column: c, rows: run.length, columns: 1 }),
          cell: {
            userEnteredFormat: {
              numberFormat: { type: pattern.includes('%') ? 'PERCENT' : 'NUMBER', pattern },
            },
          },
          fields: 'userEnteredFormat.numberFormat',
        },
      })
    }
  }
  return requests
}

/** One repeatCell per run of one colour along a row: the report greys whole rows. */
function colorRequests(sheet: SheetModel, range: (box: Box) => sheets_v4.Schema$GridRange) {
  const requests: Request[] = []
  for (let r = 0; r < sheet.rows; r++) {
    for (const run of runs(sheet.columns, (c) => sheet.colors[r][c], sameColor)) {
      requests.push({
        repeatCell: {
          range: range({ row: r, column: run.start, rows: 1, columns: run.length }),
          cell: {
            userEnteredFormat: { textFormat: { foregroundColorStyle: { rgbColor: run.value } } },
          },
          fields: 'userEnteredFormat.textFormat.foregroundColorStyle',
        },
      })
    }
  }
  return requests
}

/** One repeatCell per run of wrapped cells along a row: the tables' headers. */
function wrapRequests(sheet: SheetModel, range: (box: Box) => sheets_v4.Schema$GridRange) {
  const requests: Request[] = []
  for (let r = 0; r < sheet.rows; r++) {
    for (const run of runs(sheet.columns, (c) => (sheet.wraps[r][c] ? true : null))) {
      requests.push({
        repeatCell: {
          range: range({ row: r, column: run.start, rows: 1, columns: run.length }),
          cell: { userEnteredFormat: { wrapStrategy: 'WRAP' } },
          fields: 'userEnteredFormat.wrapStrategy',
        },
      })
    }
  }
  return requests
}

/** One request per run of equal widths; default widths are left alone. */
function widthRequests(sheet: SheetModel, sheetId: number): Request[] {
  return runs(sheet.columns, (c) => sheet.widths[c]).map((run) => ({
    updateDimensionProperties: {
      range: {
        sheetId,
        dimension: 'COLUMNS',
        startIndex: run.start,
        endIndex: run.start + run.length,
      },
      properties: { pixelSize: run.value },
      fields: 'pixelSize',
    },
  }))
}

function ruleRequest(rule: ColorScale, range: (box: Box) => sheets_v4.Schema$GridRange): Request {
  return {
    addConditionalFormatRule: {
      // Each rule goes first, so a later one takes precedence, as the model says.
      index: 0,
      rule: {
        // The gradient's MIN and MAX are taken over all ranges of the rule together.
        ranges: rule.boxes.map(range),
        gradientRule: {
          minpoint: { type: 'MIN', colorStyle: { rgbColor: rule.min } },
          midpoint: {
            type: 'PERCENTILE',
            value: String(rule.mid.percentile),
            colorStyle: { rgbColor: rule.mid.color },
          },
          maxpoint: { type: 'MAX', colorStyle: { rgbColor: rule.max } },
        },
      },
    },
  }
}

function chartRequest(
  chart: ChartModel,
  sheetId: number,
  range: (box: Box) => sheets_v4.Schema$GridRange,
): Request {
  const data = (box: Box): sheets_v4.Schema$ChartData => ({
    sourceRange: { sources: [range(box)] },
  })
  const scatter = chart.kind === 'scatter'
  // A bar chart's values run along its bottom axis, a scatter's y along its left one: each
  // series targets the chart type's minor axis.
  const valueAxis = scatter ? 'LEFT_AXIS' : 'BOTTOM_AXIS'
  return {
    addChart: {
      chart: {
        spec: {
          title: chart.title,
          basicChart: {
            chartType: scatter ? 'SCATTER' : 'BAR',
            stackedType: chart.stacked ? 'PERCENT_STACKED' : undefined,
            legendPosition: chart.legend ? 'BOTTOM_LEGEND' : 'NO_LEGEND',
            // The first row of each box names the categories and each series.
            headerCount: 1,
            axis: [
              ...(scatter ? [{ position: 'BOTTOM_AXIS', title: chart.domainAxisTitle ?? '' }] : []),
              { position: valueAxis, title: chart.axisTitle },
            ],
            domains: [{ domain: data(chart.domain) }],
            series: chart.series.map((box) => ({ series: data(box), targetAxis: valueAxis })),
          },
        },
        position: {
          overlayPosition: {
            anchorCell: { sheetId, rowIndex: chart.anchor.row, columnIndex: chart.anchor.column },
            widthPixels: chart.width,
            heightPixels: chart.height,
          },
        },
      },
    },
  }
}

interface Run<T> {
  start: number
  length: number
  value: T
}

/** Runs of equal, non-null values of `at(0)`..`at(count - 1)`. */
function runs<T>(
  count: number,
  at: (index: number) => T | null,
  same: (a: T, b: T) => boolean = (a, b) => a === b,
): Run<T>[] {
  const found: Run<T>[] = []
  for (let i = 0; i < count; i++) {
    const value = at(i)
    const last = found[found.length - 1]
    if (value === null) continue
    if (last && last.start + last.length === i && same(last.value, value)) last.length++
    else found.push({ start: i, length: 1, value })
  }
  return found
}

function sameColor(a: Rgb, b: Rgb): boolean {
  return a.red === b.red && a.green === b.green && a.blue === b.blue
}
