/**
 * @module Raking a decoded survey (DESIGN §4): its respondents reduced to a raking sample
 * (categories of the raking roles × base weight), raked to the margins, and each respondent's
 * weight multiplied by its cell's factor before counting. A fan-out first merges the chunks'
 * samples, so that every chunk rakes to exactly the weights of one pass.
 */
import { parseAge, parseChannel, parseGender, parseLabel, parseLevel } from './cells'
import type { SurveyColumns } from './decode'
import { SurveyError } from './errors'
import type { RakeSample, WeightingOptions, WeightingSummary } from './types'
import { unite } from './unite'
import { CHANNELS, GENDERS, LEVELS, type Role } from './vocabulary'
import { rake } from './weighting/index'
import { isCountableWeight, quantizeWeight, WEIGHT_RANGE } from './weights'

/** The roles a survey can be raked on: its categorical columns. */
export const RAKE_ROLES = [
  'service',
  'agency',
  'region',
  'channel',
  'level',
  'age',
  'gender',
] as const satisfies readonly Role[]
type RakeRole = (typeof RAKE_ROLES)[number]

/** The raking roles of the margins, in the roles' order. */
export function rakeRoles(weighting: Pick<WeightingOptions, 'margins'>): RakeRole[] {
  const named = Object.keys(weighting.margins)
  for (const role of named) {
    if (!(RAKE_ROLES as readonly string[]).includes(role)) {
      throw new SurveyError(
        'bad_input',
        `Margins for "${role}": a survey is raked on ${RAKE_ROLES.join(', ')}`,
        { field: 'weighting.margins' },
      )
    }
  }
  if (named.length === 0) {
    throw new SurveyError('bad_input', 'Margins name no role to rake on', {
      field: 'weighting.margins',
    })
  }
  return RAKE_ROLES.filter((role) => named.includes(role))
}

/** Each row's category code per raking role (-1 missing) and the labels of the codes. */
function categoriesOf(columns: SurveyColumns, role: RakeRole) {
  switch (role) {
    case 'service':
      return columns.service
    case 'agency':
    case 'region':
    case 'age': {
      const coded = columns[role]
      if (!coded) throw noColumn(role)
      return coded
    }
    case 'channel':
    case 'level':
    case 'gender': {
      const codes = columns[role]
      if (!codes) throw noColumn(role)
      const keys = role === 'channel' ? CHANNELS : role === 'level' ? LEVELS : GENDERS
      return { codes, labels: [...keys] as string[] }
    }
  }
}

const noColumn = (role: string) =>
  new SurveyError('bad_input', `Margins for "${role}", but the survey has no ${role} column`, {
    field: 'weighting.margins',
  })

/**
 * A survey's raking sample: its counted respondents by category of each role and base weight.
 * With `cellOf`, each counted row's cell is written there (other rows are left as they are).
 * @throws {SurveyError} `bad_input` when respondents have no category in a raking role (their
 * number and the first row named): raking cannot place them, and none is dropped silently
 */
export function rakeSample(
  columns: SurveyColumns,
  roles: readonly RakeRole[],
  firstRow = 2,
  cellOf?: Int32Array,
): RakeSample {
  const parts = roles.map((role) => categoriesOf(columns, role))
  const cells = new SampleCells()
  const key = new Array<number>(roles.length + 1)
  for (let i = 0; i < columns.length; i++) {
    const w = columns.weight ? columns.weight[i] : 1
    if (columns.present[i] === 0 || !(w > 0)) continue
    for (let r = 0; r < parts.length; r++) {
      const code = parts[r].codes[i]
      if (code < 0) throw missingCategory(columns, roles[r], parts[r].codes, firstRow)
      key[r] = code
    }
    key[roles.length] = w
    const cell = cells.add(key, 1)
    if (cellOf) cellOf[i] = cell
  }
  return { roles: [...roles], categories: parts.map((p) => [...p.labels]), cells: cells.flat }
}

/** A raking sample's cells as they are built: one per distinct categories and weight. */
class SampleCells {
  /** Per cell its key (category codes, then the weight) and its count, flat. */
  readonly flat: number[] = []
  private readonly index = new Map<string, number>()

  /** Adds `count` respondents to the cell of `key`, making the cell when it is new; its index. */
  add(key: readonly number[], count: number): number {
    const text = key.join(',')
    let cell = this.index.get(text)
    if (cell === undefined) {
      cell = this.index.size
      this.index.set(text, cell)
      this.flat.push(...key, 0)
    }
    this.flat[(cell + 1) * (key.length + 1) - 1] += count
    return cell
  }
}

function missingCategory(
  columns: SurveyColumns,
  role: string,
  codes: ArrayLike<number>,
  firstRow: number,
): SurveyError {
  let count = 0
  let first = -1
  for (let i = 0; i < columns.length; i++) {
    const w = columns.weight ? columns.weight[i] : 1
    if (columns.present[i] === 0 || !(w > 0) || codes[i] >= 0) continue
    if (first < 0) first = i
    count++
  }
  return new SurveyError(
    'bad_input',
    `${count} respondent${count === 1 ? '' : 's'} (the first in row ${firstRow + first}) ${count === 1 ? 'has' : 'have'} no ${role}: raking on ${role} needs every respondent's ${role}; fill it in, or rake without ${role}`,
    { field: 'weighting.margins', role, count, row: firstRow + first },
  )
}

/**
 * Two chunks' samples as one: categories matched by label, cells by categories and weight.
 * @throws {SurveyError} `bad_input` when they rake on different roles
 */
export function mergeRakeSamples(a: RakeSample, b: RakeSample): RakeSample {
  if (JSON.stringify(a.roles) !== JSON.stringify(b.roles)) {
    throw new SurveyError('bad_input', 'raking samples of different roles cannot be merged')
  }
  const united = a.categories.map((labels, r) => unite(labels, b.categories[r]))
  const width = a.roles.length + 2
  const cells = new SampleCells()
  const add = (source: number[], map: (r: number, code: number) => number) => {
    for (let at = 0; at < source.length; at += width) {
      const key = source
        .slice(at, at + width - 1)
        .map((x, r) => (r < a.roles.length ? map(r, x) : x))
      cells.add(key, source[at + width - 1])
    }
  }
  add(a.cells, (_, code) => code)
  add(b.cells, (r, code) => united[r].fromB(code))
  return { roles: a.roles, categories: united.map((u) => u.labels), cells: cells.flat }
}

/**
 * Rakes the survey's weights to the margins, in place (a survey without a weight column gets
 * one), and says what raking did. With `weighting.sample` (the whole survey's, for a chunk of
 * a fan-out) raking runs on it, so every chunk gets the weights of one pass.
 * @throws {SurveyError} `bad_input` for margins that name an unknown role or category, leave
 * out one that has respondents, or respondents without a category (see `rakeSample`)
 */
export function rakeColumns(
  columns: SurveyColumns,
  weighting: WeightingOptions,
  firstRow = 2,
): WeightingSummary {
  const roles = rakeRoles(weighting)
  const ownCell = new Int32Array(columns.length).fill(-1)
  const own = rakeSample(columns, roles, firstRow, ownCell)
  const population = weighting.sample ?? own
  if (JSON.stringify(population.roles) !== JSON.stringify(roles)) {
    throw new SurveyError(
      'bad_input',
      `The raking sample is of ${population.roles.join(', ')}, the margins of ${roles.join(', ')}`,
      { field: 'weighting.sample' },
    )
  }
  const width = roles.length + 2
  const cells = []
  for (let at = 0; at < population.cells.length; at += width) {
    const weight = population.cells[at + roles.length]
    // A client's sample, like a survey's weight column, stays within the range the measures take.
    if (!isCountableWeight(weight)) {
      throw new SurveyError(
        'bad_input',
        `raking sample cell ${at / width + 1} has base weight ${weight}, not between ${WEIGHT_RANGE.min} and ${WEIGHT_RANGE.max}`,
        { field: 'weighting.sample' },
      )
    }
    cells.push({
      categories: population.cells.slice(at, at + roles.length),
      weight,
      count: population.cells[at + width - 1],
    })
  }
  const margins = new Map(
    roles.map((role) => [role, marginsOf(role, weighting.margins[role])] as const),
  )
  const { factors, summary } = rake({
    roles,
    categories: population.categories,
    cells,
    margins,
    trim: weighting.trim,
  })
  // Each of this survey's cells takes the factor of its cell in the population's sample (by
  // labels, as the codes of a chunk and of the merged sample differ); its rows take the cell's
  // weight. Looked up per cell, not per row: a million rows have a few hundred cells.
  const factorOf = new Map<string, number>()
  cells.forEach((cell, c) => {
    const labels = cell.categories.map((code, r) => population.categories[r][code])
    factorOf.set(JSON.stringify([...labels, cell.weight]), factors[c])
  })
  const ownLabels = (c: number) => roles.map((_, r) => own.categories[r][own.cells[c * width + r]])
  const ownCount = own.cells.length / width
  const cellWeight = new Array<number | undefined>(ownCount)
  for (let c = 0; c < ownCount; c++) {
    const w = own.cells[c * width + roles.length]
    const factor = factorOf.get(JSON.stringify([...ownLabels(c), w]))
    if (factor !== undefined) cellWeight[c] = quantizeWeight(w * factor)
  }
  const weight = columns.weight ?? new Float64Array(columns.length).fill(1)
  for (let i = 0; i < columns.length; i++) {
    const c = ownCell[i]
    if (c < 0) continue
    const cw = cellWeight[c]
    if (cw === undefined) {
      throw new SurveyError(
        'bad_input',
        `Row ${firstRow + i} is not in the raking sample given (${ownLabels(c).join(', ')}, weight ${weight[i]}): send the sample of the whole survey`,
        { field: 'weighting.sample' },
      )
    }
    weight[i] = cw
  }
  columns.weight = weight
  const mean = meanWeight(cells, factors)
  return {
    // In the roles' order, categories by text: the same whichever chunk saw a category first.
    margins: summary.margins.flatMap(({ role, categories }) =>
      categories
        .map((m) => ({
          role,
          category: m.category,
          target: m.target,
          achieved: m.achieved,
          sample: m.unweighted,
        }))
        .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)),
    ),
    iterations: summary.iterations,
    converged: summary.converged,
    maxError: summary.maxError,
    efficiency: summary.efficiency,
    designEffect: summary.designEffect,
    minWeight: summary.minWeight / mean,
    maxWeight: summary.maxWeight / mean,
    trimmed: summary.trimmed,
    outside: summary.outside,
  }
}

/** Mean final weight over respondents. */
function meanWeight(cells: { weight: number; count: number }[], factors: number[]): number {
  let sum = 0
  let n = 0
  cells.forEach((cell, c) => {
    sum += cell.weight * factors[c] * cell.count
    n += cell.count
  })
  return sum / n
}

/**
 * A role's margins with each category read as the survey's cells are (so «ЦОН», «corp» and
 * «Мемкорпорация» are one channel, «Әйел» and «female» one gender).
 * @throws {SurveyError} `bad_input` naming a category that is not one, or named twice
 */
function marginsOf(role: RakeRole, shares: Record<string, number>): Map<string, number> {
  const parse =
    role === 'channel'
      ? parseChannel
      : role === 'level'
        ? parseLevel
        : role === 'gender'
          ? parseGender
          : role === 'age'
            ? parseAge
            : parseLabel
  const keys: readonly string[] =
    role === 'channel' ? CHANNELS : role === 'level' ? LEVELS : role === 'gender' ? GENDERS : []
  const out = new Map<string, number>()
  for (const text of Object.keys(shares)) {
    // A vocabulary key (`corp`, `female`) as the summary reports it, or a spelling of one.
    const parsed = keys.includes(text) ? { ok: true as const, value: text } : parse(text)
    if (!parsed.ok) {
      throw new SurveyError(
        'bad_input',
        `Margins for ${role}: "${text}" is not a ${role} (${parsed.reason ?? 'blank'})`,
        { field: 'weighting.margins', role, category: text },
      )
    }
    const key = String(parsed.value)
    if (out.has(key)) {
      throw new SurveyError(
        'bad_input',
        `Margins for ${role} name "${key}" twice (as "${text}" and another spelling)`,
        { field: 'weighting.margins', role, category: text },
      )
    }
    out.set(key, shares[text])
  }
  return out
}
