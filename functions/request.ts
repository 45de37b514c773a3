/** @module The body of `POST /v1/report` checked into the engine's Survey and options. */
import type { PartialState, Survey } from '../engine/index'
import {
  LOCALES,
  type Locale,
  type Mapping,
  ORDERS,
  type RatingOrder,
  type ReportOptions,
  ROLES,
  readStates,
  TABLE_IDS,
  type TableId,
} from '../engine/index'
import { ApiError } from './errors'
import { checkHeaderRow } from './header-row'
import { checkSurveyShape } from './survey-shape'

const BODY_KEYS = ['header', 'rows', 'columns', 'mapping', 'options']
const STATES_KEYS = ['states', 'options']
const OPTION_KEYS = ['locale', 'minBase', 'order', 'tables']

/** A survey to score, or the partial states of its chunks (fan-out) to merge and score. */
export type ReportRequest =
  | { survey: Survey; states?: undefined; options: ReportOptions }
  | { survey?: undefined; states: PartialState[]; options: ReportOptions }

export interface AggregateRequest {
  survey: Survey
  /** Sheet row of the chunk's first data row, so data issues name the right rows. */
  firstRow: number
}

/**
 * The survey in either form of DESIGN §6 (`rows`, or compact `columns`) passed through to
 * the engine, which checks its shape (400 `bad_request`); here the options, the mapping's
 * roles and the row limit (413). Or `states` from `/v1/aggregate`, checked field by field.
 * A 400 names the bad field in `details.field`.
 */
export function readReportRequest(body: unknown, maxRows: number): ReportRequest {
  const value = record(body, 'body')
  if (value.states !== undefined) {
    unknownKeys(value, STATES_KEYS, '')
    return { states: readStates(value.states), options: optionsOf(value.options) }
  }
  unknownKeys(value, BODY_KEYS, '')
  return { survey: surveyOf(value, maxRows), options: optionsOf(value.options) }
}

/** The body of `POST /v1/aggregate`: one chunk of a survey, `options.firstRow` its first sheet row. */
export function readAggregateRequest(body: unknown, maxRows: number): AggregateRequest {
  const value = record(body, 'body')
  unknownKeys(value, BODY_KEYS, '')
  const options = value.options === undefined ? {} : record(value.options, 'options')
  unknownKeys(options, ['firstRow'], 'options.')
  const { firstRow = 2 } = options
  if (!(Number.isSafeInteger(firstRow) && (firstRow as number) >= 2)) {
    bad('options.firstRow', 'a whole number ≥ 2 (the header is row 1)')
  }
  return { survey: surveyOf(value, maxRows), firstRow: firstRow as number }
}

/** The survey, every cell checked (`checkSurveyShape`) and its header row too (`checkHeaderRow`). */
function surveyOf(value: Record<string, unknown>, maxRows: number): Survey {
  const { header, rows, columns, mapping } = value
  if ((rows === undefined) === (columns === undefined)) {
    bad('rows', 'given, or else "columns" (or "states"), but only one of them')
  }
  rowLimit(rowCount(rows, columns), maxRows)
  checkSurveyShape(value)
  const survey = { header, rows, columns } as Survey
  if (mapping !== undefined) survey.mapping = mappingOf(mapping)
  checkHeaderRow(survey)
  return survey
}

/** Rows in either form; shapes the engine will refuse count as none. */
function rowCount(rows: unknown, columns: unknown): number {
  if (Array.isArray(rows)) return rows.length
  if (!Array.isArray(columns)) return 0
  const lengths = columns.map((column) => {
    const { values, codes } = (column ?? {}) as { values?: unknown; codes?: unknown }
    const cells = Array.isArray(values) ? values : codes
    return Array.isArray(cells) ? cells.length : 0
  })
  return Math.max(0, ...lengths)
}

function mappingOf(mapping: unknown): Mapping {
  const value = record(mapping, 'mapping')
  unknownKeys(value, ROLES, 'mapping.')
  for (const [role, header] of Object.entries(value)) {
    if (typeof header !== 'string') bad(`mapping.${role}`, 'a header text')
  }
  return value as Mapping
}

function optionsOf(options: unknown): ReportOptions {
  if (options === undefined) return {}
  const value = record(options, 'options')
  unknownKeys(value, OPTION_KEYS, 'options.')
  const { locale, minBase, order, tables } = value
  if (locale !== undefined && !LOCALES.includes(locale as Locale)) {
    bad('options.locale', LOCALES.join(', '))
  }
  if (minBase !== undefined && !(Number.isSafeInteger(minBase) && (minBase as number) > 0)) {
    bad('options.minBase', 'a positive integer')
  }
  if (order !== undefined && !ORDERS.includes(order as RatingOrder)) {
    bad('options.order', ORDERS.join(', '))
  }
  if (
    tables !== undefined &&
    !(Array.isArray(tables) && tables.every((id) => TABLE_IDS.includes(id as TableId)))
  ) {
    bad('options.tables', `table ids among ${TABLE_IDS.join(', ')}`)
  }
  return value as ReportOptions
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(field, 'an object')
  return value as Record<string, unknown>
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], prefix: string) {
  const unknown = Object.keys(value).find((key) => !known.includes(key))
  if (unknown !== undefined) bad(`${prefix}${unknown}`, `one of ${known.join(', ')}`)
}

function rowLimit(rows: number, maxRows: number) {
  if (rows > maxRows) {
    throw new ApiError(413, 'payload_too_large', `${rows} rows, over the limit of ${maxRows}`, {
      limit: maxRows,
      rows,
    })
  }
}

function bad(field: string, expected: string): never {
  throw new ApiError(400, 'bad_request', `"${field}" must be ${expected}`, { field })
}
