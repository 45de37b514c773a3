/// <reference types="google-apps-script" />
/** @module The settings sidebar and the server functions it calls (protocol.ts). */
import { ENGINE_VERSION, LOCALES, ORDERS, REQUIRED_ROLES, ROLES } from '../../../engine/index'
import type { Detection, SaveResult, ServerApi, SidebarState } from '../shared/protocol'
import {
  CHOOSABLE_TABLES,
  DEFAULT_SETTINGS,
  type SettingsDraft,
  validateSettings,
} from '../shared/settings'
import { detectionOf, responseSheets, savedSettings, storeSettings } from './settings-store'

export function showSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Sapa')
  SpreadsheetApp.getUi().showSidebar(html)
}

export const sidebarLoad: ServerApi['sidebarLoad'] = (): SidebarState => {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet()
  const sheets = responseSheets(spreadsheet)
  const names = sheets.map((sheet) => sheet.getName())
  const saved = savedSettings()
  const active = spreadsheet.getActiveSheet().getName()
  const name =
    saved && names.includes(saved.sheet) ? saved.sheet : names.includes(active) ? active : names[0]
  const sheet = sheets[names.indexOf(name)]
  const detection: Detection = sheet
    ? detectionOf(sheet)
    : {
        sheet: '',
        headers: [],
        detected: {},
        problem: 'This spreadsheet has no sheet of responses',
      }
  const settings =
    saved && saved.sheet === name
      ? saved
      : { ...DEFAULT_SETTINGS, ...saved, sheet: name ?? '', mapping: detection.detected }
  return {
    settings,
    saved: saved !== null,
    sheets: names,
    detection,
    roles: ROLES,
    requiredRoles: REQUIRED_ROLES,
    tables: CHOOSABLE_TABLES,
    locales: LOCALES,
    orders: ORDERS,
    engine: ENGINE_VERSION,
  }
}

export const sidebarDetect: ServerApi['sidebarDetect'] = (name: string): Detection => {
  const sheet = responseSheets(SpreadsheetApp.getActiveSpreadsheet()).find(
    (s) => s.getName() === name,
  )
  if (!sheet) return { sheet: name, headers: [], detected: {}, problem: `No sheet "${name}"` }
  return detectionOf(sheet)
}

/** Checked again here: the page's checks are a convenience, these are the rule. */
export const sidebarSave: ServerApi['sidebarSave'] = (draft: SettingsDraft): SaveResult => {
  const sheets = responseSheets(SpreadsheetApp.getActiveSpreadsheet())
  const sheet = sheets.find((s) => s.getName() === draft.sheet)
  const headers = sheet ? detectionOf(sheet).headers : []
  const result = validateSettings(draft, { sheets: sheets.map((s) => s.getName()), headers })
  if (result.ok) storeSettings(result.settings)
  return result
}
