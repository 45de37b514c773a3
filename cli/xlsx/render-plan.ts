/** @module A Sheets API sheet plan drawn into an exceljs workbook: the report as .xlsx. */
import type ExcelJS from 'exceljs'
import type { sheets_v4 } from 'googleapis'
import { excelSheetName } from './sheet-names'

type Request = sheets_v4.Schema$Request
type GridRange = sheets_v4.Schema$GridRange

export interface RenderedSheet {
  sheetId: number
  /** The title the plan gave the sheet. */
  title: string
  /** The worksheet's name: Excel allows 31 characters and no `[]:*?/\`. */
  name: string
}

export interface RenderedPlan {
  sheets: RenderedSheet[]
  /** Request kinds .xlsx cannot carry (charts) or does not need (developer metadata). */
  skipped: Record<string, number>
}

interface SheetState {
  worksheet: ExcelJS.Worksheet
  rows: number
  columns: number
  /** Rules in Sheets' order (index 0 first applied); Excel's priority 1 is the first. */
  rules: ExcelJS.ConditionalFormattingOptions[]
}

/**
 * Excel's column width unit is one digit of its 11 pt default font, 7 px. The plan's
 * pixels are sized for Sheets' 10 pt font, so a column gets a share more to hold the
 * same (bold, Cyrillic) text.
 */
const PIXELS_PER_CHARACTER = 7 / 1.15

/** A font set on a cell replaces the default one whole: keep its face and size. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, family: 2 }

/**
 * Adds the plan's sheets to `workbook` after those it holds: values, notes, bold, number
 * formats, text colours, frozen rows, column widths and gradient colour scales. Sheets
 * whose titles clash with a sheet already there get a numbered suffix.
 *
 * @example
 * const { sheets, skipped } = renderPlan(workbook, reply.plan.requests)
 */
export function renderPlan(workbook: ExcelJS.Workbook, requests: readonly Request[]): RenderedPlan {
  const states = new Map<number, SheetState>()
  const sheets: RenderedSheet[] = []
  const skipped: Record<string, number> = {}
  const stateOf = (sheetId: number | null | undefined): SheetState => {
    const state = states.get(sheetId ?? Number.NaN)
    if (!state) throw new Error(`the plan refers to sheet ${sheetId} before adding it`)
    return state
  }
  for (const request of requests) {
    if (request.addSheet) {
      const properties = request.addSheet.properties ?? {}
      const grid = properties.gridProperties ?? {}
      const taken = workbook.worksheets.map((worksheet) => worksheet.name)
      const name = excelSheetName(properties.title ?? 'Sapa', taken)
      const worksheet = workbook.addWorksheet(name, {
        views: [
          {
            state: 'frozen',
            xSplit: grid.frozenColumnCount ?? 0,
            ySplit: grid.frozenRowCount ?? 0,
          },
        ],
      })
      const sheetId = properties.sheetId ?? Number.NaN
      states.set(sheetId, {
        worksheet,
        rows: grid.rowCount ?? 1000,
        columns: grid.columnCount ?? 26,
        rules: [],
      })
      sheets.push({ sheetId, title: properties.title ?? name, name })
    } else if (request.updateCells) {
      updateCells(stateOf(request.updateCells.start?.sheetId), request.updateCells)
    } else if (request.repeatCell) {
      const { range, cell } = request.repeatCell
      const state = stateOf(range?.sheetId)
      eachCell(state, range ?? {}, (target) => applyFormat(target, cell?.userEnteredFormat))
    } else if (request.updateDimensionProperties?.range) {
      const { range, properties } = request.updateDimensionProperties
      dimension(stateOf(range.sheetId), range, properties ?? {})
    } else if (request.addConditionalFormatRule?.rule?.gradientRule) {
      const { rule, index } = request.addConditionalFormatRule
      const ranges = rule.ranges ?? []
      const state = stateOf(ranges[0]?.sheetId)
      state.rules.splice(index ?? state.rules.length, 0, colorScale(state, ranges, rule))
    } else {
      const kind = Object.keys(request)[0] ?? 'empty'
      skipped[kind] = (skipped[kind] ?? 0) + 1
    }
  }
  for (const state of states.values()) {
    state.rules.forEach((options, i) => {
      for (const rule of options.rules) rule.priority = i + 1
      state.worksheet.addConditionalFormatting(options)
    })
    printSetup(state.worksheet)
  }
  return { sheets, skipped }
}

/** Printed, a table is as wide as a landscape page, its frozen header on every page. */
function printSetup(worksheet: ExcelJS.Worksheet) {
  worksheet.pageSetup = {
    ...worksheet.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  }
  const frozen = worksheet.views[0]?.state === 'frozen' ? (worksheet.views[0].ySplit ?? 0) : 0
  if (frozen > 0) worksheet.pageSetup.printTitlesRow = `1:${frozen}`
}

function updateCells(state: SheetState, request: sheets_v4.Schema$UpdateCellsRequest) {
  const top = request.start?.rowIndex ?? 0
  const left = request.start?.columnIndex ?? 0
  request.rows?.forEach((row, r) => {
    row.values?.forEach((data, c) => {
      const cell = state.worksheet.getCell(top + r + 1, left + c + 1)
      const value = data.userEnteredValue
      if (value?.numberValue != null) cell.value = value.numberValue
      else if (value?.stringValue != null) cell.value = value.stringValue
      else if (value?.boolValue != null) cell.value = value.boolValue
      if (data.note) cell.note = data.note
      applyFormat(cell, data.userEnteredFormat)
    })
  })
}

function applyFormat(cell: ExcelJS.Cell, format: sheets_v4.Schema$CellFormat | undefined) {
  if (!format) return
  const pattern = format.numberFormat?.pattern
  if (pattern) cell.numFmt = pattern
  const text = format.textFormat
  const color = text?.foregroundColorStyle?.rgbColor ?? text?.foregroundColor
  if (text?.bold != null || color) {
    // A fresh object: exceljs may share a style object between cells.
    cell.font = {
      ...(cell.font ?? DEFAULT_FONT),
      ...(text?.bold != null ? { bold: text.bold } : {}),
      ...(color ? { color: { argb: argbOf(color) } } : {}),
    }
  }
  const fill = format.backgroundColorStyle?.rgbColor ?? format.backgroundColor
  if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argbOf(fill) } }
}

function eachCell(state: SheetState, range: GridRange, apply: (cell: ExcelJS.Cell) => void) {
  const rows = [range.startRowIndex ?? 0, range.endRowIndex ?? state.rows]
  const columns = [range.startColumnIndex ?? 0, range.endColumnIndex ?? state.columns]
  for (let r = rows[0]; r < rows[1]; r++) {
    for (let c = columns[0]; c < columns[1]; c++) apply(state.worksheet.getCell(r + 1, c + 1))
  }
}

function dimension(
  state: SheetState,
  range: sheets_v4.Schema$DimensionRange,
  properties: sheets_v4.Schema$DimensionProperties,
) {
  const pixels = properties.pixelSize
  if (pixels == null) return
  const columns = range.dimension === 'COLUMNS'
  const end = range.endIndex ?? (columns ? state.columns : state.rows)
  for (let i = range.startIndex ?? 0; i < end; i++) {
    if (columns) state.worksheet.getColumn(i + 1).width = pixels / PIXELS_PER_CHARACTER
    // Row heights are in points: 4 px = 3 pt.
    else state.worksheet.getRow(i + 1).height = (pixels * 3) / 4
  }
}

function colorScale(
  state: SheetState,
  ranges: readonly GridRange[],
  rule: sheets_v4.Schema$ConditionalFormatRule,
): ExcelJS.ConditionalFormattingOptions {
  const gradient = rule.gradientRule ?? {}
  const points = [gradient.minpoint, gradient.midpoint, gradient.maxpoint].filter(
    (point): point is sheets_v4.Schema$InterpolationPoint => point != null,
  )
  return {
    // Excel's sqref: ranges separated by spaces, one rule over all of them as in Sheets.
    ref: ranges.map((range) => a1Range(state, range)).join(' '),
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: points.map(cfvoOf),
        color: points.map((point) => ({
          argb: argbOf(point.colorStyle?.rgbColor ?? point.color ?? {}),
        })),
      },
    ],
  }
}

function cfvoOf(point: sheets_v4.Schema$InterpolationPoint): ExcelJS.Cvfo {
  const value = point.value == null ? undefined : Number(point.value)
  switch (point.type) {
    case 'MIN':
      return { type: 'min' }
    case 'MAX':
      return { type: 'max' }
    case 'PERCENT':
      return { type: 'percent', value }
    case 'PERCENTILE':
      return { type: 'percentile', value }
    default:
      return { type: 'num', value }
  }
}

function a1Range(state: SheetState, range: GridRange): string {
  const top = (range.startRowIndex ?? 0) + 1
  const bottom = range.endRowIndex ?? state.rows
  const left = (range.startColumnIndex ?? 0) + 1
  const right = range.endColumnIndex ?? state.columns
  return `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`
}

/** 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** A Sheets colour (components 0..1, absent = 0) as exceljs' opaque ARGB hex. */
export function argbOf(color: sheets_v4.Schema$Color): string {
  const hex = (part: number | null | undefined) =>
    Math.round(Math.min(1, Math.max(0, part ?? 0)) * 255)
      .toString(16)
      .padStart(2, '0')
  return `FF${hex(color.red)}${hex(color.green)}${hex(color.blue)}`.toUpperCase()
}
