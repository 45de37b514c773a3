/// <reference types="google-apps-script" />
/** @module Settings in the document's properties, and the sheets they may point at. */

import { reportSheets } from '../report/write'
import type { Detection } from '../shared/protocol'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings'
import { detectMapping } from './detect'

const KEY = 'sapa.settings'

export function savedSettings(): Settings | null {
  const text = PropertiesService.getDocumentProperties().getProperty(KEY)
  if (!text) return null
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(text) as Settings) }
  } catch {
    return null
  }
}

export function storeSettings(settings: Settings): void {
  PropertiesService.getDocumentProperties().setProperty(KEY, JSON.stringify(settings))
}

/** Sheets that may hold responses: every sheet but Sapa's own. */
export function responseSheets(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {
  const ours = new Set(reportSheets(spreadsheet).map((sheet) => sheet.getSheetId()))
  return spreadsheet.getSheets().filter((sheet) => !ours.has(sheet.getSheetId()))
}

/** The header row of a sheet, as text. */
export function headersOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  const columns = sheet.getLastColumn()
  if (columns === 0) return []
  return sheet
    .getRange(1, 1, 1, columns)
    .getDisplayValues()[0]
    .map((header) => header.trim())
}

export function detectionOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): Detection {
  const headers = headersOf(sheet)
  return { sheet: sheet.getName(), headers, ...detectMapping(headers) }
}
