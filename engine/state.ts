/**
 * @module The mergeable partial state: a survey's counts per cell, from which every table is a
 * roll-up. Chunks of a survey aggregate to states that merge, in any order, to exactly the
 * state of one pass (every sum is of whole counts or of weights rounded to fixed bits).
 */
import { type Counts, countColumns } from './count'
import { type DecodeOptions, decodeSurvey, type IssueAt, type Survey } from './decode'
import { SurveyError } from './errors'
import { layoutOf, peopleLayoutOf, STATE_FORMAT } from './layout'
import { rakeColumns, rakeRoles, rakeSample } from './rake-survey'
import { type Question, type Schema, sameSchema } from './schema'
import type { DataIssue, Mapping, RakeSample, WeightingOptions, WeightingSummary } from './types'
import { unite } from './unite'
import { ENGINE_VERSION } from './version'
import { ROLES } from './vocabulary'

/** Labels of the coded roles, in code order; a choice question's options likewise. */
export interface StateLabels {
  service: string[]
  agency: string[]
  region: string[]
  age: string[]
  choices: string[][]
}

/**
 * A survey's (or a chunk's) counts. Plain JSON: arrays of numbers and of labels, so any label
 * is safe (`__proto__`, `constructor`), and the fan-out posts states back as they came.
 */
export interface PartialState {
  format: typeof STATE_FORMAT
  engine: string
  /** The layout's fingerprint (`layoutOf(schema).fingerprint`). */
  layout: string
  schema: Schema
  header: string[]
  mapping: Mapping
  questions: Question[]
  weighted: boolean
  /** Respondents (rows with any answer), counted or left out. */
  rows: number
  issueCount: number
  /** The first `maxIssues` issues by (row, column). */
  issues: IssueAt[]
  maxIssues: number
  labels: StateLabels
  /** Per cell 5 codes (service, agency, region, channel, level; -1 none) and `layout.width` counts. */
  cells: { keys: number[]; counts: number[] }
  /** Per demographic cell 3 codes (service, age, gender) and the people layout's counts. */
  people: { keys: number[]; counts: number[] }
  /** Per choice question: (cell, option) pairs and their Σw. */
  choices: { keys: number[]; counts: number[] }[]
  /** Joint counts of the drivers' variable pairs, one block per driver slot. */
  drivers: number[]
  /** What raking did, when the weights were raked (the same in every chunk of a fan-out). */
  weighting?: WeightingSummary
}

export interface AggregateOptions extends DecodeOptions {
  /** Rake the weights to population margins before counting (DESIGN §4). */
  weighting?: WeightingOptions
}

/** Counts one chunk of rows. `firstRow` is the sheet row of its first data row. */
export function aggregate(survey: Survey, options: AggregateOptions = {}): PartialState {
  return countSurvey(survey, options, true)
}

/**
 * The state of a survey; with `plain` false its counts stay typed arrays, for a report built
 * at once (`report`), which skips making JSON arrays it would turn back into typed ones.
 */
export function countSurvey(
  survey: Survey,
  options: AggregateOptions,
  plain: boolean,
): PartialState {
  const columns = decodeSurvey(survey, options)
  const weighting = options.weighting
    ? rakeColumns(columns, options.weighting, options.firstRow)
    : undefined
  const state = stateOf(columns, countColumns(columns), options.maxIssues ?? 1000, plain)
  return weighting ? { ...state, weighting } : state
}

/**
 * The raking sample of a survey (or of one chunk; merge the chunks' with `mergeRakeSamples`
 * and pass the result as `weighting.sample` when aggregating each chunk).
 */
export function surveyRakeSample(
  survey: Survey,
  options: AggregateOptions & { weighting: WeightingOptions },
): RakeSample {
  const columns = decodeSurvey(survey, options)
  return rakeSample(columns, rakeRoles(options.weighting), options.firstRow)
}

export function stateOf(
  columns: ReturnType<typeof decodeSurvey>,
  counts: Counts,
  maxIssues: number,
  plain = true,
): PartialState {
  // Plain arrays: a state is JSON as it stands (typed arrays would stringify as objects).
  const array = (x: ArrayLike<number>) => (plain ? toArray(x) : (x as number[]))
  return {
    format: STATE_FORMAT,
    engine: ENGINE_VERSION,
    layout: layoutOf(columns.schema).fingerprint,
    schema: columns.schema,
    header: columns.header,
    mapping: columns.mapping,
    questions: columns.questions.map(({ columns: _, ...question }) => question),
    weighted: columns.weight !== null,
    rows: counts.rows,
    issueCount: columns.issueCount,
    issues: columns.issues,
    maxIssues,
    labels: {
      service: columns.service.labels,
      agency: columns.agency?.labels ?? [],
      region: columns.region?.labels ?? [],
      age: columns.age?.labels ?? [],
      choices: columns.choices.map((choice) => choice.labels),
    },
    cells: { keys: array(counts.cellKeys), counts: array(counts.cellCounts) },
    people: { keys: array(counts.peopleKeys), counts: array(counts.peopleCounts) },
    choices: counts.choices.map((c) => ({
      keys: array(c.keys),
      counts: array(c.counts),
    })),
    drivers: array(counts.drivers),
  }
}

/**
 * Merges two partial states. Associative and commutative in everything a report reads: every
 * sum is exact, labels are matched by text, issues are kept in (row, column) order.
 * @throws {SurveyError} `bad_input` when the states come from different headers, mappings,
 * questions or schemas (a different scale, other items)
 */
export function mergeStates(a: PartialState, b: PartialState): PartialState {
  for (const state of [a, b]) {
    if (state.format !== STATE_FORMAT) {
      throw new SurveyError('bad_input', `not a Sapa partial state (format ${STATE_FORMAT})`)
    }
  }
  if (JSON.stringify(a.header) !== JSON.stringify(b.header)) {
    throw new SurveyError('bad_input', 'partial states come from different headers')
  }
  const roles = differingRoles(a.mapping, b.mapping)
  if (roles.length > 0) {
    const [role] = roles
    throw new SurveyError(
      'bad_input',
      `partial states come from different mappings: ${role} is ${show(a.mapping[role])} in one and ${show(b.mapping[role])} in the other`,
    )
  }
  if (JSON.stringify(a.questions) !== JSON.stringify(b.questions)) {
    const keys = (state: PartialState) => state.questions.map((q) => `${q.key} (${q.type})`)
    throw new SurveyError(
      'bad_input',
      `partial states declare different questions: ${keys(a).join(', ') || 'none'} against ${keys(b).join(', ') || 'none'}`,
    )
  }
  if (!sameSchema(a.schema, b.schema) || a.layout !== b.layout) {
    throw new SurveyError(
      'bad_input',
      `partial states count different things (scale ${a.schema.scale.min}..${a.schema.scale.max} with ${describe(a.schema)}, against ${b.schema.scale.min}..${b.schema.scale.max} with ${describe(b.schema)}): aggregate every chunk with the same mapping, questions and scale`,
    )
  }
  const layout = layoutOf(a.schema)
  const people = peopleLayoutOf(a.schema)
  const service = unite(a.labels.service, b.labels.service)
  const agency = unite(a.labels.agency, b.labels.agency)
  const region = unite(a.labels.region, b.labels.region)
  const age = unite(a.labels.age, b.labels.age)
  const identity = (code: number) => code
  const cellCodes = [service.fromB, agency.fromB, region.fromB, identity, identity]
  const cells = new Table(5, layout.width)
  cells.addAll(a.cells.keys, a.cells.counts, [identity, identity, identity, identity, identity])
  const cellOfB = cells.addAll(b.cells.keys, b.cells.counts, cellCodes)
  const peopleTable = new Table(3, people.width)
  peopleTable.addAll(a.people.keys, a.people.counts, [identity, identity, identity])
  peopleTable.addAll(b.people.keys, b.people.counts, [service.fromB, age.fromB, identity])
  const choiceLabels: string[][] = []
  const choices = a.choices.map((ca, q) => {
    const options = unite(a.labels.choices[q], b.labels.choices[q])
    choiceLabels.push(options.labels)
    const table = new Table(2, 1)
    table.addAll(ca.keys, ca.counts, [identity, identity])
    const cb = b.choices[q]
    table.addAll(cb.keys, cb.counts, [(cell) => cellOfB[cell], options.fromB])
    return table.plain()
  })
  if (JSON.stringify(a.weighting) !== JSON.stringify(b.weighting)) {
    throw new SurveyError(
      'bad_input',
      "partial states were weighted differently: rake every chunk with the whole survey's sample",
    )
  }
  const drivers = a.drivers.map((x, k) => x + b.drivers[k])
  const maxIssues = Math.min(a.maxIssues, b.maxIssues)
  const issues = [...a.issues, ...b.issues]
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .slice(0, maxIssues)
  return {
    ...a,
    weighted: a.weighted || b.weighted,
    rows: a.rows + b.rows,
    issueCount: a.issueCount + b.issueCount,
    issues,
    maxIssues,
    labels: {
      service: service.labels,
      agency: agency.labels,
      region: region.labels,
      age: age.labels,
      choices: choiceLabels,
    },
    cells: cells.plain(),
    people: peopleTable.plain(),
    choices,
    drivers,
  }
}

/** The roles mapped differently (or in one only), in the roles' order. */
function differingRoles(a: Mapping, b: Mapping): (keyof Mapping)[] {
  return ROLES.filter((role) => a[role] !== b[role])
}

const show = (header: string | undefined) => (header === undefined ? 'not mapped' : `"${header}"`)

function describe(schema: Schema): string {
  const items = [
    ...schema.ratings,
    ...schema.yesno,
    ...schema.multi.map((q) => q.key),
    ...schema.choices,
  ]
  return items.length > 0 ? items.join(', ') : 'no items'
}

/** Rows of (key codes → counts), summed by key. */
class Table {
  private readonly index = new Map<string, number>()
  private readonly keys: number[] = []
  private readonly counts: number[] = []

  constructor(
    private readonly keyWidth: number,
    private readonly width: number,
  ) {}

  /** Adds entries whose codes go through `recode`; returns each entry's row in this table. */
  addAll(
    keys: ArrayLike<number>,
    counts: ArrayLike<number>,
    recode: ((code: number) => number)[],
  ): Int32Array {
    const entries = keys.length / this.keyWidth
    const rows = new Int32Array(entries)
    const key = new Array<number>(this.keyWidth)
    for (let e = 0; e < entries; e++) {
      for (let p = 0; p < this.keyWidth; p++) key[p] = recode[p](keys[e * this.keyWidth + p])
      const text = key.join(',')
      let row = this.index.get(text)
      if (row === undefined) {
        row = this.index.size
        this.index.set(text, row)
        this.keys.push(...key)
        for (let k = 0; k < this.width; k++) this.counts.push(0)
      }
      rows[e] = row
      const to = row * this.width
      const from = e * this.width
      for (let k = 0; k < this.width; k++) this.counts[to + k] += counts[from + k]
    }
    return rows
  }

  plain() {
    return { keys: this.keys, counts: this.counts }
  }
}

/** A plain array of a typed one: a loop, many times faster than Array.from's iteration. */
function toArray(x: ArrayLike<number>): number[] {
  const out = new Array<number>(x.length)
  for (let i = 0; i < x.length; i++) out[i] = x[i]
  return out
}

export function issuesOf(state: PartialState): DataIssue[] {
  return state.issues.map(([row, col, value, reason]) => ({
    row,
    column: state.header[col] ?? String(col + 1),
    value,
    reason,
  }))
}
