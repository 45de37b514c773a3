/** @module "Insert formula examples": a sheet of worked formulas over the responses. */
import { ASPECTS, BARRIERS, type Locale, type Mapping, type Role } from '../../../engine/index'
import { columnLetters, freeTitle, SHEETS_LIMITS } from '../../../sheets/index'
import type { ExamplesSheet } from '../platform/types'
import type { Translate } from '../shared/messages'
import { type App, translate, uiLocale } from './app'
import { detectionOf, EXAMPLES_KEY, responseSheets, savedSettings } from './settings-store'
import { WorkerError } from './worker-client'

/** Channels listed at most; each is one row of formulas. */
const MAX_CHANNELS = 10

/** Replaces the examples sheet (found by its developer metadata) with a fresh one. */
export function insertExamples(app: App): void {
  const { platform } = app
  const { workbook } = platform
  const t = translate(app)
  try {
    const settings = savedSettings(platform.store)
    const sheet = settings
      ? (workbook.sheets().find((s) => s.name === settings.sheet) ?? null)
      : (responseSheets(workbook)[0] ?? null)
    if (!sheet) throw new WorkerError(t('noSheet.title'), t('examples.noResponses'))
    const mapping = settings?.mapping ?? detectionOf(workbook, sheet, t).detected
    const headers = workbook.headerRow(sheet.id)
    const ref = references(sheet.name, headers, mapping)
    if (!ref.overall) {
      throw new WorkerError(t('examples.noOverall.title'), t('examples.noOverall.message'))
    }
    const channels = ref.channelColumn
      ? distinct(workbook.columnBelowHeader(sheet.id, ref.channelColumn))
      : []
    const locale = settings?.locale ?? uiLocale(app)
    const content: ExamplesSheet = {
      heading: t('examples.heading', { sheet: sheet.name }),
      rows: exampleRows(ref as References & { overall: string }, channels, t, locale),
    }
    for (const old of workbook.marked(EXAMPLES_KEY)) workbook.deleteSheet(old.id)
    const taken = new Set(workbook.sheets().map((s) => s.name.toLowerCase()))
    const title = freeTitle(
      t('examples.sheet'),
      (x) => taken.has(x.toLowerCase()),
      SHEETS_LIMITS.title,
    )
    const target = workbook.insertSheet(title)
    workbook.writeExamplesSheet(target.id, content, EXAMPLES_KEY)
    workbook.activate(target.id)
  } catch (error) {
    if (error instanceof WorkerError) platform.ui.alert(error.title, error.message)
    else throw error
  }
}

/** The first MAX_CHANNELS distinct non-blank values, trimmed. */
function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))].slice(0, MAX_CHANNELS)
}

interface References {
  overall?: string
  trust?: string
  barriers: string[]
  aspectsWithHeader?: string
  overallWithHeader?: string
  service?: string
  channel?: string
  channelColumn?: number
}

/** A1 references of the mapped columns on the responses sheet, open-ended downwards. */
export function references(
  sheet: string,
  headers: readonly string[],
  mapping: Mapping,
): References {
  const quoted = `'${sheet.replace(/'/g, "''")}'!`
  const column = (role: Role) => {
    const index = mapping[role] === undefined ? -1 : headers.indexOf(mapping[role] as string)
    return index < 0 ? undefined : index
  }
  const ref = (role: Role, firstRow = 2) => {
    const index = column(role)
    if (index === undefined) return undefined
    const name = columnLetters(index)
    return `${quoted}${name}${firstRow}:${name}`
  }
  const aspectColumns = ASPECTS.flatMap((aspect) => column(aspect) ?? [])
  const barriers = BARRIERS.map((b) => ref(b))
  return {
    overall: ref('overall'),
    trust: ref('trust'),
    barriers: barriers.every(Boolean) ? (barriers as string[]) : [],
    aspectsWithHeader:
      aspectColumns.length === 0
        ? undefined
        : `{${aspectColumns.map((c) => `${quoted}${columnLetters(c)}1:${columnLetters(c)}`).join(', ')}}`,
    overallWithHeader: ref('overall', 1),
    service: ref('service'),
    channel: ref('channel'),
    channelColumn: column('channel') === undefined ? undefined : (column('channel') as number) + 1,
  }
}

/** A formula's text argument: quotes doubled. */
const text = (v: string) => `"${v.replace(/"/g, '""')}"`

/** Label and formula per row; an empty label is a spacer (spilled results need room). */
export function exampleRows(
  ref: References & { overall: string },
  channels: readonly string[],
  t: Translate,
  locale: Locale,
): ExamplesSheet['rows'] {
  const o = ref.overall
  const row = (label: string, formula: string) => ({ label, formula })
  const rows = [
    row(t('example.satisfaction'), `=SATISFACTION(${o})`),
    row(t('example.satisfactionTop2'), `=SATISFACTION(${o}, "top2")`),
    row(t('example.top2'), `=TOP2BOX(${o})`),
    row(t('example.mean'), `=MEAN_SCORE(${o})`),
    row(t('example.score10'), `=SCORE10(${o})`),
    row(t('example.respondents'), `=RESPONDENTS(${o})`),
    row(t('example.distribution'), `=DISTRIBUTION(${o})`),
    row(t('example.interval'), `=SATISFACTION_CI(${o})`),
  ]
  if (ref.trust && ref.barriers.length === 3) {
    rows.push(
      row(t('example.concern'), `=SOCIAL_CONCERN(${o}, ${ref.trust}, ${ref.barriers.join(', ')})`),
    )
  }
  if (ref.channel) {
    for (const channel of channels) {
      const filtered = `FILTER(${o}, ${ref.channel}=${text(channel)})`
      rows.push(row(t('example.channelSatisfaction', { channel }), `=SATISFACTION(${filtered})`))
      rows.push(row(t('example.channelMean', { channel }), `=MEAN_SCORE(${filtered})`))
    }
  }
  // The spilled tables get the language as an argument, so their headers follow it.
  if (ref.aspectsWithHeader && ref.overallWithHeader) {
    rows.push(
      row(
        t('example.drivers'),
        `=KEY_DRIVERS(${ref.aspectsWithHeader}, ${ref.overallWithHeader}, ${text(locale)})`,
      ),
    )
    for (let i = 0; i < 9; i++) rows.push(row('', ''))
  }
  if (ref.service) {
    rows.push(row(t('example.rating'), `=RATING(${ref.service}, ${o}, 30, ${text(locale)})`))
  }
  return rows
}
