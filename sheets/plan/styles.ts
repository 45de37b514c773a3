/** @module The sheet's look: frozen header, number formats, widths, greyed rows, colour scale. */
import type { sheets_v4 } from 'googleapis'
import { ASPECTS, type Column, displayValue } from '../../engine/index'
import type { SheetLayout, SheetSource } from './layout'
import { runsOf } from './runs'

type Request = sheets_v4.Schema$Request

const NUMBER_FORMATS: Partial<
  Record<NonNullable<Column['format']>, sheets_v4.Schema$NumberFormat>
> = {
  percent: { type: 'PERCENT', pattern: '0.0%' },
  decimal: { type: 'NUMBER', pattern: '0.00' },
  correlation: { type: 'NUMBER', pattern: '0.000' },
  integer: { type: 'NUMBER', pattern: '0' },
}

const GREY = { red: 0.6, green: 0.6, blue: 0.6 }
// The report's scale: weakest aspect red, middle yellow, strongest green.
const RED = { red: 0.973, green: 0.412, blue: 0.42 }
const YELLOW = { red: 1, green: 0.922, blue: 0.518 }
const GREEN = { red: 0.388, green: 0.745, blue: 0.482 }

export function addSheetRequest(layout: SheetLayout): Request {
  return {
    addSheet: {
      properties: {
        sheetId: layout.sheetId,
        title: layout.title,
        gridProperties: {
          rowCount: layout.rowCount,
          columnCount: layout.columnCount,
          frozenRowCount: layout.headerRow + 1,
        },
      },
    },
  }
}

/** One repeatCell per formatted column, over its data and total rows. */
export function numberFormatRequests(layout: SheetLayout, columns: readonly Column[]): Request[] {
  const endRow = layout.rowCount
  if (endRow <= layout.firstDataRow) return []
  return columns.flatMap((column, index) => {
    const numberFormat = column.format && NUMBER_FORMATS[column.format]
    if (!numberFormat) return []
    return [
      {
        repeatCell: {
          range: {
            sheetId: layout.sheetId,
            startRowIndex: layout.firstDataRow,
            endRowIndex: endRow,
            startColumnIndex: index,
            endColumnIndex: index + 1,
          },
          cell: { userEnteredFormat: { numberFormat } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
    ]
  })
}

/** Grey text on the given data rows (small bases); their note is written with the values. */
export function greyRowRequests(layout: SheetLayout, rowIndexes: readonly number[]): Request[] {
  const width = layout.columnOf.size
  return rowIndexes.map((index) => ({
    repeatCell: {
      range: {
        sheetId: layout.sheetId,
        startRowIndex: layout.firstDataRow + index,
        endRowIndex: layout.firstDataRow + index + 1,
        startColumnIndex: 0,
        endColumnIndex: width,
      },
      cell: { userEnteredFormat: { textFormat: { foregroundColorStyle: { rgbColor: GREY } } } },
      fields: 'userEnteredFormat.textFormat.foregroundColorStyle',
    },
  }))
}

/** Widths from the longest text in each column, one request per run of equal widths. */
export function columnWidthRequests(layout: SheetLayout, source: SheetSource): Request[] {
  const widths = source.columns.map((column) => {
    let chars = column.label.length
    for (const row of [...source.rows, ...(source.total ? [source.total] : [])]) {
      const value = displayValue(column.key, row[column.key], source.locale)
      chars = Math.max(chars, typeof value === 'string' ? value.length : 7)
    }
    return Math.min(400, Math.max(60, Math.round(chars * 7 + 16)))
  })
  const requests: Request[] = []
  for (let start = 0; start < widths.length; ) {
    let end = start + 1
    while (end < widths.length && widths[end] === widths[start]) end++
    requests.push({
      updateDimensionProperties: {
        range: { sheetId: layout.sheetId, dimension: 'COLUMNS', startIndex: start, endIndex: end },
        properties: { pixelSize: widths[start] },
        fields: 'pixelSize',
      },
    })
    start = end
  }
  return requests
}

/**
 * The aspects table's row-wise scale: each data row coloured from its weakest to its
 * strongest aspect, so one rule per row over the eight aspect columns.
 */
export function aspectScaleRequests(layout: SheetLayout): Request[] {
  const columns = ASPECTS.flatMap((aspect) => layout.columnOf.get(aspect) ?? [])
  if (columns.length === 0) return []
  const columnRuns = runsOf(columns)
  const requests: Request[] = []
  for (let row = layout.firstDataRow; row < layout.endDataRow; row++) {
    requests.push({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          // The gradient's MIN and MAX are taken over all ranges of the rule together.
          ranges: columnRuns.map((run) => ({
            sheetId: layout.sheetId,
            startRowIndex: row,
            endRowIndex: row + 1,
            startColumnIndex: run.start,
            endColumnIndex: run.end,
          })),
          gradientRule: {
            minpoint: { type: 'MIN', colorStyle: { rgbColor: RED } },
            midpoint: { type: 'PERCENTILE', value: '50', colorStyle: { rgbColor: YELLOW } },
            maxpoint: { type: 'MAX', colorStyle: { rgbColor: GREEN } },
          },
        },
      },
    })
  }
  return requests
}
