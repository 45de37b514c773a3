/** @module Custom-function arguments: ranges (1-D, 2-D or one cell) read cell by cell. */

import {
  type Cell,
  cellText,
  type Parsed,
  parseWeight,
  quantizeWeight,
} from '../../../engine/index'

/** What Sheets passes: a 2-D array for a range, the value itself for a single cell. */
export type RangeArg = Cell | Cell[][]

/** A range's cells in reading order (row by row) with their 1-based position. */
export interface Cells {
  values: Cell[]
  rows: number
  columns: number
  /** `what` names the argument in error messages: "the range", "trust", … */
  what: string
}

export function cellsOf(arg: RangeArg, what: string): Cells {
  const grid: Cell[][] = Array.isArray(arg)
    ? arg.map((row) => (Array.isArray(row) ? row : [row]))
    : [[arg]]
  const columns = Math.max(0, ...grid.map((row) => row.length))
  return { values: grid.flat(), rows: grid.length, columns, what }
}

/** The error a bad cell gives: its value, where it is, and why. */
export function cellError(cells: Cells, index: number, reason: string): Error {
  const row = Math.floor(index / Math.max(1, cells.columns)) + 1
  const column = (index % Math.max(1, cells.columns)) + 1
  const text = cellText(cells.values[index])
  return new Error(`"${text}" at row ${row}, column ${column} of ${cells.what}: ${reason}`)
}

/**
 * Each cell from index `from` on, parsed: its value, or null when blank or «hard to say»;
 * a bad cell throws, naming its position in the whole range.
 */
export function parseCells<T>(
  cells: Cells,
  parse: (cell: Cell) => Parsed<T>,
  from = 0,
): (T | null)[] {
  const out: (T | null)[] = []
  for (let index = from; index < cells.values.length; index++) {
    const parsed = parse(cells.values[index])
    if (parsed.ok) out.push(parsed.value)
    else if (parsed.reason === null) out.push(null)
    else throw cellError(cells, index, parsed.reason)
  }
  return out
}

/**
 * Weights for each cell of `of` (1 each when none are given). A blank weight leaves its
 * respondent out, as the engine does; any other bad weight throws.
 */
export function weightsFor(arg: RangeArg | undefined, of: Cells): number[] {
  if (arg === undefined || arg === null || arg === '') return of.values.map(() => 1)
  const cells = cellsOf(arg, 'weights')
  if (cells.rows !== of.rows || cells.columns !== of.columns) {
    throw new Error(
      `weights must be the same size as ${of.what} (${of.rows}×${of.columns}), not ${cells.rows}×${cells.columns}`,
    )
  }
  return cells.values.map((cell, index) => {
    if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) {
      return 0
    }
    const parsed = parseWeight(cell)
    if (!parsed.ok) throw cellError(cells, index, parsed.reason ?? 'not a weight')
    return quantizeWeight(parsed.value)
  })
}

/** Two arguments must pair cell by cell. */
export function sameLength(a: Cells, b: Cells): void {
  if (a.values.length !== b.values.length) {
    throw new Error(
      `${b.what} must have as many cells as ${a.what} (${a.values.length}), not ${b.values.length}`,
    )
  }
}
