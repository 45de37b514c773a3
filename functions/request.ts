/** @module The body of `POST /v1/report` checked into the engine's Survey and options. */
import type { PartialState, Survey } from '../engine/index'
import {
  CORRECTIONS,
  type Correction,
  checkQuestions,
  checkScale,
  isSignificanceLevel,
  isTexts,
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

const SURVEY_KEYS = ['header', 'rows', 'columns', 'mapping', 'questions']
const BODY_KEYS = [...SURVEY_KEYS, 'options', 'previous']
/** A chunk's body for `/v1/aggregate`: a survey and its options, no previous wave. */
const CHUNK_KEYS = [...SURVEY_KEYS, 'options']
const STATES_KEYS = ['states', 'options', 'previous']
const OPTION_KEYS = [
  'locale',
  'minBase',
  'order',
  'tables',
  'scale',
  'significance',
  'drivers',
  'weighting',
]

/** A survey, or the partial states of its chunks (fan-out). */
export type SurveyOrStates =
  | { survey: Survey; states?: undefined }
  | { survey?: undefined; states: PartialState[] }

/** A survey to score, or the states of its chunks to merge and score, and maybe a previous wave. */
export type ReportRequest = SurveyOrStates & {
  options: ReportOptions
  previous?: SurveyOrStates
  /** Whether the answer carries the Sheets API plan (`options.plan`). */
  plan: boolean
}

export interface AggregateRequest {
  survey: Survey
  /** Sheet row of the chunk's first data row, so data issues name the right rows. */
  firstRow: number
  options: Pick<ReportOptions, 'scale' | 'weighting'>
}

/**
 * The survey in either form of DESIGN §6 (`rows`, or compact `columns`) passed through to
 * the engine, which checks its shape (400 `bad_request`); here the options, the mapping's
 * roles and the row limit (413). Or `states` from `/v1/aggregate`, checked field by field.
 * A 400 names the bad field in `details.field`.
 */
export function readReportRequest(body: unknown, maxRows: number): ReportRequest {
  const value = record(body, 'body')
  const { options, plan } = optionsOf(value.options)
  const previous = value.previous === undefined ? undefined : previousOf(value.previous, maxRows)
  if (value.states !== undefined) {
    unknownKeys(value, STATES_KEYS, '')
    return { states: readStates(value.states), options, previous, plan }
  }
  unknownKeys(value, BODY_KEYS, '')
  return { survey: surveyOf(value, maxRows), options, previous, plan }
}

/** The previous wave (DESIGN §6 `previous`): a survey in the same forms, or its states. */
function previousOf(value: unknown, maxRows: number): SurveyOrStates {
  const previous = record(value, 'previous')
  if (previous.states !== undefined) {
    unknownKeys(previous, ['states'], 'previous.')
    return { states: readStates(previous.states) }
  }
  unknownKeys(previous, SURVEY_KEYS, 'previous.')
  return { survey: surveyOf(previous, maxRows, 'previous.') }
}

/** The body of `POST /v1/aggregate`: one chunk of a survey, `options.firstRow` its first sheet row. */
export function readAggregateRequest(body: unknown, maxRows: number): AggregateRequest {
  const value = record(body, 'body')
  unknownKeys(value, CHUNK_KEYS, '')
  const options = value.options === undefined ? {} : record(value.options, 'options')
  unknownKeys(options, ['firstRow', 'scale', 'weighting'], 'options.')
  const { firstRow = 2, scale, weighting } = options
  if (!(Number.isSafeInteger(firstRow) && (firstRow as number) >= 2)) {
    bad('options.firstRow', 'a whole number ≥ 2 (the header is row 1)')
  }
  return {
    survey: surveyOf(value, maxRows),
    firstRow: firstRow as number,
    options: {
      scale: scaleOf(scale),
      weighting: weighting === undefined ? undefined : weightingOf(weighting),
    },
  }
}

/** The survey, every cell checked (`checkSurveyShape`) and its header row too (`checkHeaderRow`). */
function surveyOf(value: Record<string, unknown>, maxRows: number, prefix = ''): Survey {
  const { header, rows, columns, mapping, questions } = value
  if ((rows === undefined) === (columns === undefined)) {
    bad(`${prefix}rows`, 'given, or else "columns" (or "states"), but only one of them')
  }
  rowLimit(rowCount(rows, columns), maxRows)
  checkSurveyShape(value, prefix)
  const survey = { header, rows, columns } as Survey
  if (mapping !== undefined) survey.mapping = mappingOf(mapping, prefix)
  if (questions !== undefined) survey.questions = checkQuestions(questions)
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
    return Array.isArray(cells) || ArrayBuffer.isView(cells)
      ? (cells as ArrayLike<unknown>).length
      : 0
  })
  return Math.max(0, ...lengths)
}

function mappingOf(mapping: unknown, prefix = ''): Mapping {
  const value = record(mapping, `${prefix}mapping`)
  unknownKeys(value, ROLES, `${prefix}mapping.`)
  for (const [role, header] of Object.entries(value)) {
    if (typeof header !== 'string') bad(`${prefix}mapping.${role}`, 'a header text')
  }
  return value as Mapping
}

/** The report options, and whether the answer carries the Sheets API plan (`options.plan`). */
function optionsOf(given: unknown): { options: ReportOptions; plan: boolean } {
  if (given === undefined) return { options: {}, plan: false }
  let value = record(given, 'options')
  let plan = false
  if ('plan' in value) {
    const { plan: wanted, ...rest } = value
    if (typeof wanted !== 'boolean') bad('options.plan', 'true or false')
    plan = wanted as boolean
    value = rest
  }
  unknownKeys(value, OPTION_KEYS, 'options.')
  const { locale, minBase, order, tables, scale, significance, drivers, weighting } = value
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
  const checked = value as ReportOptions
  checked.scale = scaleOf(scale)
  if (significance !== undefined) {
    const sig = record(significance, 'options.significance')
    unknownKeys(sig, ['level', 'correction'], 'options.significance.')
    if (sig.level !== undefined && !isSignificanceLevel(sig.level)) {
      bad('options.significance.level', 'a number between 0 and 0.5 (0.05 for 95 %)')
    }
    if (sig.correction !== undefined && !CORRECTIONS.includes(sig.correction as Correction)) {
      bad('options.significance.correction', CORRECTIONS.join(', '))
    }
  }
  if (drivers !== undefined) {
    const d = record(drivers, 'options.drivers')
    unknownKeys(d, ['exclude'], 'options.drivers.')
    if (
      d.exclude !== undefined &&
      !(Array.isArray(d.exclude) && d.exclude.every((k) => typeof k === 'string'))
    ) {
      bad('options.drivers.exclude', 'a list of rated items\' keys, such as ["trust"]')
    }
  }
  if (weighting !== undefined) checked.weighting = weightingOf(weighting)
  return { options: checked, plan }
}

/** The scale, checked by the engine's rule; undefined stays undefined (1..5). */
function scaleOf(scale: unknown): ReportOptions['scale'] {
  if (scale === undefined) return undefined
  try {
    return checkScale(scale)
  } catch (error) {
    return bad('options.scale', `{"min": 0 or 1, "max": 5..10} (${(error as Error).message})`)
  }
}

/** Raking margins: role → category → share, and optional trimming bounds. */
function weightingOf(value: unknown): NonNullable<ReportOptions['weighting']> {
  const weighting = record(value, 'options.weighting')
  unknownKeys(weighting, ['margins', 'trim', 'sample'], 'options.weighting.')
  const margins = record(weighting.margins, 'options.weighting.margins')
  for (const role of Object.keys(margins)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      bad(`options.weighting.margins.${role}`, `a role among ${ROLES.join(', ')}`)
    }
    const shares = record(margins[role], `options.weighting.margins.${role}`)
    for (const category of Object.keys(shares)) {
      const share = shares[category]
      if (!(typeof share === 'number' && Number.isFinite(share) && share >= 0)) {
        bad(`options.weighting.margins.${role}[${JSON.stringify(category)}]`, 'a share ≥ 0')
      }
    }
  }
  if (weighting.trim !== undefined) {
    const trim = record(weighting.trim, 'options.weighting.trim')
    unknownKeys(trim, ['min', 'max'], 'options.weighting.trim.')
    for (const bound of ['min', 'max'] as const) {
      const x = trim[bound]
      if (x !== undefined && !(typeof x === 'number' && Number.isFinite(x) && x > 0)) {
        bad(`options.weighting.trim.${bound}`, 'a positive multiple of the mean weight')
      }
    }
  }
  if (weighting.sample !== undefined) sampleOf(weighting.sample)
  return weighting as unknown as NonNullable<ReportOptions['weighting']>
}

/**
 * A fan-out's raking sample, as `/v1/rake-sample` answers it, checked for its shape; the engine
 * checks its codes, weights and counts against the margins.
 */
function sampleOf(value: unknown) {
  const sample = record(value, 'options.weighting.sample')
  unknownKeys(sample, ['roles', 'categories', 'cells'], 'options.weighting.sample.')
  const { roles, categories, cells } = sample
  if (!isTexts(roles)) bad('options.weighting.sample.roles', 'an array of roles')
  if (
    !Array.isArray(categories) ||
    categories.length !== roles.length ||
    !categories.every(isTexts)
  ) {
    bad(
      'options.weighting.sample.categories',
      `one array of category labels per role (${roles.length})`,
    )
  }
  const width = roles.length + 2
  if (
    !Array.isArray(cells) ||
    cells.length % width !== 0 ||
    !cells.every((x) => typeof x === 'number' && Number.isFinite(x))
  ) {
    bad('options.weighting.sample.cells', `an array of numbers, ${width} per cell`)
  }
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
