/** @module The add-on's settings: their shape, defaults and validation, shared by sidebar and server. */
import {
  ASPECTS,
  CORRECTIONS,
  type Correction,
  checkQuestions,
  checkScale,
  DEFAULT_SCALE,
  detectColumns,
  isSignificanceLevel,
  LOCALES,
  type Locale,
  type Mapping,
  ORDERS,
  QUESTION_TYPES,
  type Question,
  questionColumns,
  type RatingOrder,
  REQUIRED_ROLES,
  ROLES,
  type Role,
  type Scale,
  TABLE_IDS,
  type TableId,
} from '../../../engine/index'
import { roleKey, type Translate } from './messages'

/** The Issues sheet is always written, so it is not a choice. */
export const CHOOSABLE_TABLES: readonly TableId[] = TABLE_IDS.filter((id) => id !== 'issues')
export const MAX_MIN_BASE = 1_000_000
/** The significance levels the sidebar offers: 90 %, 95 % (the report's) and 99 % confidence. */
export const LEVELS = [0.1, 0.05, 0.01] as const
/** The scale's ends the sidebar offers (DESIGN §3): min 0 or 1, max 5..10. */
export const SCALE_MINS = [0, 1] as const
export const SCALE_MAXES = [5, 6, 7, 8, 9, 10] as const

export interface Settings {
  /** Name of the responses sheet. */
  sheet: string
  mapping: Mapping
  /** Further columns declared as questions (DESIGN §3), each with a key and a type. */
  questions: Question[]
  /** The answer scale of the overall score and every rated item. */
  scale: Scale
  locale: Locale
  minBase: number
  order: RatingOrder
  tables: TableId[]
  /** Two-sided level and the correction across a table (DESIGN §4). */
  significance: { level: number; correction: Correction }
  /** Rated items left out of the drivers' model (recommendation 16: `trust`). */
  driversExclude: string[]
  /** The previous wave's sheet in this spreadsheet; '' for none. */
  previousSheet: string
  /** The population margins' sheet (rows of role, category, share); '' for none. */
  marginsSheet: string
  /** Bounds of the raked weights relative to their mean (e.g. 0.3 and 3); null for none. */
  trim: { min: number | null; max: number | null }
  /** The Worker's base URL, without a trailing slash. */
  workerUrl: string
}

/** What the sidebar form holds before validation: numbers typed or chosen are still text. */
export type SettingsDraft = Omit<Settings, 'minBase' | 'scale' | 'significance' | 'trim'> & {
  minBase: string | number
  scale: { min: string | number; max: string | number }
  significance: { level: string | number; correction: string }
  trim: { min: string | number | null; max: string | number | null }
}

export type SettingsField =
  | keyof Settings
  | `mapping.${Role}`
  | `questions.${number}`
  | 'trim.min'
  | 'trim.max'
export type SettingsErrors = Partial<Record<SettingsField, string>>

export const DEFAULT_SETTINGS: Omit<Settings, 'sheet' | 'mapping'> = {
  questions: [],
  scale: DEFAULT_SCALE,
  locale: 'kk',
  minBase: 30,
  order: 'satisfaction',
  tables: [...CHOOSABLE_TABLES],
  significance: { level: 0.05, correction: 'fdr' },
  driversExclude: [],
  previousSheet: '',
  marginsSheet: '',
  trim: { min: null, max: null },
  workerUrl: '',
}

/**
 * What the settings are checked against: the sheets, the chosen sheet's header row, the previous
 * wave's header row (when a previous sheet is chosen and read), and the Worker URL prefixes the
 * manifest allows (`urlFetchWhitelist`; empty: any https URL).
 */
export interface SettingsContext {
  sheets: readonly string[]
  headers: readonly string[]
  previousHeaders?: readonly string[]
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
  const questions = draft.questions.map(cleanQuestion)
  questions.forEach((question, i) => {
    const problem = questionProblem(question, questions.slice(0, i), used, context.headers, t)
    if (problem) errors[`questions.${i}`] = problem
  })
  const scale = parseScale(draft.scale)
  if (scale === null) errors.scale = t('error.scale')
  if (!LOCALES.includes(draft.locale)) errors.locale = t('error.locale')
  const minBase = parseMinBase(draft.minBase)
  if (minBase === null) errors.minBase = t('error.minBase', { max: MAX_MIN_BASE })
  if (!ORDERS.includes(draft.order)) errors.order = t('error.order')
  const tables = CHOOSABLE_TABLES.filter((id) => draft.tables.includes(id))
  if (tables.length === 0) errors.tables = t('error.tables')
  const significance = parseSignificance(draft.significance)
  if (significance === null) errors.significance = t('error.significance')
  const rated = ratedItems(mapping, questions)
  const driversExclude = [...new Set(draft.driversExclude)]
  const unknown = driversExclude.find((key) => !rated.includes(key))
  if (unknown !== undefined) errors.driversExclude = t('error.driversExclude', { key: unknown })
  const previousProblem = checkPreviousSheet(draft, mapping, context, t)
  if (previousProblem) errors.previousSheet = previousProblem
  const marginsSheet = draft.marginsSheet
  if (marginsSheet !== '') {
    if (!context.sheets.includes(marginsSheet)) {
      errors.marginsSheet = t('error.noSuchSheet', { sheet: marginsSheet })
    } else if (marginsSheet === draft.sheet || marginsSheet === draft.previousSheet) {
      errors.marginsSheet = t('error.marginsSheet')
    }
  }
  const trim = parseTrim(draft.trim)
  if (trim.min === undefined) errors['trim.min'] = t('error.trimMin')
  if (trim.max === undefined) errors['trim.max'] = t('error.trimMax')
  const workerUrl = draft.workerUrl.trim().replace(/\/+$/, '')
  const urlProblem = checkWorkerUrl(workerUrl, context.allowlist, t)
  if (urlProblem) errors.workerUrl = urlProblem
  if (
    Object.keys(errors).length > 0 ||
    minBase === null ||
    scale === null ||
    significance === null ||
    trim.min === undefined ||
    trim.max === undefined
  ) {
    return { ok: false, errors }
  }
  return {
    ok: true,
    settings: {
      sheet: draft.sheet,
      mapping,
      questions,
      scale,
      locale: draft.locale,
      minBase,
      order: draft.order,
      tables,
      significance,
      driversExclude,
      previousSheet: draft.previousSheet,
      marginsSheet,
      trim: { min: trim.min, max: trim.max },
      workerUrl,
    },
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

/** A question as declared: key trimmed, one header or (multi) several, blanks dropped. */
function cleanQuestion(question: Question): Question {
  const key = String(question.key ?? '').trim()
  if (question.type === 'multi') {
    const headers = (question.headers ?? []).filter((h) => typeof h === 'string' && h !== '')
    return { key, type: question.type, headers }
  }
  return { key, type: question.type, header: question.header ?? '' }
}

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/

/**
 * The first problem of a question, or null: its key (a letter, then letters, digits or `_`; not
 * one the tables use, by the engine's own rule; not given twice), its type, and its columns (in
 * the header row, not a role's, not another question's).
 */
function questionProblem(
  question: Question,
  before: readonly Question[],
  roles: ReadonlyMap<string, Role>,
  headers: readonly string[],
  t: Translate,
): string | null {
  const { key, type } = question
  if (!KEY.test(key)) return t('error.questionKey')
  if (!(QUESTION_TYPES as readonly string[]).includes(type)) return t('error.questionType')
  if (before.some((q) => q.key === key)) return t('error.questionTwice', { key })
  const columns = questionColumns(question)
  if (columns.length === 0 || columns.includes('')) {
    return t(type === 'multi' ? 'error.questionColumns' : 'error.questionColumn')
  }
  if (reservedKey(key)) return t('error.questionReserved', { key })
  for (const header of columns) {
    if (!headers.includes(header)) return t('error.notInHeader', { header })
    const role = roles.get(header)
    if (role !== undefined) return t('error.usedFor', { header, role: t(roleKey(role)) })
    const other = before.find((q) => questionColumns(q).includes(header))
    if (other) return t('error.usedByQuestion', { header, key: other.key })
    if (columns.indexOf(header) !== columns.lastIndexOf(header)) {
      return t('error.questionColumnTwice', { header })
    }
  }
  return null
}

/**
 * Whether the engine refuses a well-formed key because the tables already use it (`n`, `trust`,
 * `satisfaction`…): its own check decides, so the sidebar never disagrees with the Worker.
 */
function reservedKey(key: string): boolean {
  try {
    checkQuestions([{ key, type: 'yesno', header: 'x' }])
    return false
  } catch {
    return true
  }
}

/** The rated items of a survey: its mapped aspects, then its rating questions (drivers' keys). */
export function ratedItems(mapping: Mapping, questions: readonly Question[]): string[] {
  return [
    ...ASPECTS.filter((aspect) => mapping[aspect]),
    ...questions.filter((q) => q.type === 'rating').map((q) => q.key),
  ]
}

export function parseScale(value: { min: string | number; max: string | number }): Scale | null {
  const min = wholeNumber(value.min)
  const max = wholeNumber(value.max)
  try {
    return checkScale({ min, max })
  } catch {
    return null
  }
}

function wholeNumber(value: string | number): number {
  const text = String(value).trim()
  return /^\d+$/.test(text) ? Number(text) : Number.NaN
}

function parseSignificance(value: {
  level: string | number
  correction: string
}): Settings['significance'] | null {
  const level = Number(String(value.level).trim())
  const correction = value.correction as Correction
  if (!isSignificanceLevel(level) || !CORRECTIONS.includes(correction)) return null
  return { level, correction }
}

/** Each bound: null when blank, the number when valid, undefined when not a valid bound. */
function parseTrim(value: SettingsDraft['trim']): {
  min: number | null | undefined
  max: number | null | undefined
} {
  const read = (bound: string | number | null) => {
    if (bound === null || String(bound).trim() === '') return null
    const text = String(bound).trim().replace(',', '.')
    return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
  }
  const min = read(value.min)
  const max = read(value.max)
  return {
    min: min === null || (min > 0 && min < 1) ? min : undefined,
    max: max === null || max > 1 ? max : undefined,
  }
}

/**
 * The previous wave's mapping: each role's column of this wave where the previous sheet has a
 * column of the same header (the same questionnaire), the rest detected in its own header row.
 */
export function previousMapping(mapping: Mapping, previousHeaders: readonly string[]): Mapping {
  const kept: Mapping = {}
  for (const role of ROLES) {
    const header = mapping[role]
    if (header !== undefined && previousHeaders.includes(header)) kept[role] = header
  }
  return kept
}

/** The required roles the previous wave's sheet has no column for. */
export function previousMissing(mapping: Mapping, previousHeaders: readonly string[]): Role[] {
  try {
    return detectColumns(previousHeaders, previousMapping(mapping, previousHeaders)).missing
  } catch {
    return [...REQUIRED_ROLES]
  }
}

function checkPreviousSheet(
  draft: SettingsDraft,
  mapping: Mapping,
  context: SettingsContext,
  t: Translate,
): string | null {
  const { previousSheet } = draft
  if (previousSheet === '') return null
  if (!context.sheets.includes(previousSheet)) {
    return t('error.noSuchSheet', { sheet: previousSheet })
  }
  if (previousSheet === draft.sheet) return t('error.previousSame')
  if (context.previousHeaders === undefined) return null
  const [role] = previousMissing(mapping, context.previousHeaders)
  return role === undefined ? null : t('error.previousMissing', { role: t(roleKey(role)) })
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
