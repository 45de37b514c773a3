/** @module The sheet plan: the Sheets API v4 batchUpdate requests that build the report. */
import type { sheets_v4 } from 'googleapis'
import { type Column, columnLabel, type Report, TITLES } from '../../engine/index'
import { chartRequests, hasChart } from './charts'
import { sheetIdOf, uniqueTitles } from './ids'
import { layoutSheet, type SheetSource } from './layout'
import { metadataRequest } from './metadata'
import {
  addSheetRequest,
  aspectScaleRequests,
  columnWidthRequests,
  greyRowRequests,
  numberFormatRequests,
} from './styles'
import { type PlanTexts, planTexts } from './texts'
import { valueRequest } from './values'

export { METADATA_KEY } from './metadata'
export { validatePlan } from './validate'

/** The Issues sheet lists this many; all are counted in its caption. */
export const MAX_LISTED_ISSUES = 1000

export interface PlanOptions {
  /** ISO time written into every sheet's developer metadata. */
  generatedAt: string
}

/**
 * The requests of one `spreadsheets.batchUpdate` creating a sheet per table and an Issues
 * sheet, in order: each sheet is added before anything refers to it. Pure: same report and
 * time, same plan.
 *
 * @example
 * const requests = planSheets(report(survey), { generatedAt: new Date().toISOString() })
 */
export function planSheets(report: Report, options: PlanOptions): sheets_v4.Schema$Request[] {
  const texts = planTexts(report.summary.locale)
  const sources = sheetSources(report, texts)
  const titles = uniqueTitles(sources.map((source) => source.title))
  return sources.flatMap((source, index) => {
    const sheetId = sheetIdOf(source.table)
    const layout = layoutSheet(source, sheetId, titles[index], hasChart(source.table))
    const smallBaseRows = source.rows.flatMap((row, i) => (row.smallBase === true ? [i] : []))
    return [
      addSheetRequest(layout),
      valueRequest(layout, source),
      ...numberFormatRequests(layout, source.columns),
      ...columnWidthRequests(layout, source),
      ...greyRowRequests(layout, smallBaseRows),
      ...(source.table === 'aspects' ? aspectScaleRequests(layout) : []),
      ...chartRequests(layout, source, texts, report.summary.locale),
      metadataRequest(sheetId, {
        engine: report.engine,
        generatedAt: options.generatedAt,
        table: source.table,
      }),
    ]
  })
}

/** The report's tables in order, then the Issues sheet (which replaces an `issues` table). */
function sheetSources(report: Report, texts: PlanTexts): SheetSource[] {
  const { minBase } = report.summary
  const sources: SheetSource[] = report.tables
    .filter((table) => table.id !== 'issues')
    .map((table) => {
      const notes = { ...table.reasons }
      const firstKey = table.columns[0]?.key
      table.rows.forEach((row, index) => {
        if (row.smallBase !== true || firstKey === undefined) return
        const key = `${index}.${firstKey}`
        notes[key] = [notes[key], texts.smallBase(minBase)].filter(Boolean).join('\n')
      })
      return {
        table: table.id,
        title: table.title,
        locale: report.summary.locale,
        columns: table.columns,
        rows: table.rows,
        total: table.total,
        notes,
      }
    })
  const { locale, issueCount } = report.summary
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
  })
  return sources
}
