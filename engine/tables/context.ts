/** @module What every table builder reads: the merged state, the options, and small helpers. */
import { columnLabel } from '../labels'
import { base, type Distribution, effectiveBase } from '../measures'
import { AT, type Dimension, type PartialState, SEP } from '../state'
import type { Column, Locale, RatingOrder, Table, TableId, Value } from '../types'

export interface TableContext {
  state: PartialState
  locale: Locale
  minBase: number
  order: RatingOrder
}

export type Format = NonNullable<Column['format']>

/** Columns from [key, format] pairs, labelled in the report's locale. */
export function columns(locale: Locale, spec: [key: string, format: Format][]): Column[] {
  return spec.map(([key, format]) => ({ key, label: columnLabel(key, locale), format }))
}

export const overallOf = (counts: number[]): Distribution =>
  counts.slice(AT.overall, AT.overall + 5)
export const aspectOf = (counts: number[], a: number): Distribution =>
  counts.slice(AT.aspect(a), AT.aspect(a) + 5)

/** Base of the overall score. */
export const ratedOf = (counts: number[]) => base(overallOf(counts))

export function effectiveBaseOf(counts: number[]): number | null {
  return effectiveBase(ratedOf(counts), counts[AT.overallW2])
}

/** Share answering yes among those who answered barrier b. */
export function barrierShare(counts: number[], b: number): number | null {
  const answered = counts[AT.barrier(b) + 1]
  return answered > 0 ? counts[AT.barrier(b)] / answered : null
}

/** Numeric labels in numeric order (service codes 1..55), text by code point: stable everywhere. */
export function compareLabels(a: string, b: string): number {
  const x = Number(a)
  const y = Number(b)
  const numeric = a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)
  if (numeric && x !== y) return x - y
  if (numeric !== (Number.isFinite(x) && Number.isFinite(y))) return Number.isFinite(x) ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

export function sortedKeys(groups: Record<string, unknown>): string[] {
  return Object.keys(groups).sort(compareLabels)
}

/** Groups of a crossed dimension whose second key is `key`, by their first label. */
export function slice(state: PartialState, dimension: Dimension, key: string) {
  const out: Record<string, number[]> = {}
  for (const [label, counts] of Object.entries(state.groups[dimension])) {
    const at = label.lastIndexOf(SEP)
    if (label.slice(at + 1) === key) out[label.slice(0, at)] = counts
  }
  return out
}

/** Builds a table, recording why each null measure is null. */
export class TableBuilder {
  readonly rows: Record<string, Value>[] = []
  readonly reasons: Record<string, string> = {}
  total?: Record<string, Value>

  constructor(
    readonly id: TableId,
    readonly title: string,
    readonly columns: Column[],
  ) {}

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
    for (const [key, value] of Object.entries(row)) {
      if (value === null && key !== 'rank') this.reasons[`${at}.${key}`] = why(key)
    }
  }

  build(): Table {
    const table: Table = { id: this.id, title: this.title, columns: this.columns, rows: this.rows }
    if (this.total) table.total = this.total
    if (Object.keys(this.reasons).length > 0) table.reasons = this.reasons
    return table
  }
}
