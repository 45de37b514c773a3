/**
 * @module The drivers' importance–performance charts: per driver group a scatter of each
 * aspect's importance (x: relative importance, or r while the engine gives none) against its
 * mean score (y), one series per aspect so the legend names every point.
 */
import { columnLabel, type Locale, type Value } from '../../engine/index'
import type { ChartModel } from '../model'
import type { Grid } from './grid'
import { PATTERNS, type TablePlace, type TableView } from './table'

export interface DriversPlace {
  title: string
  locale: Locale
  view: TableView
  place: TablePlace
  /** The first row free for the charts' data. */
  top: number
}

/** Rows of the sheet a chart takes, at Sheets' default 21 px a row. */
const CHART_ROWS = 22

/**
 * Writes each group's chart data under the table (a caption, a header of the aspects, a row per
 * aspect with its x and, in its own column, its mean) and a scatter chart of it, the charts
 * stacked to the right of the table and the data. Neither Sheets nor Apps Script draws a
 * reference line on a scatter chart: the quadrants' boundaries (the group's average importance
 * and score) are given in the axis titles instead.
 */
export function driverCharts(grid: Grid, at: DriversPlace): void {
  const { view, locale } = at
  const rows = view.rows
  const hasImportance =
    view.columns.some((column) => column.key === 'importance') &&
    rows.some((row) => typeof row.importance === 'number')
  const xKey = hasImportance ? 'importance' : 'r'
  const xFormat = PATTERNS.get(hasImportance ? 'percent' : 'correlation') ?? null
  const meanFormat = PATTERNS.get('decimal') ?? null
  const aspects = unique(rows.map((row) => String(row.aspect)))
  const labels = new Map(rows.map((row) => [String(row.aspect), String(row.aspectLabel)]))
  const groups = unique(rows.map((row) => String(row.group)))
  const tableWidth = view.columns.length
  const anchorColumn = Math.max(tableWidth, aspects.length + 2) + 1
  let top = at.top
  groups.forEach((group, g) => {
    const lines = rows.filter((row) => String(row.group) === group)
    const groupLabel = String(lines[0]?.label ?? group)
    grid.put(top, 0, `${groupLabel}: ${grid.texts.chartData}`, { bold: true, measure: false })
    const header = top + 1
    const bold = { bold: true, wrap: true }
    grid.put(header, 0, columnLabel('aspect', locale), bold)
    grid.put(header, 1, columnLabel(xKey, locale), bold)
    aspects.forEach((aspect, a) => {
      grid.put(header, 2 + a, labels.get(aspect) ?? aspect, bold)
    })
    aspects.forEach((aspect, a) => {
      const row = header + 1 + a
      const line = lines.find((l) => String(l.aspect) === aspect)
      grid.put(row, 0, labels.get(aspect) ?? aspect)
      grid.put(row, 1, numberOr(line?.[xKey]), { format: xFormat })
      grid.put(row, 2 + a, numberOr(line?.mean), { format: meanFormat })
    })
    const x = average(lines.map((line) => line[xKey]))
    const y = average(lines.map((line) => line.mean))
    const box = (column: number) => ({ row: header, column, rows: aspects.length + 1, columns: 1 })
    const chart: ChartModel = {
      kind: 'scatter',
      stacked: false,
      title: `${at.title}: ${groupLabel}`,
      legend: true,
      axisTitle: withAverage(columnLabel('mean', locale), y, 2, false, grid, locale),
      domainAxisTitle: withAverage(columnLabel(xKey, locale), x, 3, hasImportance, grid, locale),
      domain: box(1),
      series: aspects.map((_, a) => box(2 + a)),
      anchor: { row: at.place.header + g * CHART_ROWS, column: anchorColumn },
      width: 600,
      height: 420,
    }
    grid.charts.push(chart)
    top = header + aspects.length + 2
  })
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

function numberOr(value: Value | undefined): number | null {
  return typeof value === 'number' ? value : null
}

function average(values: (Value | undefined)[]): number | null {
  const numbers = values.filter((v): v is number => typeof v === 'number')
  return numbers.length === 0 ? null : numbers.reduce((s, v) => s + v, 0) / numbers.length
}

/** "Mean score (average 4,57)": a comma for the decimal mark in Kazakh and Russian. */
function withAverage(
  label: string,
  value: number | null,
  decimals: number,
  percent: boolean,
  grid: Grid,
  locale: Locale,
): string {
  if (value === null) return label
  const text = percent ? `${(value * 100).toFixed(1)} %` : value.toFixed(decimals)
  const local = locale === 'en' ? text : text.replace('.', ',')
  return `${label} (${grid.texts.average} ${local})`
}
