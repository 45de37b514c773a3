/** @module The settings sidebar and the server functions it calls (protocol.ts). */
import {
  ASPECTS,
  CORRECTIONS,
  ENGINE_VERSION,
  LOCALES,
  ORDERS,
  QUESTION_TYPES,
  REQUIRED_ROLES,
  ROLES,
} from '../../../engine/index'
import type { Detection, SaveResult, SidebarState } from '../shared/protocol'
import {
  CHOOSABLE_TABLES,
  DEFAULT_SETTINGS,
  LEVELS,
  SCALE_MAXES,
  SCALE_MINS,
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
  // Another sheet's questions and driver choices name its columns, not this one's.
  const settings =
    saved && saved.sheet === name
      ? saved
      : {
          ...DEFAULT_SETTINGS,
          ...saved,
          sheet: name ?? '',
          mapping: detection.detected,
          questions: [],
          driversExclude: [],
        }
  const previousSheet = sheets.find((s) => s.name === settings.previousSheet)
  return {
    settings,
    saved: saved !== null,
    locale: uiLocale(app),
    allowlist: app.allowlist,
    sheets: names,
    detection,
    previous: previousSheet ? detectionOf(workbook, previousSheet, t) : null,
    roles: ROLES,
    requiredRoles: REQUIRED_ROLES,
    aspects: ASPECTS,
    questionTypes: QUESTION_TYPES,
    tables: CHOOSABLE_TABLES,
    locales: LOCALES,
    orders: ORDERS,
    corrections: CORRECTIONS,
    levels: LEVELS,
    scaleMins: SCALE_MINS,
    scaleMaxes: SCALE_MAXES,
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
  const previous = sheets.find((s) => s.name === draft.previousSheet)
  const context = {
    sheets: sheets.map((s) => s.name),
    headers,
    previousHeaders: previous ? workbook.headerRow(previous.id) : undefined,
    allowlist: app.allowlist,
  }
  const result = validateSettings(draft, context, t)
  if (result.ok) storeSettings(store, result.settings)
  return result
}
