/** Reading a report's tables in the tests: a table by id, a row by some of its values. */
import { expect } from 'vitest'
import type { Report, Table, TableId, Value } from '../../engine/index'

export function table(r: Report, id: TableId): Table {
  const found = r.tables.find((t) => t.id === id)
  if (!found) throw new Error(`no ${id} table in the report`)
  return found
}

/** The first row whose values include all of `match`. */
export function row(t: Table, match: Record<string, Value>): Record<string, Value> {
  const found = t.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v))
  if (!found) throw new Error(`no row ${JSON.stringify(match)} in ${t.id}`)
  return found
}

/** Every row whose values include all of `match`. */
export function rows(t: Table, match: Record<string, Value>): Record<string, Value>[] {
  return t.rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v))
}

/** `actual` within `relative` of `expected`, as a share of it (absolute when `expected` is 0). */
export function expectClose(actual: Value | undefined, expected: number, relative = 1e-9): void {
  expect(typeof actual, `a number near ${expected}`).toBe('number')
  const error = Math.abs((actual as number) - expected) / (expected === 0 ? 1 : Math.abs(expected))
  expect(error, `${actual} against ${expected}`).toBeLessThanOrEqual(relative)
}
