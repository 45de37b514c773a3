/** @module One table laid out as a sheet: caption, frozen header, rows, total, notes, rules, charts. */
import { ASPECTS, type Locale } from '../../engine/index'
import type { Box, ColorScale, Rgb, SheetKind, SheetModel } from '../model'
import { chartOf, hasChart } from './charts'
import { driverCharts } from './drivers'
import { Grid, type SheetFrame } from './grid'
import { type TableView, type ViewColumn, writeNotes, writeTable } from './table'

/** A table as a sheet shows it: the engine's table, or the Issues list. */
export interface SheetSource {
  table: SheetKind
  title: string
  locale: Locale
  /** A line above the header (the Issues sheet's count). */
  caption?: string
  view: TableView
  /** How the table was computed (the engine's `notes`), written under it. */
  notes: readonly string[]
  /** Keys of the rated items besides the aspects (declared rating questions). */
  ratedQuestions: readonly string[]
}

// The report's scale: weakest aspect red, middle yellow, strongest green.
const RED: Rgb = { red: 0.973, green: 0.412, blue: 0.42 }
const YELLOW: Rgb = { red: 1, green: 0.922, blue: 0.518 }
const GREEN: Rgb = { red: 0.388, green: 0.745, blue: 0.482 }

export function sheetOf(source: SheetSource, frame: SheetFrame): SheetModel {
  const grid = new Grid(frame)
  const headerRow = source.caption === undefined ? 0 : 1
  if (source.caption !== undefined) grid.put(0, 0, source.caption, { bold: true, measure: false })
  const place = writeTable(grid, headerRow, source.view, source.locale)
  const width = source.view.columns.length
  let next = place.after
  if (source.notes.length > 0) next = writeNotes(grid, next + 1, source.notes)
  if (source.table === 'aspects' || source.table === 'places') {
    const items = ratedItems(source.ratedQuestions)
    grid.rules.push(
      ...rowScales(source.view.columns, items, place.first, place.first + source.view.rows.length),
    )
  }
  if (source.table === 'drivers') {
    driverCharts(grid, { ...source, place, top: next + 1 })
  }
  if (hasChart(source.table)) {
    // A chart floats over the sheet but is anchored on a cell of its grid: one spare column
    // keeps it clear of the table.
    const anchor = { row: headerRow, column: width + 1 }
    grid.charts.push(...chartOf({ ...source, ...source.view, headerRow, anchor }, frame.texts))
  }
  return grid.build(source.table, place.first)
}

/** The keys coloured row by row: the aspects and any declared rating question. */
export function ratedItems(ratedQuestions: readonly string[]): Set<string> {
  return new Set<string>([...ASPECTS, ...ratedQuestions])
}

/**
 * The report's row-wise scale: each row from `from` to `to` coloured from its weakest to its
 * strongest rated item, so one rule per row over the item columns (one box per run of adjacent
 * ones).
 */
export function rowScales(
  columns: readonly ViewColumn[],
  items: ReadonlySet<string>,
  from: number,
  to: number,
): ColorScale[] {
  const indexes = columns.flatMap((column, c) => (items.has(column.key) ? [c] : []))
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
