/** @module The sidebar's calls to the server: one name per function, typed both ways. */
import type {
  Aspect,
  Correction,
  Locale,
  Mapping,
  QuestionType,
  RatingOrder,
  Role,
  TableId,
} from '../../../engine/index'
import type { Settings, SettingsDraft, SettingsErrors } from './settings'

/** The columns of one sheet and the roles detected in its header row. */
export interface Detection {
  sheet: string
  headers: string[]
  detected: Mapping
  /** Why detection is incomplete (a required role has no column), or null. */
  problem: string | null
}

export interface SidebarState {
  settings: Settings
  /** False until the analyst saves: the settings shown are then detected defaults. */
  saved: boolean
  /** The language the sidebar speaks (the saved report language, else the spreadsheet's). */
  locale: Locale
  /** The Worker URL prefixes the add-on was built to allow (empty: any https URL). */
  allowlist: readonly string[]
  sheets: string[]
  detection: Detection
  /** The previous wave's sheet's header row, when one is saved; else null. */
  previous: Detection | null
  roles: readonly Role[]
  requiredRoles: readonly Role[]
  /** The rated items a driver model may leave out, besides the rating questions. */
  aspects: readonly Aspect[]
  questionTypes: readonly QuestionType[]
  tables: readonly TableId[]
  locales: readonly Locale[]
  orders: readonly RatingOrder[]
  corrections: readonly Correction[]
  levels: readonly number[]
  scaleMins: readonly number[]
  scaleMaxes: readonly number[]
  engine: string
}

export type SaveResult = { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors }

/** The server functions the sidebar calls through `google.script.run`. */
export interface ServerApi {
  sidebarLoad(): SidebarState
  sidebarDetect(sheet: string): Detection
  sidebarSave(draft: SettingsDraft): SaveResult
}
