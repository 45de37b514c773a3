/** @module Partial states sent back by a client (DESIGN §6 fan-out), checked before they are merged. */
import { CHANNELS } from './cells'
import { GENDERS, LEVELS } from './decode'
import { SurveyError } from './errors'
import { DIMENSIONS, type Dimension, groupWidth, type PartialState, SEP } from './state'
import { ROLES } from './types'
import { ENGINE_VERSION } from './version'

/** Keys a dimension's groups may have; composite dimensions need one separator instead. */
const FIXED_KEYS: Partial<Record<Dimension, readonly string[]>> = {
  total: ['total'],
  channel: CHANNELS,
  level: LEVELS,
  gender: GENDERS,
  driverGroup: ['central', 'local', 'corp'],
}
const COMPOSITE: ReadonlySet<Dimension> = new Set([
  'serviceChannel',
  'serviceAgency',
  'regionLevel',
  'regionChannel',
])
/** Counts are integers or weights on the engine's 2^-20 grid; anything else cannot merge exactly. */
const GRID = 2 ** 20

/**
 * The `states` of a report request, each shaped as `aggregate` makes it, all from the same
 * header, mapping and engine version.
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
    if (!sameMapping(state.mapping, first.mapping)) {
      bad(`states[${i}].mapping`, 'the same mapping as states[0]')
    }
  })
  return states
}

function readState(value: unknown, at: string): PartialState {
  const state = record(value, at)
  if (state.format !== 'sapa.state.v1') bad(`${at}.format`, '"sapa.state.v1"')
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
  const mapping = record(state.mapping, `${at}.mapping`)
  for (const [role, text] of Object.entries(mapping)) {
    if (!(ROLES as readonly string[]).includes(role) || !header.includes(text as string)) {
      bad(`${at}.mapping.${role}`, 'a role mapped to one of the header texts')
    }
  }
  if (mapping.service === undefined || mapping.overall === undefined) {
    bad(`${at}.mapping`, 'a mapping with the service and overall columns')
  }
  if (typeof state.weighted !== 'boolean') bad(`${at}.weighted`, 'true or false')
  for (const field of ['rows', 'issueCount'] as const) {
    if (!isCount(state[field])) bad(`${at}.${field}`, 'a whole number ≥ 0')
  }
  if (!isCount(state.maxIssues)) bad(`${at}.maxIssues`, 'a whole number ≥ 0')
  readIssues(state.issues, `${at}.issues`, header.length, state.maxIssues as number)
  const groups = record(state.groups, `${at}.groups`)
  for (const dimension of DIMENSIONS) {
    readGroups(groups[dimension], dimension, `${at}.groups.${dimension}`)
  }
  const extra = Object.keys(groups).find((key) => !(DIMENSIONS as readonly string[]).includes(key))
  if (extra !== undefined) bad(`${at}.groups.${extra}`, `absent: dimensions are ${DIMENSIONS}`)
  return state as unknown as PartialState
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

function readGroups(value: unknown, dimension: Dimension, at: string) {
  const groups = record(value, at)
  const width = groupWidth(dimension)
  const keys = FIXED_KEYS[dimension]
  for (const [label, counts] of Object.entries(groups)) {
    const field = `${at}[${JSON.stringify(label)}]`
    if (keys && !keys.includes(label)) bad(field, `absent: ${dimension} groups are ${keys}`)
    if (COMPOSITE.has(dimension) && label.split(SEP).length !== 2) {
      bad(field, 'absent: a crossed group is named "<label>\\u001f<label>"')
    }
    if (label === '__proto__') bad(field, 'absent: no group may be named __proto__')
    if (!Array.isArray(counts) || counts.length !== width) bad(field, `an array of ${width} counts`)
    for (let k = 0; k < width; k++) {
      const x = counts[k]
      if (!(typeof x === 'number' && x >= 0 && Number.isInteger(x * GRID))) {
        bad(`${field}[${k}]`, 'a count ≥ 0 (whole, or a weight sum on the 2^-20 grid)')
      }
    }
  }
}

function sameMapping(a: object, b: object): boolean {
  const entries = (m: object) =>
    JSON.stringify(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : 1)))
  return entries(a) === entries(b)
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(field, 'an object')
  return value as Record<string, unknown>
}

function bad(field: string, expected: string): never {
  throw new SurveyError('bad_input', `"${field}" must be ${expected}`, { field })
}
