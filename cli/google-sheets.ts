/** @module `sapa report --spreadsheet`: read a Google spreadsheet, write the report's sheets in one batchUpdate. */
import { google, type sheets_v4 } from 'googleapis'
import type { Cell } from '../engine/index'
import { caseless, METADATA_KEY, type SheetModel, sheetIdOf, sheetRequests } from '../sheets/index'
import { CliError, EXIT, oneLine } from './errors'
import type { SheetValues } from './read-survey'

type Request = sheets_v4.Schema$Request

/** Read the survey, write the report sheets: nothing wider. */
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets'

export interface SheetsAccess {
  /** An authorised client; by default Application Default Credentials or `--credentials`. */
  auth?: sheets_v4.Options['auth']
  /** The API's root, `https://sheets.googleapis.com/` by default (tests serve their own). */
  rootUrl?: string
}

export interface ExistingSheet {
  sheetId: number
  title: string
  /** Made by an earlier Sapa run (its developer metadata), so regenerating replaces it. */
  sapa: boolean
}

export interface SpreadsheetSurvey {
  values: SheetValues
  sheets: ExistingSheet[]
}

export function sheetsApi(credentials: string | undefined, access: SheetsAccess = {}) {
  const auth =
    access.auth ?? new google.auth.GoogleAuth({ keyFile: credentials, scopes: [SHEETS_SCOPE] })
  return google.sheets({
    version: 'v4',
    auth,
    ...(access.rootUrl ? { rootUrl: access.rootUrl } : {}),
  })
}

/**
 * The first sheet's values (or `sheet`'s), as `Range.getValues()` gives them: numbers as
 * numbers, dates as displayed, short rows padded to the header's width.
 * @throws {CliError} exit 5 for Google's refusals, exit 3 for a sheet not there.
 */
export async function readSpreadsheet(
  api: sheets_v4.Sheets,
  spreadsheetId: string,
  sheet: string | undefined,
): Promise<SpreadsheetSurvey> {
  const meta = await call('reading the spreadsheet', () =>
    api.spreadsheets.get({
      spreadsheetId,
      fields: 'sheets(properties(sheetId,title),developerMetadata(metadataKey))',
    }),
  )
  const sheets: ExistingSheet[] = (meta.data.sheets ?? []).map((s) => ({
    sheetId: s.properties?.sheetId ?? 0,
    title: s.properties?.title ?? '',
    sapa: (s.developerMetadata ?? []).some((m) => m.metadataKey === METADATA_KEY),
  }))
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.title === sheet)
  if (!chosen) {
    const names = sheets.map((s) => `"${s.title}"`).join(', ')
    throw new CliError(
      `spreadsheet ${spreadsheetId}: no sheet "${sheet}"; sheets: ${names || '(none)'}`,
      EXIT.input,
    )
  }
  const range = await call('reading the survey sheet', () =>
    api.spreadsheets.values.get({
      spreadsheetId,
      range: quoteSheet(chosen.title),
      majorDimension: 'ROWS',
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    }),
  )
  const [header = [], ...rest] = (range.data.values ?? []) as Cell[][]
  const width = header.length
  const rows = rest.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''))
  return { values: { header, rows, sheet: chosen.title }, sheets }
}

/**
 * The report's sheets as one batchUpdate fitted to the spreadsheet: earlier Sapa sheets (and
 * any sheet holding an id the report's sheets take) are deleted first, in the same atomic
 * batch; a title taken by one of the user's sheets gets the next free one (`freeTitle`).
 */
export function spreadsheetRequests(
  sheets: readonly SheetModel[],
  existing: readonly ExistingSheet[],
  surveySheet: string,
): Request[] {
  const ids = new Set(sheets.map((sheet) => sheetIdOf(sheet.table)))
  const replaced = existing.filter((s) => s.title !== surveySheet && (s.sapa || ids.has(s.sheetId)))
  const survey = existing.find((s) => s.title === surveySheet)
  if (survey && ids.has(survey.sheetId)) {
    throw new CliError(`sheet "${surveySheet}" has an id the report needs; copy it`, EXIT.sheets)
  }
  const kept = existing.filter((s) => !replaced.includes(s)).map((s) => s.title)
  return [
    ...replaced.map((s) => ({ deleteSheet: { sheetId: s.sheetId } })),
    ...sheetRequests(sheets, { taken: caseless(kept) }),
  ]
}

/** One batchUpdate: Sheets applies all of it or none. */
export async function applyRequests(
  api: sheets_v4.Sheets,
  spreadsheetId: string,
  requests: Request[],
): Promise<void> {
  await call('writing the report sheets', () =>
    api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }),
  )
}

/** A1 notation of a whole sheet: quoted, inner quotes doubled. */
function quoteSheet(title: string): string {
  return `'${title.replaceAll("'", "''")}'`
}

async function call<T>(doing: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    const status = (error as { status?: number }).status
    const message = oneLine((error as Error).message ?? String(error))
    throw new CliError(
      `Google Sheets, ${doing}: ${status ? `${status} ` : ''}${message}`,
      EXIT.sheets,
      { cause: error },
    )
  }
}
