/** @module The add-on's settings: their shape, defaults and validation, shared by sidebar and server. */
import {
  LOCALES,
  type Locale,
  type Mapping,
  ORDERS,
  type RatingOrder,
  REQUIRED_ROLES,
  ROLES,
  type Role,
  TABLE_IDS,
  type TableId,
} from '../../../engine/index'

/** The Issues sheet is always written, so it is not a choice. */
export const CHOOSABLE_TABLES: readonly TableId[] = TABLE_IDS.filter((id) => id !== 'issues')
export const MAX_MIN_BASE = 1_000_000

export interface Settings {
  /** Name of the responses sheet. */
  sheet: string
  mapping: Mapping
  locale: Locale
  minBase: number
  order: RatingOrder
  tables: TableId[]
  /** The Worker's base URL, without a trailing slash. */
  workerUrl: string
}

/** What the sidebar form holds before validation: the minimum base is still text. */
export type SettingsDraft = Omit<Settings, 'minBase'> & { minBase: string | number }

export type SettingsField = keyof Settings | `mapping.${Role}`
export type SettingsErrors = Partial<Record<SettingsField, string>>

export const DEFAULT_SETTINGS: Omit<Settings, 'sheet' | 'mapping'> = {
  locale: 'kk',
  minBase: 30,
  order: 'satisfaction',
  tables: [...CHOOSABLE_TABLES],
  workerUrl: '',
}

/** What the settings are checked against: the sheets and the chosen sheet's header row. */
export interface SettingsContext {
  sheets: readonly string[]
  headers: readonly string[]
}

export type Validation = { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors }

/** Every problem of a draft, one message per field, or the clean settings. */
export function validateSettings(draft: SettingsDraft, context: SettingsContext): Validation {
  const errors: SettingsErrors = {}
  if (!context.sheets.includes(draft.sheet)) errors.sheet = 'Choose the sheet of responses'
  const mapping = cleanMapping(draft.mapping)
  for (const role of REQUIRED_ROLES) {
    if (!mapping[role]) errors[`mapping.${role}`] = 'Required: choose its column'
  }
  const used = new Map<string, Role>()
  for (const role of ROLES) {
    const header = mapping[role]
    if (header === undefined) continue
    if (!context.headers.includes(header)) {
      errors[`mapping.${role}`] = `Column "${header}" is not in the header row`
    } else if (used.has(header)) {
      errors[`mapping.${role}`] = `Column "${header}" is already used for ${used.get(header)}`
    } else used.set(header, role)
  }
  if (!LOCALES.includes(draft.locale)) errors.locale = 'Choose kk, ru or en'
  const minBase = parseMinBase(draft.minBase)
  if (minBase === null) {
    errors.minBase = `Minimum base must be a whole number from 1 to ${MAX_MIN_BASE}`
  }
  if (!ORDERS.includes(draft.order)) errors.order = 'Choose satisfaction, mean or wilson'
  const tables = CHOOSABLE_TABLES.filter((id) => draft.tables.includes(id))
  if (tables.length === 0) errors.tables = 'Choose at least one table'
  const workerUrl = draft.workerUrl.trim().replace(/\/+$/, '')
  const urlProblem = checkWorkerUrl(workerUrl)
  if (urlProblem) errors.workerUrl = urlProblem
  if (Object.keys(errors).length > 0 || minBase === null) return { ok: false, errors }
  return {
    ok: true,
    settings: { ...draft, mapping, minBase, tables, workerUrl },
  }
}

/** Roles with a column; blank choices dropped. */
export function cleanMapping(mapping: Mapping): Mapping {
  const clean: Mapping = {}
  for (const role of ROLES) {
    const header = mapping[role]
    if (typeof header === 'string' && header !== '') clean[role] = header
  }
  return clean
}

export function parseMinBase(value: string | number): number | null {
  const text = String(value).trim()
  if (!/^\d+$/.test(text)) return null
  const number = Number(text)
  return number >= 1 && number <= MAX_MIN_BASE ? number : null
}

/** https only; plain http only for a Worker on this machine (`wrangler dev`). */
export function checkWorkerUrl(url: string): string | null {
  if (url === '') return 'Enter the Worker URL, e.g. https://sapa.example.workers.dev'
  const match = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(url)
  if (!match) return 'Not a URL: it starts with https:// and has no spaces'
  const [, scheme, host] = match
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(host)
  if (scheme.toLowerCase() === 'http' && !local) return 'Use https:// (http only for localhost)'
  return null
}
