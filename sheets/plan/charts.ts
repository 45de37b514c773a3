/** @module The report's diagrams as embedded charts: rating, distribution, regions. */
import type { sheets_v4 } from 'googleapis'
import { columnLabel, type Locale, type TableId, type Value } from '../../engine/index'
import type { SheetLayout, SheetSource } from './layout'
import { runsOf } from './runs'
import type { PlanTexts } from './texts'

interface ChartShape {
  /** Data rows (indexes into the table's rows) the chart shows. */
  rows: (row: Record<string, Value>) => boolean
  domain: string
  series: readonly string[]
  stacked?: 'PERCENT_STACKED'
  axisTitle: (texts: PlanTexts, locale: Locale) => string
}

const CHARTS: Partial<Record<TableId, ChartShape>> = {
  // Diagram 1: ranked services only, small bases are not ranked.
  rating: {
    rows: (row) => row.smallBase !== true,
    domain: 'service',
    series: ['satisfaction'],
    axisTitle: (_, locale) => columnLabel('satisfaction', locale),
  },
  distribution: {
    rows: (row) => row.groupType === 'channel',
    domain: 'group',
    series: ['p1', 'p2', 'p3', 'p4', 'p5'],
    stacked: 'PERCENT_STACKED',
    axisTitle: (texts) => texts.share,
  },
  regions: {
    rows: () => true,
    domain: 'region',
    series: ['satisfaction'],
    axisTitle: (_, locale) => columnLabel('satisfaction', locale),
  },
}

export function hasChart(table: TableId): boolean {
  return table in CHARTS
}

/** Horizontal bars over the chosen rows, the header row naming the series. */
export function chartRequests(
  layout: SheetLayout,
  source: SheetSource,
  texts: PlanTexts,
  locale: Locale,
): sheets_v4.Schema$Request[] {
  const shape = CHARTS[source.table]
  const anchor = layout.chartAnchor
  if (!shape || !anchor) return []
  const columns = [shape.domain, ...shape.series].map((key) => layout.columnOf.get(key))
  const rowIndexes = source.rows.flatMap((row, index) =>
    shape.rows(row) ? [layout.firstDataRow + index] : [],
  )
  if (rowIndexes.length === 0 || columns.some((column) => column === undefined)) return []
  // Header first, then the chosen rows: with headerCount 1 the header names each series.
  const rowRuns = runsOf([layout.headerRow, ...rowIndexes])
  const sourceOf = (column: number): sheets_v4.Schema$ChartData => ({
    sourceRange: {
      sources: rowRuns.map((run) => ({
        sheetId: layout.sheetId,
        startRowIndex: run.start,
        endRowIndex: run.end,
        startColumnIndex: column,
        endColumnIndex: column + 1,
      })),
    },
  })
  const [domain, ...series] = columns as number[]
  return [
    {
      addChart: {
        chart: {
          spec: {
            title: source.title,
            basicChart: {
              chartType: 'BAR',
              stackedType: shape.stacked,
              legendPosition: series.length > 1 ? 'BOTTOM_LEGEND' : 'NO_LEGEND',
              headerCount: 1,
              axis: [{ position: 'BOTTOM_AXIS', title: shape.axisTitle(texts, locale) }],
              domains: [{ domain: sourceOf(domain) }],
              series: series.map((column) => ({
                series: sourceOf(column),
                targetAxis: 'BOTTOM_AXIS',
              })),
            },
          },
          position: {
            overlayPosition: {
              anchorCell: { sheetId: layout.sheetId, ...anchor },
              widthPixels: 640,
              // Room for every bar label: the rating has some fifty services.
              heightPixels: Math.min(1600, Math.max(320, 80 + rowIndexes.length * 22)),
            },
          },
        },
      },
    },
  ]
}
