/**
 * @module The sheet model: the report's sheets as plain data (grids, rules, charts), built once
 * from a report and written by each output (Sheets API requests, SpreadsheetApp, .xlsx).
 */
import type { TableId } from '../engine/index'

/** What a cell holds; `null` is an empty cell. */
export type CellValue = string | number | boolean | null

/** A colour as Sheets takes it: red, green and blue from 0 to 1. */
export interface Rgb {
  red: number
  green: number
  blue: number
}

/** A rectangle of cells, 0-based: contiguous by construction. */
export interface Box {
  row: number
  column: number
  rows: number
  columns: number
}

/**
 * A three-point colour scale over `boxes` taken together: the lowest value gets `min`, the
 * value at `mid.percentile` gets `mid.color`, the highest `max`.
 */
export interface ColorScale {
  boxes: Box[]
  min: Rgb
  mid: { color: Rgb; percentile: number }
  max: Rgb
}

/** A cell of the same sheet, 0-based: where a link leads. */
export interface CellRef {
  row: number
  column: number
}

/**
 * A chart over columns of its sheet. `domain` and each of `series` are one column over the same
 * rows; their first row is the header naming the categories and each series. `bar`: horizontal
 * bars, a bar per domain row; `scatter`: a point per row, x from the domain, y from a series.
 */
export interface ChartModel {
  kind: 'bar' | 'scatter'
  /** Bars stacked to 100 % (bar charts only). */
  stacked: boolean
  title: string
  /** A legend under the chart. */
  legend: boolean
  /** The title of the value axis (the bars' length; a scatter's y). */
  axisTitle: string
  /** The title of a scatter's x axis; `null` for bars, whose categories name themselves. */
  domainAxisTitle: string | null
  domain: Box
  series: Box[]
  /** The cell the chart's top-left corner sits on. */
  anchor: { row: number; column: number }
  width: number
  height: number
}

/** The report's sheets besides one per table: the per-service chapters and the raking weights. */
export const EXTRA_SHEETS = ['chapters', 'weights'] as const

/** What a sheet shows: a table (`issues` for the data-issues sheet) or one of `EXTRA_SHEETS`. */
export type SheetKind = TableId | (typeof EXTRA_SHEETS)[number]

/**
 * One sheet of the report. Every grid is `rows` × `columns`, indexed `[row][column]` from 0;
 * the invariants `checkSheets` states hold for every model `buildSheets` makes.
 */
export interface SheetModel {
  /** What the sheet shows: a table, the chapters or the weights. */
  table: SheetKind
  /** Unique among the report's sheets, compared case-insensitively. */
  title: string
  rows: number
  columns: number
  /** Rows frozen at the top; always fewer than `rows`. */
  frozenRows: number
  values: CellValue[][]
  /** Number format patterns (`0.0%`, `0.00`…); `null` leaves the platform's automatic one. */
  formats: (string | null)[][]
  notes: (string | null)[][]
  bold: boolean[][]
  /** Text colours; `null` is the default (black). */
  colors: (Rgb | null)[][]
  /** A cell holding text may link to a cell of the same sheet (the chapters' contents). */
  links: (CellRef | null)[][]
  /** Text wrapped within its column (headers), rather than spilling over or cut. */
  wraps: boolean[][]
  /** Column widths in pixels; `null` is the platform's default. */
  widths: (number | null)[]
  /** Conditional colour scales; a later rule takes precedence where two overlap. */
  rules: ColorScale[]
  charts: ChartModel[]
  /** Developer metadata on the sheet (Sheets and Apps Script; .xlsx has none). */
  metadata: { key: string; value: string }[]
}

/** What the platform a model is built for refuses: titles and cell text beyond these. */
export interface Limits {
  name: string
  title: number
  cellText: number
}

/** Google Sheets: 100-character sheet titles, 50,000 characters in a cell. */
export const SHEETS_LIMITS: Limits = { name: 'Google Sheets', title: 100, cellText: 50_000 }

/** Excel's .xlsx: 31-character worksheet names, 32,767 characters in a cell. */
export const XLSX_LIMITS: Limits = { name: '.xlsx', title: 31, cellText: 32_767 }

/** A new Google sheet's grid and column width, where a writer needs to know them. */
export const SHEETS_DEFAULTS = { rows: 1000, columns: 26, columnWidth: 100 } as const

/** The developer metadata key that marks a sheet as Sapa's, so the next run replaces it. */
export const METADATA_KEY = 'sapa.generated'
