/** @module One table laid out as a sheet: caption, bold header, values, total, look, rules, chart. */
import {
  ASPECTS,
  type Column,
  displayValue,
  type Locale,
  type TableId,
  type Value,
} from '../../engine/index'
import type { Box, CellValue, ColorScale, Limits, Rgb, SheetModel } from '../model'
import { cut } from '../titles'
import { chartOf, hasChart } from './charts'
import type { SheetTexts } from './texts'

/** A table as a sheet shows it: the engine's table, or the Issues list. */
export interface SheetSource {
  table: TableId
  title: string
  locale: Locale
  /** A line above the header (the Issues sheet's count). */
  caption?: string
  columns: readonly Column[]
  rows: readonly Record<string, Value>[]
  total?: Record<string, Value>
  /** Cell notes keyed like `Table.reasons`: `"<row index>.<column key>"` or `"total.<key>"`. */
  notes: ReadonlyMap<string, string>
}

const PATTERNS = new Map<Column['format'], string>([
  ['percent', '0.0%'],
  ['decimal', '0.00'],
  ['correlation', '0.000'],
  ['integer', '0'],
])

/** Small bases are greyed. */
const GREY: Rgb = { red: 0.6, green: 0.6, blue: 0.6 }
// The report's scale: weakest aspect red, middle yellow, strongest green.
const RED: Rgb = { red: 0.973, green: 0.412, blue: 0.42 }
const YELLOW: Rgb = { red: 1, green: 0.922, blue: 0.518 }
const GREEN: Rgb = { red: 0.388, green: 0.745, blue: 0.482 }

export interface SheetFrame {
  title: string
  metadata: SheetModel['metadata']
  limits: Limits
  texts: SheetTexts
}

export function sheetOf(source: SheetSource, frame: SheetFrame): SheetModel {
  const headerRow = source.caption === undefined ? 0 : 1
  const firstDataRow = headerRow + 1
  const endDataRow = firstDataRow + source.rows.length
  const width = source.columns.length
  // A chart floats over the sheet but is anchored on a cell of its grid: one spare column
  // keeps it clear of the table.
  const anchor = hasChart(source.table) ? { row: headerRow, column: width + 1 } : undefined
  const lines = [...source.rows, ...(source.total ? [source.total] : [])]
  // Sheets refuses to freeze every row of a sheet: an empty table keeps one spare row.
  const rows = Math.max(firstDataRow + lines.length, firstDataRow + 1)
  const columns = Math.max(1, anchor ? anchor.column + 1 : width)
  const grid = <T>(value: T) =>
    Array.from({ length: rows }, () => new Array<T>(columns).fill(value))
  const sheet: SheetModel = {
    table: source.table,
    title: frame.title,
    rows,
    columns,
    frozenRows: firstDataRow,
    values: grid<CellValue>(null),
    formats: grid<string | null>(null),
    notes: grid<string | null>(null),
    bold: grid(false),
    colors: grid<Rgb | null>(null),
    widths: new Array<number | null>(columns).fill(null),
    rules: [],
    charts: [],
    metadata: frame.metadata,
  }
  const put = (row: number, column: number, value: Value | undefined, note?: string) => {
    const { text, cutNote } = fitted(value, frame)
    sheet.values[row][column] = text
    const joined = [note, cutNote].filter(Boolean).join('\n')
    if (joined) sheet.notes[row][column] = joined
  }
  if (source.caption !== undefined) {
    put(0, 0, source.caption)
    sheet.bold[0][0] = true
  }
  source.columns.forEach((column, c) => {
    put(headerRow, c, column.label)
    sheet.bold[headerRow][c] = true
  })
  lines.forEach((line, i) => {
    const row = firstDataRow + i
    const isTotal = i === source.rows.length
    source.columns.forEach((column, c) => {
      const note = source.notes.get(`${isTotal ? 'total' : i}.${column.key}`)
      put(row, c, displayValue(column.key, line[column.key] ?? null, source.locale), note)
      if (isTotal) sheet.bold[row][c] = true
      if (line.smallBase === true && !isTotal) sheet.colors[row][c] = GREY
    })
  })
  source.columns.forEach((column, c) => {
    const pattern = PATTERNS.get(column.format)
    if (!pattern) return
    for (let row = firstDataRow; row < rows; row++) sheet.formats[row][c] = pattern
  })
  widthsOf(source, lines).forEach((pixels, c) => {
    sheet.widths[c] = pixels
  })
  if (source.table === 'aspects')
    sheet.rules = aspectScales(source.columns, firstDataRow, endDataRow)
  if (anchor) {
    sheet.charts = chartOf({ ...source, headerRow, anchor }, frame.texts)
  }
  return sheet
}

/** A cell's value, text cut to what the platform holds, with a note saying so. */
function fitted(value: Value | undefined, frame: SheetFrame) {
  const limit = frame.limits.cellText
  if (typeof value !== 'string' || value.length <= limit) return { text: value ?? null }
  const text = cut(value, limit)
  return { text, cutNote: frame.texts.cut(value.length, text.length, frame.limits.name) }
}

/** Widths from the longest text in each column: 7 px a character, 60 to 400 px. */
function widthsOf(source: SheetSource, lines: readonly Record<string, Value>[]): number[] {
  return source.columns.map((column) => {
    let chars = column.label.length
    for (const line of lines) {
      const value = displayValue(column.key, line[column.key] ?? null, source.locale)
      chars = Math.max(chars, typeof value === 'string' ? value.length : 7)
    }
    return Math.min(400, Math.max(60, Math.round(chars * 7 + 16)))
  })
}

/**
 * The aspects table's row-wise scale: each data row coloured from its weakest to its strongest
 * aspect, so one rule per row over the aspect columns (one box per run of adjacent ones).
 */
function aspectScales(columns: readonly Column[], from: number, to: number): ColorScale[] {
  const indexes = columns.flatMap((column, c) =>
    (ASPECTS as readonly string[]).includes(column.key) ? [c] : [],
  )
  if (indexes.length === 0) return []
  const runs: { column: number; columns: number }[] = []
  for (const c of indexes) {
    const last = runs[runs.length - 1]
    if (last && last.column + last.columns === c) last.columns++
    else runs.push({ column: c, columns: 1 })
  }
  const scales: ColorScale[] = []
  for (let row = from; row < to; row++) {
    scales.push({
      boxes: runs.map((run): Box => ({ row, column: run.column, rows: 1, columns: run.columns })),
      min: RED,
      mid: { color: YELLOW, percentile: 50 },
      max: GREEN,
    })
  }
  return scales
}
