/** @module "Insert formula examples": a sheet of worked formulas over the responses. */
import {
  ASPECTS,
  BARRIERS,
  DEFAULT_SCALE,
  type Locale,
  type Mapping,
  type Role,
  type Scale,
} from '../../../engine/index'
import { columnLetters, freeTitle, SHEETS_LIMITS } from '../../../sheets/index'
import { scaleText } from '../formulas/scale'
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
    const scale = settings?.scale ?? DEFAULT_SCALE
    const content: ExamplesSheet = {
      heading: t('examples.heading', { sheet: sheet.name }),
      rows: exampleRows(ref as References & { overall: string }, channels, t, locale, scale),
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

/**
 * Label and formula per row; an empty label is a spacer (spilled results need room). On a scale
 * other than 1..5 every formula gets it as its last argument (`=MEAN_SCORE(J2:J, , "1..10")`).
 */
export function exampleRows(
  ref: References & { overall: string },
  channels: readonly string[],
  t: Translate,
  locale: Locale,
  scale: Scale = DEFAULT_SCALE,
): ExamplesSheet['rows'] {
  const o = ref.overall
  const plain = scale.min === DEFAULT_SCALE.min && scale.max === DEFAULT_SCALE.max
  /** The arguments, then the scale after as many empty ones as the formula's optional ones. */
  const args = (given: string[], optional: number) =>
    (plain ? given : [...given, ...Array(optional).fill(''), text(scaleText(scale))]).join(', ')
  const row = (label: string, formula: string) => ({ label, formula })
  const points = { top: scale.max, second: scale.max - 1, min: scale.min, max: scale.max }
  const rows = [
    row(t('example.satisfaction', points), `=SATISFACTION(${args([o], 2)})`),
    row(t('example.satisfactionTop2'), `=SATISFACTION(${args([o, '"top2"'], 1)})`),
    row(t('example.top2', points), `=TOP2BOX(${args([o], 1)})`),
    row(t('example.mean'), `=MEAN_SCORE(${args([o], 1)})`),
    row(t('example.score10'), `=SCORE10(${args([o], 1)})`),
    row(t('example.respondents'), `=RESPONDENTS(${args([o], 1)})`),
    row(
      t('example.distribution', { ...points, n: scale.max - scale.min + 1 }),
      `=DISTRIBUTION(${args([o], 1)})`,
    ),
    row(t('example.interval'), `=SATISFACTION_CI(${args([o], 2)})`),
    row(t('example.meanInterval'), `=MEAN_CI(${args([o], 1)})`),
  ]
  if (ref.trust && ref.barriers.length === 3) {
    rows.push(
      row(t('example.concern'), `=SOCIAL_CONCERN(${args([o, ref.trust, ...ref.barriers], 0)})`),
    )
  }
  if (ref.channel) {
    for (const channel of channels) {
      const filtered = `FILTER(${o}, ${ref.channel}=${text(channel)})`
      rows.push(
        row(t('example.channelSatisfaction', { channel }), `=SATISFACTION(${args([filtered], 2)})`),
      )
      rows.push(row(t('example.channelMean', { channel }), `=MEAN_SCORE(${args([filtered], 1)})`))
    }
  }
  // The spilled tables get the language as an argument, so their headers follow it.
  if (ref.aspectsWithHeader && ref.overallWithHeader) {
    const given = [ref.aspectsWithHeader, ref.overallWithHeader, text(locale)]
    rows.push(row(t('example.drivers'), `=KEY_DRIVERS(${args(given, 0)})`))
    for (let i = 0; i < 9; i++) rows.push(row('', ''))
  }
  if (ref.service) {
    rows.push(row(t('example.rating'), `=RATING(${args([ref.service, o, '30', text(locale)], 0)})`))
  }
  return rows
}
