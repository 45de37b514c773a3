/** @module Partial states sent back by a client (DESIGN §6 fan-out), checked before they are merged. */
import { DRIVER_SLOTS } from './count'
import { declaredColumns } from './decode'
import { SurveyError } from './errors'
import { layoutOf, pairLayoutOf, peopleLayoutOf, STATE_FORMAT } from './layout'
import {
  checkQuestions,
  checkScale,
  type DeclaredQuestion,
  type Schema,
  sameSchema,
  schemaOf,
} from './schema'
import type { PartialState } from './state'
import type { Mapping } from './types'
import { ENGINE_VERSION } from './version'
import { CHANNELS, GENDERS, LEVELS, ROLES } from './vocabulary'
import { SUM_RANGE } from './weights'

/**
 * The `states` of a report request, each shaped as `aggregate` makes it, all from the same
 * header, mapping, questions and schema, and this engine's version.
 * @throws {SurveyError} `bad_input` naming the first bad field (`details.field`)
 */
export function readStates(value: unknown): PartialState[] {
  if (!Array.isArray(value) || value.length === 0) bad('states', 'a non-empty array of states')
  const states = value.map((state, i) => readState(state, `states[${i}]`))
  const [first] = states
  states.forEach((state, i) => {
    if (JSON.stringify(state.header) !== JSON.stringify(first.header)) {
      bad(`states[${i}].header`, 'the same header as states[0]')
    }
    if (!sameEntries(state.mapping, first.mapping)) {
      bad(`states[${i}].mapping`, 'the same mapping as states[0]')
    }
    if (!sameSchema(state.schema, first.schema)) {
      bad(`states[${i}].schema`, 'the same scale and items as states[0]')
    }
  })
  return states
}

/** One state, field by field. */
export function readState(value: unknown, at = 'state'): PartialState {
  const state = record(value, at)
  if (state.format !== STATE_FORMAT) {
    bad(`${at}.format`, `"${STATE_FORMAT}" (aggregate the chunk again with this Worker)`)
  }
  if (state.engine !== ENGINE_VERSION) {
    bad(
      `${at}.engine`,
      `"${ENGINE_VERSION}", the engine of this Worker (aggregate the chunk again)`,
    )
  }
  const header = state.header
  if (!Array.isArray(header) || !header.every((h) => typeof h === 'string')) {
    bad(`${at}.header`, 'an array of header texts')
  }
  const mapping = record(state.mapping, `${at}.mapping`) as Mapping
  for (const role of Object.keys(mapping)) {
    const text = (mapping as Record<string, unknown>)[role]
    if (!(ROLES as readonly string[]).includes(role) || !header.includes(text as string)) {
      bad(`${at}.mapping.${role}`, 'a role mapped to one of the header texts')
    }
  }
  if (mapping.service === undefined || mapping.overall === undefined) {
    bad(`${at}.mapping`, 'a mapping with the service and overall columns')
  }
  let questions: DeclaredQuestion[] = []
  try {
    questions = declaredColumns(header, checkQuestions(state.questions))
  } catch (error) {
    bad(`${at}.questions`, `declared questions (${(error as Error).message})`)
  }
  const schema = readSchema(state.schema, `${at}.schema`)
  if (!sameSchema(schema, schemaOf(schema.scale, mapping, questions, header))) {
    bad(`${at}.schema`, 'the schema of its mapping and questions')
  }
  const layout = layoutOf(schema)
  if (state.layout !== layout.fingerprint) bad(`${at}.layout`, `"${layout.fingerprint}"`)
  if (typeof state.weighted !== 'boolean') bad(`${at}.weighted`, 'true or false')
  for (const field of ['rows', 'issueCount', 'maxIssues'] as const) {
    if (!isCount(state[field])) bad(`${at}.${field}`, 'a whole number ≥ 0')
  }
  readIssues(state.issues, `${at}.issues`, header.length, state.maxIssues as number)
  const labels = record(state.labels, `${at}.labels`)
  const sizes: number[] = []
  for (const role of ['service', 'agency', 'region', 'age'] as const) {
    const list = labels[role]
    if (!isTexts(list)) bad(`${at}.labels.${role}`, 'an array of labels')
    sizes.push(list.length)
  }
  const choiceLabels = labels.choices
  if (
    !Array.isArray(choiceLabels) ||
    choiceLabels.length !== schema.choices.length ||
    !choiceLabels.every(isTexts)
  ) {
    bad(`${at}.labels.choices`, `${schema.choices.length} arrays of options`)
  }
  const cellLimits = [sizes[0], sizes[1], sizes[2], CHANNELS.length, LEVELS.length]
  const cells = readTable(state.cells, `${at}.cells`, cellLimits, layout.width)
  readTable(
    state.people,
    `${at}.people`,
    [sizes[0], sizes[3], GENDERS.length],
    peopleLayoutOf(schema).width,
  )
  const choices = state.choices
  if (!Array.isArray(choices) || choices.length !== schema.choices.length) {
    bad(`${at}.choices`, `${schema.choices.length} tables of answers`)
  }
  choices.forEach((choice, q) => {
    readTable(choice, `${at}.choices[${q}]`, [cells, (choiceLabels as string[][])[q].length], 1)
  })
  const drivers = state.drivers
  const width = DRIVER_SLOTS * pairLayoutOf(schema).width
  if (!Array.isArray(drivers) || drivers.length !== width || !drivers.every(isSum)) {
    bad(`${at}.drivers`, `${width} counts, each 0 or within ${SUM_RANGE.min}..${SUM_RANGE.max}`)
  }
  return state as unknown as PartialState
}

function readSchema(value: unknown, at: string): Schema {
  const schema = record(value, at)
  let scale: Schema['scale'] = { min: 1, max: 5 }
  try {
    scale = checkScale(schema.scale)
  } catch {
    bad(`${at}.scale`, '{"min": 0 or 1, "max": 5..10}')
  }
  for (const field of ['ratings', 'yesno', 'choices'] as const) {
    if (!isTexts(schema[field])) bad(`${at}.${field}`, 'an array of keys')
  }
  const multi = schema.multi
  if (
    !Array.isArray(multi) ||
    !multi.every(
      (q) => typeof q === 'object' && q !== null && typeof q.key === 'string' && isTexts(q.options),
    )
  ) {
    bad(`${at}.multi`, 'an array of {key, options}')
  }
  return { ...(schema as unknown as Schema), scale }
}

/** A table of entries: `keys` (one code per part, each -1 or below its limit) and their counts. */
function readTable(value: unknown, at: string, limits: number[], width: number): number {
  const table = record(value, at)
  const { keys, counts } = table
  if (!Array.isArray(keys) || keys.length % limits.length !== 0) {
    bad(`${at}.keys`, `an array of ${limits.length} codes per entry`)
  }
  const entries = keys.length / limits.length
  keys.forEach((code, k) => {
    const limit = limits[k % limits.length]
    if (!(Number.isSafeInteger(code) && code >= -1 && code < limit)) {
      bad(`${at}.keys[${k}]`, `-1 or a code below ${limit}`)
    }
  })
  if (!Array.isArray(counts) || counts.length !== entries * width || !counts.every(isSum)) {
    bad(
      `${at}.counts`,
      `${entries * width} counts, each 0 or within ${SUM_RANGE.min}..${SUM_RANGE.max}`,
    )
  }
  return entries
}

function readIssues(value: unknown, at: string, columns: number, maxIssues: number) {
  if (!Array.isArray(value) || value.length > maxIssues) {
    bad(at, `an array of at most maxIssues (${maxIssues}) issues`)
  }
  value.forEach((issue, i) => {
    const [row, col, text, reason] = Array.isArray(issue) ? issue : []
    const ok =
      Array.isArray(issue) &&
      issue.length === 4 &&
      isCount(row) &&
      isCount(col) &&
      col < columns &&
      typeof text === 'string' &&
      typeof reason === 'string'
    if (!ok) bad(`${at}[${i}]`, '[row, column index, value, reason]')
  })
}

function sameEntries(a: object, b: object): boolean {
  const entries = (m: object) =>
    JSON.stringify(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : 1)))
  return entries(a) === entries(b)
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0
// Zero, or within what weights in their range can sum to: beyond, a crafted state's squares
// and products would overflow or underflow in the measures.
const isSum = (x: unknown) =>
  typeof x === 'number' && (x === 0 || (x >= SUM_RANGE.min && x <= SUM_RANGE.max))
/** An array of texts (labels, keys), as a request or a state must carry them. */
export const isTexts = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((item) => typeof item === 'string')

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(field, 'an object')
  return value as Record<string, unknown>
}

function bad(field: string, expected: string): never {
  throw new SurveyError('bad_input', `"${field}" must be ${expected}`, { field })
}
