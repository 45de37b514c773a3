/** @module The mergeable partial state: weighted counts per group, from which every table is built. */
import { CHANNELS } from './cells'
import {
  type DecodeOptions,
  decodeSurvey,
  GENDERS,
  LEVELS,
  quantizeSquare,
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
/** Numbers per group of a dimension: STRIDE, + JOINT for the driver dimensions. */
export const groupWidth = (dimension: Dimension) => STRIDE + (WITH_JOINT.has(dimension) ? JOINT : 0)
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
  const cells = countCells(columns)
  const groups = {} as Record<Dimension, Groups>
  for (const dimension of DIMENSIONS) {
    groups[dimension] =
      dimension === 'age' || dimension === 'gender'
        ? countRows(columns, dimension)
        : rollUp(cells, dimension)
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

/** The group keys a row belongs to, as codes into the decoded columns (-1 = missing). */
interface CellKeys {
  service: Int32Array
  agency: Int32Array
  region: Int32Array
  channel: Int32Array
  level: Int32Array
}

/**
 * Counts rows into cells of (service, agency, region, channel, level): every dimension but age
 * and gender is a union of such cells, so each row is touched once, not once per dimension.
 */
interface Cells {
  columns: SurveyColumns
  count: number
  keys: CellKeys
  acc: Float64Array
  /** Joint aspect × overall counts per driver group (central, local, corp, none). */
  joint: Float64Array
}

const WIDTH = STRIDE
const DRIVER_SLOTS = 4

function countCells(c: SurveyColumns): Cells {
  const n = c.length
  const parts: [codes: ArrayLike<number> | null, card: number, offset: number][] = [
    [c.service.codes, c.service.labels.length, 0],
    [c.agency?.codes ?? null, c.agency?.labels.length ?? 0, 0],
    [c.region?.codes ?? null, c.region?.labels.length ?? 0, 0],
    [c.channel, CHANNELS.length, -1],
    [c.level, LEVELS.length, -1],
  ]
  // Dense cell ids, built one key at a time so the combined key never overflows.
  let ids = new Int32Array(n)
  let card = 1
  for (const [codes, size, offset] of parts) {
    if (!codes) continue
    const next = new Int32Array(n)
    const space = card * (size + 1)
    // A flat table when the key space is small (the usual case), a Map otherwise.
    const table = space <= 1 << 22 ? new Int32Array(space).fill(-1) : null
    const seen = new Map<number, number>()
    let count = 0
    for (let i = 0; i < n; i++) {
      const key = ids[i] * (size + 1) + (codes[i] + offset + 1)
      let id = table ? table[key] : (seen.get(key) ?? -1)
      if (id < 0) {
        id = count++
        if (table) table[key] = id
        else seen.set(key, id)
      }
      next[i] = id
    }
    ids = next
    card = count
  }
  const keys: CellKeys = {
    service: new Int32Array(card).fill(-1),
    agency: new Int32Array(card).fill(-1),
    region: new Int32Array(card).fill(-1),
    channel: new Int32Array(card).fill(-1),
    level: new Int32Array(card).fill(-1),
  }
  const used = new Uint8Array(card)
  const acc = new Float64Array(card * WIDTH)
  const joint = new Float64Array(DRIVER_SLOTS * JOINT)
  const { overall, weight, present, aspects, barriers } = c
  const corp = CHANNELS.indexOf('corp') + 1
  for (let i = 0; i < n; i++) {
    if (present[i] === 0) continue
    const cell = ids[i]
    if (used[cell] === 0) {
      used[cell] = 1
      keys.service[cell] = c.service.codes[i]
      keys.agency[cell] = c.agency ? c.agency.codes[i] : -1
      keys.region[cell] = c.region ? c.region.codes[i] : -1
      keys.channel[cell] = c.channel ? c.channel[i] - 1 : -1
      keys.level[cell] = c.level ? c.level[i] - 1 : -1
    }
    const w = weight ? weight[i] : 1
    if (w === 0) continue
    const base = cell * WIDTH
    acc[base + AT.n] += w
    const o = overall[i]
    if (o > 0) {
      acc[base + o] += w
      acc[base + AT.overallW2] += weight ? quantizeSquare(w) : 1
    }
    const driver =
      c.channel && c.channel[i] === corp ? 2 : c.level && c.level[i] > 0 ? c.level[i] - 1 : 3
    for (let a = 0; a < aspects.length; a++) {
      const values = aspects[a]
      if (values === null) continue
      const v = values[i]
      if (v === 0) continue
      acc[base + 6 + a * 5 + v] += w
      if (o > 0) joint[driver * JOINT + a * 25 + (v - 1) * 5 + (o - 1)] += w
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
  // Cells only of blank rows never got keys: mark them so no dimension counts them.
  for (let cell = 0; cell < card; cell++) if (used[cell] === 0) keys.service[cell] = -2
  return { columns: c, count: card, keys, acc, joint }
}

/** A cell's group in one dimension (-1 = none), and each group's label. */
interface CellGroups {
  of: (cell: number) => number
  size: number
  label: (group: number) => string
}

function cellGroups(cells: Cells, dimension: Dimension): CellGroups {
  const { columns: c, keys } = cells
  const plain = (codes: Int32Array, labels: readonly string[]): CellGroups => ({
    of: (cell) => codes[cell],
    size: labels.length,
    label: (g) => labels[g],
  })
  const cross = (
    a: Int32Array,
    aLabels: readonly string[],
    b: Int32Array,
    bLabels: readonly string[],
  ): CellGroups => ({
    of: (cell) => (a[cell] >= 0 && b[cell] >= 0 ? a[cell] * bLabels.length + b[cell] : -1),
    size: aLabels.length * bLabels.length,
    label: (g) => aLabels[Math.floor(g / bLabels.length)] + SEP + bLabels[g % bLabels.length],
  })
  const agencies = c.agency?.labels ?? []
  const regions = c.region?.labels ?? []
  switch (dimension) {
    case 'total':
      return { of: () => 0, size: 1, label: () => 'total' }
    case 'service':
      return plain(keys.service, c.service.labels)
    case 'agency':
      return plain(keys.agency, agencies)
    case 'region':
      return plain(keys.region, regions)
    case 'channel':
      return plain(keys.channel, CHANNELS)
    case 'level':
      return plain(keys.level, LEVELS)
    case 'serviceChannel':
      return cross(keys.service, c.service.labels, keys.channel, CHANNELS)
    case 'serviceAgency':
      return cross(keys.service, c.service.labels, keys.agency, agencies)
    case 'regionLevel':
      return cross(keys.region, regions, keys.level, LEVELS)
    case 'regionChannel':
      return cross(keys.region, regions, keys.channel, CHANNELS)
    case 'driverGroup': {
      // The report's three groups: State Corporation, and central / local bodies' own delivery.
      const corp = CHANNELS.indexOf('corp')
      const labels = ['central', 'local', 'corp']
      return {
        of: (cell) => (keys.channel[cell] === corp ? 2 : keys.level[cell]),
        size: labels.length,
        label: (g) => labels[g],
      }
    }
    case 'age':
    case 'gender':
      throw new Error(`${dimension} is counted from rows`)
  }
}

function rollUp(cells: Cells, dimension: Dimension): Groups {
  const { of, size, label } = cellGroups(cells, dimension)
  const groupOf = new Int32Array(cells.count)
  const blank = cells.keys.service
  for (let cell = 0; cell < cells.count; cell++) groupOf[cell] = blank[cell] === -2 ? -1 : of(cell)
  const withJoint = WITH_JOINT.has(dimension)
  const width = STRIDE + (withJoint ? JOINT : 0)
  const acc = new Float64Array(size * width)
  const seen = new Uint8Array(size)
  sumCells(cells.acc, groupOf, acc, seen, width)
  if (withJoint) {
    // driverGroup g has slot g; the total has every slot.
    for (let g = 0; g < size; g++) {
      const slots = dimension === 'total' ? [0, 1, 2, 3] : [g]
      for (const slot of slots) {
        for (let k = 0; k < JOINT; k++) acc[g * width + STRIDE + k] += cells.joint[slot * JOINT + k]
      }
    }
  }
  return toGroups(acc, label, seen, width)
}

/** Adds each cell's counts into its group's: the hot loop, over typed arrays of one shape. */
function sumCells(
  source: Float64Array,
  groupOf: Int32Array,
  acc: Float64Array,
  seen: Uint8Array,
  width: number,
) {
  for (let cell = 0; cell < groupOf.length; cell++) {
    const g = groupOf[cell]
    if (g < 0) continue
    seen[g] = 1
    const from = cell * STRIDE
    const to = g * width
    for (let k = 0; k < STRIDE; k++) acc[to + k] += source[from + k]
  }
}

/** Age and gender cut across the cells; only their respondents and overall scores are needed. */
function countRows(c: SurveyColumns, dimension: 'age' | 'gender'): Groups {
  let codes: ArrayLike<number>
  let labels: string[]
  let offset = 0
  if (dimension === 'age') {
    codes = c.age?.codes ?? []
    labels = c.age?.labels ?? []
  } else {
    codes = c.gender ?? []
    labels = [...GENDERS]
    offset = -1
  }
  if (codes.length === 0) return {}
  const acc = new Float64Array(labels.length * STRIDE)
  const seen = new Uint8Array(labels.length)
  const { overall, weight, present } = c
  for (let i = 0; i < c.length; i++) {
    const g = codes[i] + offset
    if (g < 0 || present[i] === 0) continue
    seen[g] = 1
    const w = weight ? weight[i] : 1
    if (w === 0) continue
    const base = g * STRIDE
    acc[base + AT.n] += w
    const o = overall[i]
    if (o > 0) {
      acc[base + o] += w
      acc[base + AT.overallW2] += weight ? quantizeSquare(w) : 1
    }
  }
  return toGroups(acc, (g) => labels[g], seen, STRIDE)
}

function toGroups(
  acc: Float64Array,
  label: (group: number) => string,
  seen: Uint8Array,
  width: number,
): Groups {
  const groups: Groups = {}
  for (let g = 0; g < seen.length; g++) {
    if (!seen[g]) continue
    const counts = new Array<number>(width)
    for (let k = 0; k < width; k++) counts[k] = acc[g * width + k]
    groups[label(g)] = counts
  }
  return groups
}

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
