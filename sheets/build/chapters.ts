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
import { ratedItems, rowScales } from './sheet'
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

/**
 * The chapter sheet, or null when the report has none of the per-service tables.
 * @param ratedQuestions keys of the declared rating questions, coloured row by row with the aspects
 */
export function chaptersSheet(
  report: Report,
  frame: SheetFrame,
  ratedQuestions: readonly string[],
): SheetModel | null {
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
  const items = ratedItems(ratedQuestions)
  const context = { grid, locale, small, smallNote: texts.smallGroup(minBase), sources, items }
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
  /** The rated items' keys: the aspects and the declared rating questions. */
  items: ReadonlySet<string>
}

/** One service's block from `top`; returns the first row after it (each section leaves a blank one). */
function block(service: string, top: number, context: BlockContext): number {
  let row = top
  for (const section of [distribution, places, demographics, barriers]) {
    row = section(service, row, context)
  }
  return row
}

/** A row a section keeps, with its index in the table. */
interface Kept {
  row: Table['rows'][number]
  index: number
}

/** Rows of a table where `key` is the service, with their indexes in the table. */
function rowsOf(table: Table | undefined, key: string, service: string, groupType?: string) {
  const found: Kept[] = []
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

/**
 * Reasons of the kept rows and the small bases' notes, keyed by the rows' indexes in the table
 * (the section's view gives them as its `sources`).
 */
function sectionNotes(
  table: Table,
  kept: readonly Kept[],
  firstKey: string,
  context: BlockContext,
): Map<string, string> {
  const notes = new Map<string, string>()
  const indexes = new Set(kept.map(({ index }) => String(index)))
  for (const [key, reason] of Object.entries(table.reasons ?? {})) {
    if (indexes.has(key.slice(0, key.indexOf('.')))) notes.set(key, reason)
  }
  for (const { row, index } of kept) {
    if (context.small(row.n)) {
      const key = `${index}.${firstKey}`
      notes.set(key, [notes.get(key), context.smallNote].filter(Boolean).join('\n'))
    }
  }
  return notes
}

/** The view of a section's kept rows: their notes by their indexes in the table, small bases grey. */
function keptView(
  table: Table,
  kept: readonly Kept[],
  columns: ViewColumn[],
  firstKey: string,
  context: BlockContext,
): TableView {
  return {
    columns,
    rows: kept.map(({ row }) => row),
    sources: kept.map(({ index }) => index),
    notes: sectionNotes(table, kept, firstKey, context),
    grey: (row) => context.small(row.n),
  }
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
  const view = { ...keptView(table, kept, columns, columns[0]?.key ?? 'label', context), total }
  const place = section(TITLES.places[context.locale], top, view, context)
  context.grid.rules.push(...rowScales(columns, context.items, place.first, place.end))
  return place.after + 1
}

/** Satisfaction and mean by age band and gender. */
function demographics(service: string, top: number, context: BlockContext): number {
  const table = context.sources.demographics
  const kept = rowsOf(table, 'service', service)
  return tableSection('demographics', table, kept, ['service'], 'dimension', top, context)
}

/** Personal connections, informal payments and complaints among the service's respondents. */
function barriers(service: string, top: number, context: BlockContext): number {
  const table = context.sources.barriers
  const kept = rowsOf(table, 'group', service, 'service')
  return tableSection('barriers', table, kept, ['groupType', 'label'], 'n', top, context)
}

/**
 * A section of the service's rows of a table, without the columns `hidden` (the service's own);
 * nothing when the service has none. `firstKey` carries a small base's note when there is no
 * column.
 */
function tableSection(
  id: 'demographics' | 'barriers',
  table: Table | undefined,
  kept: readonly Kept[],
  hidden: readonly string[],
  firstKey: string,
  top: number,
  context: BlockContext,
): number {
  if (!table || kept.length === 0) return top
  const columns = viewColumns(table.columns, context.locale).filter((c) => !hidden.includes(c.key))
  const view = keptView(table, kept, columns, columns[0]?.key ?? firstKey, context)
  return section(TITLES[id][context.locale], top, view, context).after + 1
}
