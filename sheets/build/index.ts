/** @module The report's sheets built from its tables: the one place the sheet model is made. */
import { type Column, columnLabel, type Report, TITLES } from '../../engine/index'
import { type Limits, METADATA_KEY, SHEETS_LIMITS, type SheetModel } from '../model'
import { freeTitle } from '../titles'
import { type SheetSource, sheetOf } from './sheet'
import { type SheetTexts, sheetTexts } from './texts'

/** The Issues sheet lists this many; all are counted in its caption. */
export const MAX_LISTED_ISSUES = 1000

export interface BuildOptions {
  /** ISO time written into every sheet's developer metadata. */
  generatedAt: string
  /** The platform the sheets are for: its title and cell-text limits. Google Sheets by default. */
  limits?: Limits
}

/**
 * A sheet per table, then the Issues sheet, with titles unique and within the platform's
 * limits. Pure: the same report, time and limits give the same sheets.
 *
 * @example
 * const sheets = buildSheets(report(survey), { generatedAt: new Date().toISOString() })
 */
export function buildSheets(report: Report, options: BuildOptions): SheetModel[] {
  const limits = options.limits ?? SHEETS_LIMITS
  const texts = sheetTexts(report.summary.locale)
  const taken = new Set<string>()
  return sheetSources(report, texts).map((source) => {
    const title = freeTitle(source.title, (t) => taken.has(t.toLowerCase()), limits.title)
    taken.add(title.toLowerCase())
    const mark = { engine: report.engine, generatedAt: options.generatedAt, table: source.table }
    return sheetOf(source, {
      title,
      metadata: [{ key: METADATA_KEY, value: JSON.stringify(mark) }],
      limits,
      texts,
    })
  })
}

/** The report's tables in order, then the Issues sheet (which replaces an `issues` table). */
function sheetSources(report: Report, texts: SheetTexts): SheetSource[] {
  const { locale, minBase, issueCount } = report.summary
  const sources: SheetSource[] = report.tables
    .filter((table) => table.id !== 'issues')
    .map((table) => {
      const notes = new Map(Object.entries(table.reasons ?? {}))
      const firstKey = table.columns[0]?.key
      table.rows.forEach((row, index) => {
        if (row.smallBase !== true || firstKey === undefined) return
        const key = `${index}.${firstKey}`
        notes.set(key, [notes.get(key), texts.smallBase(minBase)].filter(Boolean).join('\n'))
      })
      return {
        table: table.id,
        title: table.title,
        locale,
        columns: table.columns,
        rows: table.rows,
        total: table.total,
        notes,
      }
    })
  const listed = report.issues.slice(0, MAX_LISTED_ISSUES)
  const issueColumn = (key: string, format: Column['format']): Column => ({
    key,
    label: columnLabel(key, locale),
    format,
  })
  sources.push({
    table: 'issues',
    title: TITLES.issues[locale],
    locale,
    caption: texts.issuesCaption(listed.length, issueCount),
    columns: [
      issueColumn('row', 'integer'),
      issueColumn('column', 'text'),
      issueColumn('value', 'text'),
      issueColumn('reason', 'text'),
    ],
    rows: listed.map((issue) => ({ ...issue })),
    notes: new Map(),
  })
  return sources
}
