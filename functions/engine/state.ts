/** @module The mergeable partial state: weighted counts per group, from which every table is built. */
import { CHANNELS } from './cells'
import {
  type DecodeOptions,
  decodeSurvey,
  GENDERS,
  LEVELS,
  type Survey,
  type SurveyColumns,
} from './decode'
import { ASPECTS, BARRIERS, type DataIssue, type Mapping } from './types'
import { ENGINE_VERSION } from './version'

/**
 * Layout of one group's counts (weighted when the survey has weights):
 * n (respondents), overall n1..n5, Σw² of the rated, then n1..n5 per aspect, then
 * (yes, answered) per barrier.
 */
export const AT = {
  n: 0,
  overall: 1,
  overallW2: 6,
  aspect: (a: number) => 7 + a * 5,
  barrier: (b: number) => 7 + ASPECTS.length * 5 + b * 2,
} as const
export const STRIDE = 7 + ASPECTS.length * 5 + BARRIERS.length * 2
/** Joint counts of aspect × overall (5 × 5 per aspect) for the key-driver correlations. */
export const JOINT = ASPECTS.length * 25

/** Group dimensions. Composite keys join labels with SEP; channels, levels, genders use their keys. */
export const DIMENSIONS = [
  'total',
  'service',
  'agency',
  'region',
  'channel',
  'level',
  'age',
  'gender',
  'serviceChannel',
  'serviceAgency',
  'regionLevel',
  'regionChannel',
  'driverGroup',
] as const
export type Dimension = (typeof DIMENSIONS)[number]
const WITH_JOINT: ReadonlySet<Dimension> = new Set(['total', 'driverGroup'])
export const SEP = '\u001f'

/** label → counts (STRIDE numbers, + JOINT for the driver dimensions). */
export type Groups = Record<string, number[]>

export interface PartialState {
  format: 'sapa.state.v1'
  engine: string
  header: string[]
  mapping: Mapping
  weighted: boolean
  /** Respondents (non-blank rows). */
  rows: number
  issueCount: number
  /** The first `maxIssues` issues by (row, column). */
  issues: [row: number, col: number, value: string, reason: string][]
  maxIssues: number
  groups: Record<Dimension, Groups>
}

/** Counts one chunk of rows. `firstRow` is the sheet row of its first data row. */
export function aggregate(survey: Survey, options: DecodeOptions = {}): PartialState {
  return aggregateColumns(decodeSurvey(survey, options), options.maxIssues ?? 1000)
}

export function aggregateColumns(columns: SurveyColumns, maxIssues = 1000): PartialState {
  const groups = {} as Record<Dimension, Groups>
  for (const dimension of DIMENSIONS) {
    const { codes, labels } = groupCodes(columns, dimension)
    groups[dimension] = count(columns, codes, labels, WITH_JOINT.has(dimension))
  }
  let rows = 0
  for (let i = 0; i < columns.length; i++) rows += columns.present[i]
  return {
    format: 'sapa.state.v1',
    engine: ENGINE_VERSION,
    header: columns.header,
    mapping: columns.mapping,
    weighted: columns.weight !== null,
    rows,
    issueCount: columns.issueCount,
    issues: columns.issues,
    maxIssues,
    groups,
  }
}

/** Row → group code for one dimension (-1 = not in any group), with the groups' keys. */
function groupCodes(
  c: SurveyColumns,
  dimension: Dimension,
): { codes: Int32Array; labels: string[] } {
  const n = c.length
  const codes = new Int32Array(n).fill(-1)
  const plain = (coded: { codes: Int32Array; labels: string[] } | null) => {
    if (coded) codes.set(coded.codes)
    return { codes, labels: coded?.labels ?? [] }
  }
  const enumerated = (values: Uint8Array | null, keys: readonly string[]) => {
    if (values) for (let i = 0; i < n; i++) codes[i] = values[i] - 1
    return { codes, labels: [...keys] }
  }
  /** Cross of a coded column with an enumerated one. */
  const cross = (
    a: { codes: Int32Array; labels: string[] } | null,
    b: Uint8Array | null,
    keys: readonly string[],
  ) => {
    if (!a || !b) return { codes, labels: [] }
    const k = keys.length
    for (let i = 0; i < n; i++) {
      if (a.codes[i] >= 0 && b[i] > 0) codes[i] = a.codes[i] * k + b[i] - 1
    }
    return { codes, labels: a.labels.flatMap((label) => keys.map((key) => label + SEP + key)) }
  }
  switch (dimension) {
    case 'total':
      codes.fill(0)
      return { codes, labels: ['total'] }
    case 'service':
      return plain(c.service)
    case 'agency':
      return plain(c.agency)
    case 'region':
      return plain(c.region)
    case 'age':
      return plain(c.age)
    case 'channel':
      return enumerated(c.channel, CHANNELS)
    case 'level':
      return enumerated(c.level, LEVELS)
    case 'gender':
      return enumerated(c.gender, GENDERS)
    case 'serviceChannel':
      return cross(c.service, c.channel, CHANNELS)
    case 'regionLevel':
      return cross(c.region, c.level, LEVELS)
    case 'regionChannel':
      return cross(c.region, c.channel, CHANNELS)
    case 'serviceAgency': {
      if (!c.agency) return { codes, labels: [] }
      const k = c.agency.labels.length
      for (let i = 0; i < n; i++) {
        const a = c.agency.codes[i]
        if (c.service.codes[i] >= 0 && a >= 0) codes[i] = c.service.codes[i] * k + a
      }
      return {
        codes,
        labels: c.service.labels.flatMap((s) => c.agency?.labels.map((a) => s + SEP + a) ?? []),
      }
    }
    case 'driverGroup': {
      // The report's three groups: State Corporation, and central / local bodies' own delivery.
      const corp = CHANNELS.indexOf('corp') + 1
      for (let i = 0; i < n; i++) {
        if (c.channel && c.channel[i] === corp) codes[i] = 2
        else if (c.level && c.level[i] > 0) codes[i] = c.level[i] - 1
      }
      return { codes, labels: ['central', 'local', 'corp'] }
    }
  }
}

function count(c: SurveyColumns, codes: Int32Array, labels: string[], joint: boolean): Groups {
  const width = STRIDE + (joint ? JOINT : 0)
  const acc = new Float64Array(labels.length * width)
  const seen = new Uint8Array(labels.length)
  const { overall, weight, present } = c
  const aspects = c.aspects
  const barriers = c.barriers
  for (let i = 0; i < c.length; i++) {
    const g = codes[i]
    if (g < 0 || present[i] === 0) continue
    seen[g] = 1
    const w = weight ? weight[i] : 1
    if (w === 0) continue
    const base = g * width
    acc[base + AT.n] += w
    const o = overall[i]
    if (o > 0) {
      acc[base + o] += w
      acc[base + AT.overallW2] += weight ? quantizedSquare(w) : 1
    }
    for (let a = 0; a < aspects.length; a++) {
      const values = aspects[a]
      if (values === null) continue
      const v = values[i]
      if (v === 0) continue
      acc[base + 6 + a * 5 + v] += w
      if (joint && o > 0) acc[base + STRIDE + a * 25 + (v - 1) * 5 + (o - 1)] += w
    }
    for (let b = 0; b < barriers.length; b++) {
      const values = barriers[b]
      if (values === null) continue
      const v = values[i]
      if (v < 0) continue
      const at = base + AT.barrier(b)
      acc[at] += v * w
      acc[at + 1] += w
    }
  }
  const groups: Groups = {}
  for (let g = 0; g < labels.length; g++) {
    if (seen[g]) groups[labels[g]] = Array.from(acc.subarray(g * width, (g + 1) * width))
  }
  return groups
}

/** w² on the same grid as the weights, so Σw² is exact too. */
const quantizedSquare = (w: number) => Math.round(w * w * 2 ** 20) / 2 ** 20

/**
 * Merges two partial states. Associative and commutative: every sum is exact (integer
 * counts, or weights on a fixed grid), issues are kept in (row, column) order.
 * @throws {Error} when the states come from different headers or mappings
 */
export function mergeStates(a: PartialState, b: PartialState): PartialState {
  if (a.format !== 'sapa.state.v1' || b.format !== 'sapa.state.v1') {
    throw new Error('not a Sapa partial state (format sapa.state.v1)')
  }
  if (JSON.stringify(a.header) !== JSON.stringify(b.header)) {
    throw new Error('partial states come from different headers')
  }
  const groups = {} as Record<Dimension, Groups>
  for (const dimension of DIMENSIONS) {
    const merged: Groups = {}
    for (const source of [a.groups[dimension], b.groups[dimension]]) {
      for (const [key, counts] of Object.entries(source ?? {})) {
        const into = merged[key]
        merged[key] = into ? into.map((x, i) => x + counts[i]) : [...counts]
      }
    }
    groups[dimension] = merged
  }
  const maxIssues = Math.min(a.maxIssues, b.maxIssues)
  const issues = [...a.issues, ...b.issues]
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .slice(0, maxIssues)
  return {
    format: 'sapa.state.v1',
    engine: a.engine,
    header: a.header,
    mapping: a.mapping,
    weighted: a.weighted || b.weighted,
    rows: a.rows + b.rows,
    issueCount: a.issueCount + b.issueCount,
    issues,
    maxIssues,
    groups,
  }
}

export function issuesOf(state: PartialState): DataIssue[] {
  return state.issues.map(([row, col, value, reason]) => ({
    row,
    column: state.header[col] ?? String(col + 1),
    value,
    reason,
  }))
}
