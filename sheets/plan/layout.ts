/** @module Where a table lands on its sheet: header, data rows, total row, grid size. */
import type { Column, Locale, TableId, Value } from '../../engine/index'

/** A table as the plan lays it out: the engine's table, or the Issues sheet. */
export interface SheetSource {
  table: TableId
  title: string
  /** The report's locale: the sheet names group types in it. */
  locale: Locale
  /** A line above the header (the Issues sheet's count). */
  caption?: string
  columns: Column[]
  rows: Record<string, Value>[]
  total?: Record<string, Value>
  /** Cell notes keyed like `Table.reasons`: `"<row index>.<column key>"` or `"total.<key>"`. */
  notes?: Record<string, string>
}

export interface SheetLayout {
  sheetId: number
  title: string
  headerRow: number
  firstDataRow: number
  /** One past the last data row. */
  endDataRow: number
  totalRow?: number
  rowCount: number
  columnCount: number
  /** Column index of each column key. */
  columnOf: Map<string, number>
  /** Where a chart's top-left corner sits, when the sheet has one. */
  chartAnchor?: { rowIndex: number; columnIndex: number }
}

export function layoutSheet(
  source: SheetSource,
  sheetId: number,
  title: string,
  withChart: boolean,
): SheetLayout {
  const headerRow = source.caption === undefined ? 0 : 1
  const firstDataRow = headerRow + 1
  const endDataRow = firstDataRow + source.rows.length
  const totalRow = source.total ? endDataRow : undefined
  const tableColumns = source.columns.length
  // A chart floats over the sheet but must be anchored on a cell of its grid: one spare
  // column keeps it clear of the table.
  const chartAnchor = withChart ? { rowIndex: headerRow, columnIndex: tableColumns + 1 } : undefined
  return {
    sheetId,
    title,
    headerRow,
    firstDataRow,
    endDataRow,
    totalRow,
    // Sheets refuses to freeze every row of a sheet: an empty table keeps one spare row.
    rowCount: Math.max(totalRow === undefined ? endDataRow : totalRow + 1, firstDataRow + 1),
    columnCount: Math.max(1, chartAnchor ? chartAnchor.columnIndex + 1 : tableColumns),
    columnOf: new Map(source.columns.map((column, index) => [column.key, index])),
    chartAnchor,
  }
}
