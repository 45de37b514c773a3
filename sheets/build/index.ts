/** @module The report's sheets built from its tables: the one place the sheet model is made. */
import { type Column, columnLabel, type Report, type Table, TITLES } from '../../engine/index'
import { type Limits, METADATA_KEY, SHEETS_LIMITS, type SheetKind, type SheetModel } from '../model'
import { freeTitle } from '../titles'
import { chaptersSheet } from './chapters'
import { isCompared } from './charts'
import type { SheetFrame } from './grid'
import { type SheetSource, sheetOf } from './sheet'
import { tableView } from './table'
import { type SheetTexts, sheetTexts } from './texts'
import { weightsSheet } from './weights'

/** The Issues sheet lists this many; all are counted in its caption. */
export const MAX_LISTED_ISSUES = 1000

export interface BuildOptions {
  /** ISO time written into every sheet's developer metadata. */
  generatedAt: string
  /** The platform the sheets are for: its title and cell-text limits. Google Sheets by default. */
  limits?: Limits
}

/** A sheet to make: what it shows, its wished-for title, and how to make it once titled. */
interface Planned {
  table: SheetKind
  title: string
  make: (frame: SheetFrame) => SheetModel | null
}

/**
 * A sheet per table, the per-service chapters, the raking weights (when raked), then the
 * Issues sheet, with titles unique and within the platform's limits. Pure: the same report,
 * time and limits give the same sheets.
 *
 * @example
 * const sheets = buildSheets(report(survey), { generatedAt: new Date().toISOString() })
 */
export function buildSheets(report: Report, options: BuildOptions): SheetModel[] {
  const limits = options.limits ?? SHEETS_LIMITS
  const texts = sheetTexts(report.summary.locale)
  const taken = new Set<string>()
  const sheets: SheetModel[] = []
  for (const planned of plannedSheets(report, texts)) {
    const title = freeTitle(planned.title, (t) => taken.has(t.toLowerCase()), limits.title)
    const mark = { engine: report.engine, generatedAt: options.generatedAt, table: planned.table }
    const sheet = planned.make({
      title,
      metadata: [{ key: METADATA_KEY, value: JSON.stringify(mark) }],
      limits,
      texts,
    })
    if (!sheet) continue
    taken.add(title.toLowerCase())
    sheets.push(sheet)
  }
  return sheets
}

/** The report's tables in order, the chapters, the weights, then the Issues sheet. */
function plannedSheets(report: Report, texts: SheetTexts): Planned[] {
  const { locale, minBase, issueCount } = report.summary
  const ratedQuestions = (report.summary.questions ?? []).flatMap((q) =>
    q.type === 'rating' ? [q.key] : [],
  )
  const fromTable = (source: SheetSource): Planned => ({
    table: source.table,
    title: source.title,
    make: (frame) => sheetOf(source, frame),
  })
  const planned: Planned[] = report.tables
    .filter((table) => table.id !== 'issues')
    .map((table) =>
      fromTable({
        table: table.id,
        title: table.title,
        locale,
        view: viewOf(table, locale, texts.smallBase(minBase)),
        notes: table.notes ?? [],
        ratedQuestions,
      }),
    )
  planned.push({
    table: 'chapters',
    title: texts.chapters,
    make: (frame) => chaptersSheet(report, frame, ratedQuestions),
  })
  const { weighting } = report.summary
  if (weighting) {
    planned.push({
      table: 'weights',
      title: texts.weights,
      make: (frame) => weightsSheet(weighting, locale, frame),
    })
  }
  const listed = report.issues.slice(0, MAX_LISTED_ISSUES)
  const issueColumn = (key: string, format: Column['format']): Column => ({
    key,
    label: columnLabel(key, locale),
    format,
  })
  planned.push(
    fromTable({
      table: 'issues',
      title: TITLES.issues[locale],
      locale,
      caption: texts.issuesCaption(listed.length, issueCount),
      view: {
        columns: [
          issueColumn('row', 'integer'),
          issueColumn('column', 'text'),
          issueColumn('value', 'text'),
          issueColumn('reason', 'text'),
        ],
        rows: listed.map((issue) => ({ ...issue })),
        notes: new Map(),
      },
      notes: [],
      ratedQuestions,
    }),
  )
  return planned
}

/** A table's view; the waves list the services both waves assessed first (their chart's rows). */
function viewOf(table: Table, locale: Report['summary']['locale'], smallBase: string) {
  const view = tableView(table, locale, smallBase)
  if (table.id !== 'waves') return view
  const order = table.rows.map((row, i) => ({ row, i }))
  const sorted = [
    ...order.filter((o) => isCompared(o.row)),
    ...order.filter((o) => !isCompared(o.row)),
  ]
  return { ...view, rows: sorted.map((o) => o.row), sources: sorted.map((o) => o.i) }
}
