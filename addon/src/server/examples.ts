/// <reference types="google-apps-script" />
/** @module "Insert formula examples": a sheet of worked formulas over the responses. */
import { ASPECTS, BARRIERS, type Mapping, type Role } from '../../../engine/index'
import { columnLetters, freeTitle, SHEETS_LIMITS } from '../../../sheets/index'
import { detectionOf, responseSheets, savedSettings } from './settings-store'
import { WorkerError } from './worker-client'

const EXAMPLES_KEY = 'sapa.examples'
const TITLE = 'Sapa formulas'
/** Channels listed at most; each is one row of formulas. */
const MAX_CHANNELS = 10

type Row = [label: string, formula: string]

/** Replaces the examples sheet (found by its developer metadata) with a fresh one. */
export function insertExamples(): void {
  const ui = SpreadsheetApp.getUi()
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet()
  try {
    const settings = savedSettings()
    const sheet = settings
      ? spreadsheet.getSheetByName(settings.sheet)
      : (responseSheets(spreadsheet)[0] ?? null)
    if (!sheet)
      throw new WorkerError('Responses not found', 'Choose the responses sheet in Sapa › Settings.')
    const mapping = settings?.mapping ?? detectionOf(sheet).detected
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0]
    const ref = references(sheet.getName(), headers, mapping)
    if (!ref.overall)
      throw new WorkerError('No overall score', 'Map the overall score column in Sapa › Settings.')
    const channels = ref.channelColumn ? channelValues(sheet, ref.channelColumn) : []
    const rows = exampleRows(ref as References & { overall: string }, channels)
    const previous = spreadsheet
      .createDeveloperMetadataFinder()
      .withKey(EXAMPLES_KEY)
      .find()
      .map((m) => m.getLocation().getSheet())
    for (const old of previous) if (old) spreadsheet.deleteSheet(old)
    const title = freeTitle(
      TITLE,
      (t) => spreadsheet.getSheetByName(t) !== null,
      SHEETS_LIMITS.title,
    )
    const target = spreadsheet.insertSheet(title, spreadsheet.getNumSheets())
    target.addDeveloperMetadata(
      EXAMPLES_KEY,
      '1',
      SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
    )
    target.getRange(1, 1).setValue(`Sapa formulas over "${sheet.getName()}"`).setFontWeight('bold')
    // Column B shows each formula's text, column C computes it.
    target.getRange(3, 1, rows.length, 1).setValues(rows.map(([label]) => [label]))
    target
      .getRange(3, 2, rows.length, 2)
      .setFormulas(
        rows.map(([, formula], i) => (formula ? [`=FORMULATEXT(C${i + 3})`, formula] : ['', ''])),
      )
    target.setColumnWidth(1, 220)
    target.setColumnWidth(2, 420)
    target.activate()
  } catch (error) {
    if (error instanceof WorkerError) ui.alert(error.title, error.message, ui.ButtonSet.OK)
    else throw error
  }
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

function channelValues(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number): string[] {
  const rows = sheet.getLastRow() - 1
  if (rows < 1) return []
  const values = sheet
    .getRange(2, column, rows, 1)
    .getDisplayValues()
    .map(([v]) => v.trim())
  return [...new Set(values.filter(Boolean))].slice(0, MAX_CHANNELS)
}

/** Label and formula per row; an empty label is a spacer (spilled results need room). */
export function exampleRows(
  ref: References & { overall: string },
  channels: readonly string[],
): Row[] {
  const o = ref.overall
  const rows: Row[] = [
    ['Satisfaction (share of 5)', `=SATISFACTION(${o})`],
    ['Satisfaction, top-2 definition', `=SATISFACTION(${o}, "top2")`],
    ['Top-2 box', `=TOP2BOX(${o})`],
    ['Mean score', `=MEAN_SCORE(${o})`],
    ['10-point score', `=SCORE10(${o})`],
    ['Base', `=BASE(${o})`],
    ['Distribution of 1..5 (spills 5 cells)', `=DISTRIBUTION(${o})`],
    ['Satisfaction 95% interval (spills 2 cells)', `=SATISFACTION_CI(${o})`],
  ]
  if (ref.trust && ref.barriers.length === 3) {
    rows.push([
      'Social-concern index',
      `=SOCIAL_CONCERN(${o}, ${ref.trust}, ${ref.barriers.join(', ')})`,
    ])
  }
  if (ref.channel) {
    const text = (v: string) => `"${v.replace(/"/g, '""')}"`
    for (const channel of channels) {
      const filtered = `FILTER(${o}, ${ref.channel}=${text(channel)})`
      rows.push([`Satisfaction: ${channel}`, `=SATISFACTION(${filtered})`])
      rows.push([`Mean score: ${channel}`, `=MEAN_SCORE(${filtered})`])
    }
  }
  if (ref.aspectsWithHeader && ref.overallWithHeader) {
    rows.push([
      'Key drivers (spills a table)',
      `=KEY_DRIVERS(${ref.aspectsWithHeader}, ${ref.overallWithHeader})`,
    ])
    for (let i = 0; i < 9; i++) rows.push(['', ''])
  }
  if (ref.service)
    rows.push(['Service rating (spills a table)', `=RATING(${ref.service}, ${o}, 30)`])
  return rows
}
