/**
 * @module The per-service chapters (the report's «Қызметтер»): one sheet, a table of contents
 * linking to a block per service in the report's order, each block laid out like the report's
 * section: the distribution with a bar per score, satisfaction, mean and aspects by place (▲▼,
 * the row-wise colour scale), age and gender, barriers; small bases grey.
 */
import {
  categoryLabel,
  columnLabel,
  type Locale,
  type Report,
  type Table,
  TITLES,
  type Value,
} from '../../engine/index'
import type { Rgb, SheetModel } from '../model'
import { Grid, type SheetFrame } from './grid'
import { rowScales } from './sheet'
import { type TableView, type ViewColumn, viewColumns, writeNotes, writeTable } from './table'

/** The distribution's bars: a block character per 5 %, so 100 % is 20 of them. */
export const BAR_WIDTH = 20
const BAR_COLOR: Rgb = { red: 0.259, green: 0.522, blue: 0.957 }
/** Eighths of a block, for the bar's end: ▏ is 1/8 of █. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

/**
 * `share` as a bar of █, `BAR_WIDTH` of them for 100 %, ending in an eighth of a block
 * (0.3 → "██████", 0.31 → "██████▏"); blank when it rounds to nothing.
 */
export function textBar(share: Value): string | null {
  if (typeof share !== 'number' || !(share > 0)) return null
  const eighths = Math.round(Math.min(1, share) * BAR_WIDTH * 8)
  const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]
  return bar === '' ? null : bar
}

/** The tables a chapter reads, each with the index of every row it keeps. */
interface Sources {
  distribution?: Table
  places?: Table
  aspects?: Table
  demographics?: Table
  barriers?: Table
  rating?: Table
}

/** The chapter sheet, or null when the report has none of the per-service tables. */
export function chaptersSheet(report: Report, frame: SheetFrame): SheetModel | null {
  const { locale, minBase } = report.summary
  const table = (id: Table['id']) => report.tables.find((t) => t.id === id)
  const sources: Sources = {
    distribution: table('distribution'),
    places: table('places'),
    aspects: table('aspects'),
    demographics: table('demographics'),
    barriers: table('barriers'),
    rating: table('rating'),
  }
  const services = serviceOrder(sources)
  if (services.length === 0) return null
  const grid = new Grid(frame)
  const { texts } = frame
  grid.put(0, 0, texts.chapters, { bold: true, measure: false })
  let row = writeNotes(grid, 1, sources.places?.notes ?? [])
  grid.put(row + 1, 0, texts.contents, { bold: true, measure: false })
  const contents = row + 2
  row = contents + services.length + 1
  const small = (n: Value) => typeof n === 'number' && n < minBase
  const context = { grid, locale, small, smallNote: texts.smallGroup(minBase), sources }
  services.forEach((service, i) => {
    grid.put(contents + i, 0, service, { link: { row, column: 0 }, measure: false })
    grid.put(row, 0, service, { bold: true, measure: false })
    row = block(service, row + 1, context)
  })
  return grid.build('chapters', 1)
}

/**
 * The services in the report's order: as the distribution lists them (by code, as the engine
 * orders labels), then any that only another table has, in its order.
 */
function serviceOrder(sources: Sources): string[] {
  const of = (
    table: Table | undefined,
    key: string,
    keep: (row: Table['rows'][number]) => boolean,
  ) =>
    (table?.rows ?? []).flatMap((row) =>
      keep(row) && typeof row[key] === 'string' ? [row[key] as string] : [],
    )
  const byService = (row: Table['rows'][number]) => row.groupType === 'service'
  return [
    ...new Set([
      ...of(sources.distribution, 'group', byService),
      ...of(sources.places, 'service', () => true),
      ...of(sources.aspects, 'group', byService),
      ...of(sources.barriers, 'group', byService),
      ...of(sources.demographics, 'service', () => true),
    ]),
  ]
}

interface BlockContext {
  grid: Grid
  locale: Locale
  small: (n: Value) => boolean
  smallNote: string
  sources: Sources
}

/** One service's block from `top`; returns the first row after it (each section leaves a blank one). */
function block(service: string, top: number, context: BlockContext): number {
  let row = top
  for (const section of [distribution, places, demographics, barriers]) {
    row = section(service, row, context)
  }
  return row
}

/** Rows of a table where `key` is the service, with their indexes in the table. */
function rowsOf(table: Table | undefined, key: string, service: string, groupType?: string) {
  const found: { row: Table['rows'][number]; index: number }[] = []
  table?.rows.forEach((row, index) => {
    if (row[key] === service && (groupType === undefined || row.groupType === groupType)) {
      found.push({ row, index })
    }
  })
  return found
}

/** A section: its title in bold, then the view as a table; returns the row after it. */
function section(
  title: string,
  top: number,
  view: TableView,
  context: BlockContext,
): ReturnType<typeof writeTable> {
  context.grid.put(top, 0, title, { bold: true, measure: false })
  return writeTable(context.grid, top + 1, view, context.locale)
}

/** Reasons of the table's rows, renumbered for the section's rows, and the small bases' notes. */
function sectionNotes(
  table: Table,
  kept: readonly { row: Table['rows'][number]; index: number }[],
  firstKey: string,
  context: BlockContext,
): Map<string, string> {
  const notes = new Map<string, string>()
  const reasons = new Map(Object.entries(table.reasons ?? {}))
  kept.forEach(({ row, index }, i) => {
    for (const [key, reason] of reasons) {
      const [at, column] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)]
      if (at === String(index)) notes.set(`${i}.${column}`, reason)
    }
    if (context.small(row.n)) {
      const key = `${i}.${firstKey}`
      notes.set(key, [notes.get(key), context.smallNote].filter(Boolean).join('\n'))
    }
  })
  return notes
}

/** The service's distribution: a row per score with its share, a bar and its count. */
function distribution(service: string, top: number, context: BlockContext): number {
  const table = context.sources.distribution
  const [found] = rowsOf(table, 'group', service, 'service')
  if (!table || !found) return top
  const { row, index } = found
  const points = table.columns.flatMap((column) => {
    const match = /^p(\d+)$/.exec(column.key)
    return match ? [match[1]] : []
  })
  const reasons = table.reasons ?? {}
  const notes = new Map<string, string>()
  points.forEach((point, i) => {
    const reason = reasons[`${index}.p${point}`]
    if (reason) notes.set(`${i}.share`, reason)
  })
  if (context.small(row.n)) notes.set('0.score', context.smallNote)
  const columns: ViewColumn[] = [
    { key: 'score', label: context.grid.texts.score, format: 'integer' },
    { key: 'share', label: columnLabel('share', context.locale), format: 'percent' },
    { key: 'bar', label: '', format: 'text' },
    { key: 'count', label: context.grid.texts.count, format: 'integer' },
  ]
  const greyed = context.small(row.n)
  const place = section(
    TITLES.distribution[context.locale],
    top,
    {
      columns,
      rows: points.map((point) => ({
        score: Number(point),
        share: row[`p${point}`] ?? null,
        bar: textBar(row[`p${point}`] ?? null),
        count: row[`n${point}`] ?? null,
      })),
      total: { score: categoryLabel('total', context.locale), count: row.n },
      notes,
      grey: () => greyed,
    },
    context,
  )
  if (!greyed) {
    for (let r = place.first; r < place.first + points.length; r++) {
      context.grid.style(r, place.column('bar'), { color: BAR_COLOR })
    }
  }
  return place.after + 1
}

/**
 * Satisfaction, mean and the aspects at each place of service (▲▼ against the service's other
 * places), with the service over all places as the total, each row coloured from its weakest
 * to its strongest aspect.
 */
function places(service: string, top: number, context: BlockContext): number {
  const table = context.sources.places
  const kept = rowsOf(table, 'service', service)
  const [all] = rowsOf(context.sources.aspects, 'group', service, 'service')
  if (!table || (kept.length === 0 && !all)) return top
  const columns = viewColumns(table.columns, context.locale).filter((c) => c.key !== 'service')
  const [rated] = rowsOf(context.sources.rating, 'service', service)
  const total: Record<string, Value> | undefined = all && {
    ...all.row,
    label: categoryLabel('total', context.locale),
    satisfaction: rated?.row.satisfaction ?? null,
    mean: all.row.overall ?? null,
    sigSatisfaction: null,
  }
  const first = columns[0]?.key ?? 'label'
  const view: TableView = {
    columns,
    rows: kept.map(({ row }) => row),
    total,
    notes: sectionNotes(table, kept, first, context),
    grey: (row) => context.small(row.n),
  }
  const place = section(TITLES.places[context.locale], top, view, context)
  // The rated items: every mean of the table but the overall one.
  const items = new Set(
    table.columns.flatMap((c) => (c.format === 'decimal' && c.key !== 'mean' ? [c.key] : [])),
  )
  context.grid.rules.push(...rowScales(columns, items, place.first, place.end))
  return place.after + 1
}

/** Satisfaction and mean by age band and gender. */
function demographics(service: string, top: number, context: BlockContext): number {
  const table = context.sources.demographics
  const kept = rowsOf(table, 'service', service)
  if (!table || kept.length === 0) return top
  const columns = viewColumns(table.columns, context.locale).filter((c) => c.key !== 'service')
  const view: TableView = {
    columns,
    rows: kept.map(({ row }) => row),
    notes: sectionNotes(table, kept, columns[0]?.key ?? 'dimension', context),
    grey: (row) => context.small(row.n),
  }
  return section(TITLES.demographics[context.locale], top, view, context).after + 1
}

/** Personal connections, informal payments and complaints among the service's respondents. */
function barriers(service: string, top: number, context: BlockContext): number {
  const table = context.sources.barriers
  const kept = rowsOf(table, 'group', service, 'service')
  if (!table || kept.length === 0) return top
  const columns = viewColumns(table.columns, context.locale).filter(
    (c) => c.key !== 'groupType' && c.key !== 'label',
  )
  const view: TableView = {
    columns,
    rows: kept.map(({ row }) => row),
    notes: sectionNotes(table, kept, columns[0]?.key ?? 'n', context),
    grey: (row) => context.small(row.n),
  }
  return section(TITLES.barriers[context.locale], top, view, context).after + 1
}
