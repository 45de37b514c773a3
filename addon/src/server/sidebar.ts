/** @module The settings sidebar and the server functions it calls (protocol.ts). */
import { ENGINE_VERSION, LOCALES, ORDERS, REQUIRED_ROLES, ROLES } from '../../../engine/index'
import type { Detection, SaveResult, SidebarState } from '../shared/protocol'
import {
  CHOOSABLE_TABLES,
  DEFAULT_SETTINGS,
  type SettingsDraft,
  validateSettings,
} from '../shared/settings'
import { type App, translate, uiLocale } from './app'
import { detectionOf, responseSheets, savedSettings, storeSettings } from './settings-store'

export function showSettings(app: App): void {
  app.platform.ui.showSidebar(translate(app)('sidebar.title'), uiLocale(app))
}

export function sidebarLoad(app: App): SidebarState {
  const { workbook, store } = app.platform
  const t = translate(app)
  const sheets = responseSheets(workbook)
  const names = sheets.map((sheet) => sheet.name)
  const saved = savedSettings(store)
  const active = workbook.activeSheet()?.name ?? ''
  const name =
    saved && names.includes(saved.sheet) ? saved.sheet : names.includes(active) ? active : names[0]
  const sheet = sheets[names.indexOf(name)]
  const detection: Detection = sheet
    ? detectionOf(workbook, sheet, t)
    : { sheet: '', headers: [], detected: {}, problem: t('detect.noResponses') }
  const settings =
    saved && saved.sheet === name
      ? saved
      : { ...DEFAULT_SETTINGS, ...saved, sheet: name ?? '', mapping: detection.detected }
  return {
    settings,
    saved: saved !== null,
    locale: uiLocale(app),
    allowlist: app.allowlist,
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

export function sidebarDetect(app: App, name: string): Detection {
  const { workbook } = app.platform
  const t = translate(app)
  const sheet = responseSheets(workbook).find((s) => s.name === name)
  if (!sheet)
    return { sheet: name, headers: [], detected: {}, problem: t('detect.noSheet', { sheet: name }) }
  return detectionOf(workbook, sheet, t)
}

/** Checked again here: the page's checks are a convenience, these are the rule. */
export function sidebarSave(app: App, draft: SettingsDraft): SaveResult {
  const { workbook, store } = app.platform
  const t = translate(app)
  const sheets = responseSheets(workbook)
  const sheet = sheets.find((s) => s.name === draft.sheet)
  const headers = sheet ? workbook.headerRow(sheet.id) : []
  const context = { sheets: sheets.map((s) => s.name), headers, allowlist: app.allowlist }
  const result = validateSettings(draft, context, t)
  if (result.ok) storeSettings(store, result.settings)
  return result
}
