/** @module The engine's public types: survey input, options, tables and the report. */

/** A cell exactly as `Range.getValues()` returns it. */
export type Cell = string | number | boolean | Date | null | undefined

export const ASPECTS = [
  'infoAccess',
  'infoClarity',
  'documents',
  'timeliness',
  'staffCompetence',
  'staffSpeed',
  'staffCourtesy',
  'trust',
] as const
export type Aspect = (typeof ASPECTS)[number]

export const BARRIERS = ['complaint', 'informalPayment', 'connections'] as const
export type Barrier = (typeof BARRIERS)[number]

/** Column roles of DESIGN §3, in the order the sidebar shows them. */
export const ROLES = [
  'service',
  'overall',
  'agency',
  'level',
  'region',
  'channel',
  'age',
  'gender',
  ...ASPECTS,
  ...BARRIERS,
  'weight',
] as const
export type Role = (typeof ROLES)[number]
export const REQUIRED_ROLES: readonly Role[] = ['service', 'overall']

/** role → header text, as the sidebar and the API send it. */
export type Mapping = Partial<Record<Role, string>>

/** Languages of titles and labels: Kazakh (the default), Russian, English. */
export const LOCALES = ['kk', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** What the rating is ranked by (DESIGN §4): satisfaction (the default), mean, Wilson lower bound. */
export const ORDERS = ['satisfaction', 'mean', 'wilson'] as const
export type RatingOrder = (typeof ORDERS)[number]

export const TABLE_IDS = [
  'rating',
  'distribution',
  'aspects',
  'regions',
  'barriers',
  'concern',
  'drivers',
  'channels',
  'demographics',
  'issues',
] as const
export type TableId = (typeof TABLE_IDS)[number]

export interface ReportOptions {
  locale?: Locale
  /** Groups with fewer respondents are flagged and not ranked. Default 30. */
  minBase?: number
  order?: RatingOrder
  /** Which tables to build; default all. */
  tables?: readonly TableId[]
  /** At most this many data issues are listed (all are counted). Default 1,000. */
  maxIssues?: number
}

/** A cell the engine could not read: left out of that measure only. */
export interface DataIssue {
  /** Sheet row number, header = row 1. */
  row: number
  /** Header text of the column. */
  column: string
  value: string
  reason: string
}

export type Value = string | number | boolean | null

export interface Column {
  key: string
  label: string
  /** How the sheets format the column. */
  format?: 'percent' | 'decimal' | 'correlation' | 'integer' | 'text'
}

export interface Table {
  id: TableId
  title: string
  columns: Column[]
  rows: Record<string, Value>[]
  total?: Record<string, Value>
  /** Why a measure is null, keyed `"<row index>.<column key>"` or `"total.<column key>"`. */
  reasons?: Record<string, string>
}

export interface Summary {
  respondents: number
  /** Respondents with a valid overall score (weighted when a weight column exists). */
  rated: number
  weighted: boolean
  effectiveBase: number | null
  satisfaction: number | null
  mean: number | null
  services: number
  issueCount: number
  minBase: number
  locale: Locale
  order: RatingOrder
  /** role → header text actually used. */
  mapping: Mapping
}

export interface Report {
  engine: string
  summary: Summary
  tables: Table[]
  issues: DataIssue[]
}
