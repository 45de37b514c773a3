/** @module What every table builder reads: the merged state as a cube, the options, small helpers. */
import type { Cube, Group, Query } from '../cube'
import { flat } from '../flat-text'
import { columnLabel } from '../labels'
import type { Layout } from '../layout'
import {
  lowShareAt as lowShare,
  meanAt,
  sumAt,
  topShareAt as topShare,
} from '../measures/distribution'
import { effectiveBase } from '../measures/index'
import type { Scale } from '../schema'
import type { PartialState } from '../state'
import type { Column, Correction, RatingOrder, Table, TableId, Value } from '../types'
import { categoryLabel, type Locale } from '../vocabulary'

export interface TableContext {
  state: PartialState
  cube: Cube
  locale: Locale
  minBase: number
  order: RatingOrder
  significance: { level: number; correction: Correction }
  /** Rated items left out of the drivers' model. */
  driversExclude: readonly string[]
  /** The previous wave, when one was given. */
  previous?: { state: PartialState; cube: Cube }
}

export type Format = NonNullable<Column['format']>

/** Columns from [key, format] pairs, labelled in the report's locale (or by `labels`). */
export function columns(
  locale: Locale,
  spec: [key: string, format: Format][],
  labels: ReadonlyMap<string, string> = new Map(),
): Column[] {
  return spec.map(([key, format]) => ({
    key,
    // Flat (flat-text.ts): some labels are joined from parts.
    label: flat(labels.get(key) ?? columnLabel(key, locale)),
    format,
  }))
}

/**
 * A group's counts read through the layout: the overall score's distribution and its measures,
 * each rated item's, each yes/no item's share. Every count a table uses is read here.
 */
export class Reader {
  readonly scale: Scale
  /** The score of each point: min, min + 1, …, max. */
  readonly values: number[]

  constructor(readonly layout: Layout) {
    this.scale = layout.schema.scale
    this.values = Array.from({ length: layout.points }, (_, k) => this.scale.min + k)
  }

  /** The overall score's weighted counts per point. */
  overall(v: Float64Array): Float64Array {
    const at = this.layout.overall
    return v.subarray(at, at + this.layout.points)
  }

  /** Σw² of the overall score per point. */
  overallSquares(v: Float64Array): Float64Array {
    const at = this.layout.overallW2
    return v.subarray(at, at + this.layout.points)
  }

  /** Rated item r's weighted counts per point (r indexes `schema.ratings`). */
  rating(v: Float64Array, r: number): Float64Array {
    const at = this.layout.ratings[r]
    return v.subarray(at, at + this.layout.points)
  }

  /** Σw of respondents (rows with any answer). */
  respondents(v: Float64Array): number {
    return v[this.layout.respondents]
  }

  /** Weighted base of the overall score. */
  rated(v: Float64Array): number {
    return sumAt(v, this.layout.overall, this.layout.points)
  }

  /** Respondents with a valid overall score, unweighted. */
  ratedCount(v: Float64Array): number {
    return v[this.layout.rated]
  }

  effectiveBase(v: Float64Array): number | null {
    const { overallW2, points } = this.layout
    return effectiveBase(this.rated(v), sumAt(v, overallW2, points))
  }

  // The overall score's measures read in place: no view is cut per call (a report asks for
  // thousands of them, and each view is an allocation).
  satisfaction = (v: Float64Array) => topShare(v, this.layout.overall, this.layout.points, 1)
  top2 = (v: Float64Array) => topShare(v, this.layout.overall, this.layout.points, 2)
  mean = (v: Float64Array) => meanAt(v, this.layout.overall, this.layout.points, this.scale.min)
  score10 = (v: Float64Array) => {
    const mean = this.mean(v)
    return mean === null ? null : (10 * mean) / this.scale.max
  }
  index100 = (v: Float64Array) => {
    const mean = this.mean(v)
    const { min, max } = this.scale
    return mean === null ? null : (100 * (mean - min)) / (max - min)
  }
  dissatisfied = (v: Float64Array) => lowShare(v, this.layout.overall, this.layout.points)

  /** Mean of rated item `key` (an aspect or a rating question); null when not in the schema. */
  itemMean(v: Float64Array, key: string): number | null {
    const r = this.layout.schema.ratings.indexOf(key)
    return r < 0 ? null : meanAt(v, this.layout.ratings[r], this.layout.points, this.scale.min)
  }

  /** Share of the two lowest points of rated item `key` (distrust when it is `trust`). */
  itemLow(v: Float64Array, key: string): number | null {
    const r = this.layout.schema.ratings.indexOf(key)
    return r < 0 ? null : lowShare(v, this.layout.ratings[r], this.layout.points)
  }

  /** Share answering yes among those who answered yes/no item `key`. */
  yesShare(v: Float64Array, key: string): number | null {
    const y = this.layout.schema.yesno.indexOf(key)
    if (y < 0) return null
    const at = this.layout.yesno[y]
    return v[at + 1] > 0 ? v[at] / v[at + 1] : null
  }

  /** Σw of those who answered yes/no item `key`. */
  yesAnswered(v: Float64Array, key: string): number {
    const y = this.layout.schema.yesno.indexOf(key)
    return y < 0 ? 0 : v[this.layout.yesno[y] + 1]
  }

  /** Multi question q: per option, the share of yes among those who answered it, and their Σw. */
  multi(v: Float64Array, q: number): { share: number | null; answered: number }[] {
    const at = this.layout.multi[q]
    return this.layout.schema.multi[q].options.map((_, k) => {
      const answered = v[at + 2 * k + 1]
      return { share: answered > 0 ? v[at + 2 * k] / answered : null, answered }
    })
  }
}

/**
 * Whether a group's (Kish) effective base is under the minimum. Weights are kept to 24
 * significant bits, so constant weights give an effective base within 1e-7 of N: a relative
 * tolerance of 1e-6 keeps 30 respondents of equal weight a base of 30.
 */
export function isSmallBase(effectiveBase: number | null, minBase: number): boolean {
  return (effectiveBase ?? 0) < minBase * (1 - 1e-6)
}

/**
 * b before a when b is larger, for sorting measures in descending order; measures within 1e-6
 * of each other (relative) tie, so that the next criterion decides. Weights kept to 24 bits
 * move a weighted ratio by up to about 1e-7: a tie in exact arithmetic stays a tie whatever
 * constant multiplies the weights.
 */
export function descending(a: number, b: number): number {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : b - a
}

/** Numeric labels in numeric order (service codes 1..55), text by code point: stable everywhere. */
export function compareLabels(a: string, b: string): number {
  if (a === b) return 0
  const x = numberOf(a)
  const y = numberOf(b)
  if (x !== null && y !== null && x !== y) return x - y
  if ((x === null) !== (y === null)) return x !== null ? -1 : 1
  return a < b ? -1 : 1
}

/** A label's number when it is one ("12", " 3 "); blank text is not. */
const numberOf = (label: string) => {
  // Most labels are words, and no finite number starts with a Latin or Cyrillic letter:
  // answered without `Number`, which would read the whole label to say so (sorts ask often).
  const first = label.charCodeAt(0)
  if (
    (first >= 0x41 && first <= 0x5a) ||
    (first >= 0x61 && first <= 0x7a) ||
    (first >= 0x400 && first <= 0x4ff)
  ) {
    return null
  }
  const x = Number(label)
  return label.trim() !== '' && Number.isFinite(x) ? x : null
}

/**
 * A roll-up's groups in the report's order: survey labels numerically then by text (a key's
 * last code is the group's), vocabulary keys in their own order.
 */
export function ordered(
  cube: Cube,
  groups: Map<string, Group>,
  dims: readonly ('service' | 'agency' | 'region' | 'channel' | 'level')[],
): Group[] {
  const ranks = dims.map((dim) =>
    dim === 'channel' || dim === 'level' ? null : ranksOf(cube, dim),
  )
  return [...groups.values()].sort((x, y) => {
    for (let d = 0; d < dims.length; d++) {
      const a = x.codes[d]
      const b = y.codes[d]
      if (a === b) continue
      const rank = ranks[d]
      const order = rank ? rank[a] - rank[b] : a - b
      if (order !== 0) return order
    }
    return 0
  })
}

/** Each cube's survey labels ranked by `compareLabels`, per dimension, made once. */
const RANKS = new WeakMap<Cube, Map<string, Int32Array>>()

/** The rank of each code's label in `compareLabels` order (equal labels, equal ranks). */
function ranksOf(cube: Cube, dim: 'service' | 'agency' | 'region'): Int32Array {
  let byDim = RANKS.get(cube)
  if (!byDim) {
    byDim = new Map()
    RANKS.set(cube, byDim)
  }
  const cached = byDim.get(dim)
  if (cached) return cached
  const labels = cube.state.labels[dim]
  const codes = labels.map((_, code) => code).sort((a, b) => compareLabels(labels[a], labels[b]))
  const ranks = new Int32Array(labels.length)
  codes.forEach((code, k) => {
    const previous = codes[k - 1]
    const tie = k > 0 && compareLabels(labels[previous], labels[code]) === 0
    ranks[code] = tie ? ranks[previous] : k
  })
  byDim.set(dim, ranks)
  return ranks
}

/**
 * A one-dimensional roll-up's groups in the report's order, each with its key (survey text, or
 * a vocabulary key such as `corp`) and its label for the sheets; the whole scope for no dimension.
 */
export function groupsOf({ cube, locale }: Pick<TableContext, 'cube' | 'locale'>, query: Query) {
  return ordered(cube, cube.rollUp(query), query.by).map(({ codes, counts }) => {
    if (query.by.length === 0) {
      return { group: 'total', label: categoryLabel('total', locale), codes, counts }
    }
    const dim = query.by[0]
    const text = cube.text(dim, codes[0])
    const derived = dim === 'channel' || dim === 'level'
    return { group: text, label: derived ? categoryLabel(text, locale) : text, codes, counts }
  })
}

/** Each groupType's roll-up: one meaning for a groupType name across the tables. */
export const GROUP_QUERIES = {
  total: { by: [] },
  service: { by: ['service'] },
  agency: { by: ['agency'] },
  region: { by: ['region'] },
  channel: { by: ['channel'] },
  centralAgency: { by: ['agency'], where: { level: 'central' } },
  agencyBody: { by: ['agency'], where: { channel: 'body' } },
  localRegion: { by: ['region'], where: { level: 'local' } },
  localRegionBody: { by: ['region'], where: { level: 'local', channel: 'body' } },
  corpRegion: { by: ['region'], where: { channel: 'corp' } },
  corpRegionCentral: { by: ['region'], where: { channel: 'corp', level: 'central' } },
  corpRegionLocal: { by: ['region'], where: { channel: 'corp', level: 'local' } },
  // The State Corporation's central and local services (the report's lines 734–736).
  corpLevel: { by: ['level'], where: { channel: 'corp' } },
} satisfies Record<string, Query>
export type GroupType = keyof typeof GROUP_QUERIES

/**
 * `row` made again in one go, its keys in the same order. V8 turns an object given more than a
 * dozen keys one by one (by computed name) into a hash table, and JSON.stringify leaves its
 * fast path for the whole answer at the first one it meets (see `TableBuilder.build`).
 */
export function packed(row: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(Object.entries(row))
}

/** Builds a table, recording why each null measure is null. */
export class TableBuilder {
  readonly rows: Record<string, Value>[] = []
  /** Why a value is null, by `"<row>.<key>"`: a Map while the table is built (see `build`). */
  private readonly reasons = new Map<string, string>()
  private blank?: Record<string, Value>
  readonly notes: string[] = []
  total?: Record<string, Value>

  constructor(
    readonly id: TableId,
    readonly title: string,
    readonly columns: Column[],
  ) {}

  /**
   * A row with the table's column keys, in order, all null, to be filled in by key: a copy of
   * one object made in one go, so that filling it changes values, never its shape (`packed`).
   */
  row(): Record<string, Value> {
    this.blank ??= Object.fromEntries(this.columns.map((column) => [column.key, null]))
    return { ...this.blank }
  }

  add(row: Record<string, Value>, why?: (key: string) => string) {
    this.note(String(this.rows.length), row, why)
    this.rows.push(row)
  }

  setTotal(row: Record<string, Value>, why?: (key: string) => string) {
    this.note('total', row, why)
    this.total = row
  }

  private note(at: string, row: Record<string, Value>, why?: (key: string) => string) {
    if (!why) return
    for (const key in row) {
      if (row[key] !== null || key === 'rank' || key === 'service') continue
      const reason = why(key)
      if (reason) this.reasons.set(`${at}.${key}`, reason)
    }
  }

  /** Records why row `at`'s `key` is null (a test that could not run, say). */
  explain(at: number, key: string, reason: string) {
    this.reasons.set(`${at}.${key}`, reason)
  }

  /**
   * Fills the reasons of null measures no `add` or `explain` has given, from `why` (for
   * rows whose values were set after they were added, such as significance signs).
   */
  explainRest(why: (key: string) => string) {
    this.rows.forEach((row, i) => {
      for (const key in row) {
        if (row[key] !== null || key === 'rank' || key === 'service') continue
        if (!this.reasons.has(`${i}.${key}`)) this.reasons.set(`${i}.${key}`, why(key))
      }
    })
  }

  /**
   * The table, laid out for JSON.stringify's fast path, which the whole answer leaves at the
   * first object or text it cannot take (workerd: 1.2 ms for the sample's answer, 0.5 on it):
   * its own texts are made flat (flat-text.ts; the columns' by `columns`), and the reasons
   * become an object in one go, since an object given more than a dozen keys one by one turns
   * into a hash table.
   */
  build(): Table {
    const { id, title, columns, rows } = this
    const table: Table = { id, title: flat(title), columns, rows }
    if (this.total) table.total = this.total
    if (this.reasons.size > 0) {
      // Most reasons are one of a few texts: each is copied flat once.
      const flats = new Map<string, string>()
      table.reasons = Object.fromEntries(
        Array.from(this.reasons, ([key, reason]) => {
          let text = flats.get(reason)
          if (text === undefined) {
            text = flat(reason)
            flats.set(reason, text)
          }
          return [key, text]
        }),
      )
    }
    if (this.notes.length > 0) table.notes = this.notes.map(flat)
    return table
  }
}
