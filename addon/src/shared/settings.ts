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
import { roleKey, type Translate } from './messages'

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

/**
 * What the settings are checked against: the sheets, the chosen sheet's header row, and the
 * Worker URL prefixes the manifest allows (`urlFetchWhitelist`; empty: any https URL).
 */
export interface SettingsContext {
  sheets: readonly string[]
  headers: readonly string[]
  allowlist: readonly string[]
}

export type Validation = { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors }

/** Every problem of a draft, one message per field, or the clean settings. */
export function validateSettings(
  draft: SettingsDraft,
  context: SettingsContext,
  t: Translate,
): Validation {
  const errors: SettingsErrors = {}
  if (!context.sheets.includes(draft.sheet)) errors.sheet = t('error.sheet')
  const mapping = cleanMapping(draft.mapping)
  for (const role of REQUIRED_ROLES) {
    if (!mapping[role]) errors[`mapping.${role}`] = t('error.required')
  }
  const used = new Map<string, Role>()
  for (const role of ROLES) {
    const header = mapping[role]
    if (header === undefined) continue
    const other = used.get(header)
    if (!context.headers.includes(header)) {
      errors[`mapping.${role}`] = t('error.notInHeader', { header })
    } else if (other !== undefined) {
      errors[`mapping.${role}`] = t('error.usedFor', { header, role: t(roleKey(other)) })
    } else used.set(header, role)
  }
  if (!LOCALES.includes(draft.locale)) errors.locale = t('error.locale')
  const minBase = parseMinBase(draft.minBase)
  if (minBase === null) errors.minBase = t('error.minBase', { max: MAX_MIN_BASE })
  if (!ORDERS.includes(draft.order)) errors.order = t('error.order')
  const tables = CHOOSABLE_TABLES.filter((id) => draft.tables.includes(id))
  if (tables.length === 0) errors.tables = t('error.tables')
  const workerUrl = draft.workerUrl.trim().replace(/\/+$/, '')
  const urlProblem = checkWorkerUrl(workerUrl, context.allowlist, t)
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

/** 127.0.0.0/8, localhost (and *.localhost), [::1], 0.0.0.0: this computer, to whoever asks. */
const LOOPBACK =
  /^(localhost|[^.]+(\.[^.]+)*\.localhost|127(\.\d{1,3}){3}|\[::1\]|\[0*:(0*:){0,6}0*1\]|0\.0\.0\.0)$/i

/**
 * Why the add-on cannot call this Worker URL, or null. Google's servers make the call, so it must
 * be https (a deployed add-on may fetch only the https prefixes of its manifest) and not this
 * computer's own address; with an allowlist built in, it must fall under one of its prefixes.
 */
export function checkWorkerUrl(
  url: string,
  allowlist: readonly string[],
  t: Translate,
): string | null {
  if (url === '') return t('url.empty')
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(url)
  if (!match) return t('url.notUrl')
  const [, scheme, authority] = match
  const host = authority.replace(/^[^@]*@/, '').replace(/:\d+$/, '')
  if (scheme.toLowerCase() !== 'https') return t('url.http')
  if (LOOPBACK.test(host)) return t('url.loopback', { host })
  if (allowlist.length > 0 && !allowlist.some((prefix) => allowedBy(prefix, `${url}/`))) {
    return t('url.notAllowed', { allowed: allowlist.join(', ') })
  }
  return null
}

/**
 * Google's matching of an allowlist prefix: the URL equals the prefix or lies under it, the path
 * compared case-sensitively; a leading `*.` in the host matches any subdomain.
 */
export function allowedBy(prefix: string, url: string): boolean {
  const split = (text: string) => {
    const found = /^https:\/\/([^/]+)(\/.*)?$/i.exec(text)
    return found ? { host: found[1].toLowerCase(), path: found[2] ?? '/' } : null
  }
  const p = split(prefix)
  const u = split(url)
  if (!p || !u) return false
  const hostOk = p.host.startsWith('*.')
    ? u.host.endsWith(p.host.slice(1)) && u.host.length > p.host.length - 1
    : u.host === p.host
  return hostOk && u.path.startsWith(p.path)
}
