/** @module The engine's public types: survey input, options, tables and the report. */
import type { Question, Scale } from './schema'
import type { Locale, Role } from './vocabulary'

/** A cell exactly as `Range.getValues()` returns it. */
export type Cell = string | number | boolean | Date | null | undefined

/** role → header text, as the sidebar and the API send it. */
export type Mapping = Partial<Record<Role, string>>

/** What the rating is ranked by (DESIGN §4): satisfaction (the default), mean, Wilson lower bound. */
export const ORDERS = ['satisfaction', 'mean', 'wilson'] as const
export type RatingOrder = (typeof ORDERS)[number]

/** Multiple-comparison corrections across a table (DESIGN §4). */
export const CORRECTIONS = ['fdr', 'holm', 'bonferroni', 'none'] as const
export type Correction = (typeof CORRECTIONS)[number]

export const TABLE_IDS = [
  'rating',
  'distribution',
  'aspects',
  'places',
  'regions',
  'barriers',
  'concern',
  'drivers',
  'channels',
  'demographics',
  'questions',
  'waves',
  'issues',
] as const
export type TableId = (typeof TABLE_IDS)[number]

export interface SignificanceOptions {
  /** Two-sided level; default 0.05. */
  level?: number
  /** Default `fdr` (Benjamini–Hochberg). */
  correction?: Correction
}

export interface DriverOptions {
  /** Rated items left out of the drivers' model (recommendation 16: `trust`). */
  exclude?: string[]
}

/** Population margins to rake the sample to (DESIGN §4): role → category → share. */
export interface WeightingOptions {
  margins: Record<string, Record<string, number>>
  /** Bounds on the final weight relative to the mean weight, e.g. 0.3 and 3. */
  trim?: { min?: number; max?: number }
  /**
   * The whole survey's raking sample (`rakeSample` of each chunk, merged), when a chunk of a
   * fan-out is aggregated: every chunk then rakes to the same weights as one pass.
   */
  sample?: RakeSample
}

/**
 * Respondents by their categories in the raking roles and their base weight: what raking
 * needs of a survey. `cells` is flat: per cell one category code per role, the base weight,
 * the number of respondents.
 */
export interface RakeSample {
  roles: string[]
  categories: string[][]
  cells: number[]
}

export interface ReportOptions {
  locale?: Locale
  /** Groups with fewer respondents are flagged and not ranked. Default 30. */
  minBase?: number
  order?: RatingOrder
  /** Which tables to build; default all. */
  tables?: readonly TableId[]
  /** At most this many data issues are listed (all are counted). Default 1,000. */
  maxIssues?: number
  /** The answer scale; default 1..5. */
  scale?: Scale
  significance?: SignificanceOptions
  drivers?: DriverOptions
  weighting?: WeightingOptions
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
  /**
   * How the sheets format the column; `key` is a machine key (a channel's `corp`, an aspect's
   * `trust`) that the sheets leave out because a label column beside it says it in words.
   */
  format?: 'percent' | 'decimal' | 'correlation' | 'integer' | 'text' | 'key' | 'sign'
}

export interface Table {
  id: TableId
  title: string
  columns: Column[]
  rows: Record<string, Value>[]
  total?: Record<string, Value>
  /** Why a measure is null, keyed `"<row index>.<column key>"` or `"total.<column key>"`. */
  reasons?: Record<string, string>
  /** How the table was computed, in the report's language (scope, significance test, correction). */
  notes?: string[]
}

/** What raking did (DESIGN §4), in the summary of a raked report. */
export interface WeightingSummary {
  /** Each raking role's categories: target share, share achieved, share of the sample (unweighted). */
  margins: { role: string; category: string; target: number; achieved: number; sample: number }[]
  iterations: number
  converged: boolean
  /** Largest |achieved − target| share at the end. */
  maxError: number
  /** Kish's weighting efficiency (Σw)² / (n·Σw²). */
  efficiency: number
  /** 1 / efficiency. */
  designEffect: number
  /** Final weights relative to their mean. */
  minWeight: number
  maxWeight: number
  /** Respondents held at a trimming bound. */
  trimmed: number
  /** Respondents still outside the trimming bounds (0 when converged). */
  outside: number
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
  scale: Scale
  questions: Question[]
  /** Headers of the columns the report did not read (neither mapped nor declared). */
  unused: string[]
  weighting?: WeightingSummary
  /** The previous wave's headline and its data issues, when one was given. */
  previous?: {
    respondents: number
    satisfaction: number | null
    mean: number | null
    issueCount: number
  }
}

export interface Report {
  engine: string
  summary: Summary
  tables: Table[]
  issues: DataIssue[]
}
