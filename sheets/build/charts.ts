/**
 * @module The report's bar charts: rating, distribution by channel, regions and the change of
 * each service's satisfaction since the previous wave.
 */
import { columnLabel, type Locale, type Value } from '../../engine/index'
import type { Box, ChartModel, SheetKind } from '../model'
import type { ViewColumn } from './table'
import type { SheetTexts } from './texts'

interface ChartShape {
  /** The rows the chart shows: the run of them that follows the header. */
  rows: (row: Record<string, Value>) => boolean
  domain: string
  series: (columns: readonly ViewColumn[]) => string[]
  stacked: boolean
  axisTitle: (texts: SheetTexts, locale: Locale) => string
}

const satisfaction = () => ['satisfaction']

const SHAPES = new Map<SheetKind, ChartShape>([
  // Diagram 1: ranked services only; small bases are listed after them and not ranked.
  [
    'rating',
    {
      rows: (row) => row.smallBase !== true,
      domain: 'service',
      series: satisfaction,
      stacked: false,
      axisTitle: (_, locale) => columnLabel('satisfaction', locale),
    },
  ],
  // One 100 % bar per channel, a segment per scale point (p1..pK, whatever the scale).
  [
    'distribution',
    {
      rows: (row) => row.groupType === 'channel',
      domain: 'label',
      series: (columns) => columns.flatMap((c) => (/^p\d+$/.test(c.key) ? [c.key] : [])),
      stacked: true,
      axisTitle: (texts) => texts.share,
    },
  ],
  [
    'regions',
    {
      rows: () => true,
      domain: 'region',
      series: satisfaction,
      stacked: false,
      axisTitle: (_, locale) => columnLabel('satisfaction', locale),
    },
  ],
  // The services both waves assessed: the sheet lists them first (`wavesFirst`).
  [
    'waves',
    {
      rows: isCompared,
      domain: 'service',
      series: () => ['change'],
      stacked: false,
      axisTitle: (_, locale) => columnLabel('change', locale),
    },
  ],
])

/** A waves row that compares the two waves (a service both assessed). */
export function isCompared(row: Record<string, Value>): boolean {
  return typeof row.change === 'number'
}

export function hasChart(table: SheetKind): boolean {
  return SHAPES.has(table)
}

export interface ChartPlace {
  table: SheetKind
  title: string
  locale: Locale
  columns: readonly ViewColumn[]
  rows: readonly Record<string, Value>[]
  headerRow: number
  anchor: { row: number; column: number }
}

/**
 * The table's chart, if it has one and a row to show. Its domain and series are single boxes
 * from the header row down through the chosen rows that follow it without a gap: the engine
 * lists them first (ranked services, then channels; the waves sheet puts the compared services
 * first), and a test holds it to that on the sample.
 */
export function chartOf(place: ChartPlace, texts: SheetTexts): ChartModel[] {
  const shape = SHAPES.get(place.table)
  if (!shape) return []
  let count = 0
  while (count < place.rows.length && shape.rows(place.rows[count])) count++
  const keys = [shape.domain, ...shape.series(place.columns)]
  const columns = keys.map((key) => place.columns.findIndex((column) => column.key === key))
  if (count === 0 || keys.length < 2 || columns.some((column) => column < 0)) return []
  const boxOf = (column: number): Box => ({
    row: place.headerRow,
    column,
    rows: count + 1,
    columns: 1,
  })
  const [domain, ...series] = columns
  return [
    {
      kind: 'bar',
      stacked: shape.stacked,
      title: place.title,
      legend: series.length > 1,
      axisTitle: shape.axisTitle(texts, place.locale),
      domainAxisTitle: null,
      domain: boxOf(domain),
      series: series.map(boxOf),
      anchor: place.anchor,
      width: 640,
      // Room for every bar label: the rating has some fifty services.
      height: Math.min(1600, Math.max(320, 80 + count * 22)),
    },
  ]
}
