/**
 * @module The survey's shape in a body, checked cell by cell before the engine sees it: a
 * header or cell that is an object or an array is a 400 naming it, never the engine's 500.
 */
import { CELL_LIMIT } from '../engine/index'
import { ApiError } from './errors'

const CELL = 'text, a number, true/false or null'

/** Checks `header` and the `rows` or `columns` of a body. @throws {ApiError} 400 naming the field */
export function checkSurveyShape(
  { header, rows, columns }: Record<string, unknown>,
  prefix = '',
): void {
  function bad(field: string, expected: string): never {
    return fail(`${prefix}${field}`, expected)
  }
  if (!Array.isArray(header)) bad('header', 'an array of header cells')
  for (let c = 0; c < header.length; c++) {
    const cell = header[c]
    if (!isCell(cell)) bad(`header[${c}]`, `${CELL}, not ${kind(cell)}`)
    if (typeof cell === 'string' && cell.length > CELL_LIMIT) {
      bad(
        `header[${c}]`,
        `at most ${CELL_LIMIT.toLocaleString('en-US')} characters (a spreadsheet cell), not ${cell.length.toLocaleString('en-US')}`,
      )
    }
  }
  if (Array.isArray(rows)) {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]
      if (!Array.isArray(row)) bad(`rows[${r}]`, 'an array of cells')
      cells(row, (c) => `${prefix}rows[${r}][${c}]`)
    }
  } else if (rows !== undefined) bad('rows', 'an array of rows')
  if (Array.isArray(columns)) {
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c] as { values?: unknown; dict?: unknown; codes?: unknown } | null
      const field = `columns[${c}]`
      const form =
        typeof column !== 'object' || column === null || Array.isArray(column)
          ? undefined
          : Array.isArray(column.values) && column.dict === undefined && column.codes === undefined
            ? 'values'
            : Array.isArray(column.dict) && isCodes(column.codes) && column.values === undefined
              ? 'dict'
              : undefined
      if (form === undefined) bad(field, '{"values": [...]} or {"dict": [...], "codes": [...]}')
      if (form === 'values')
        cells(column?.values as unknown[], (i) => `${prefix}${field}.values[${i}]`)
      // Codes are checked by the engine, which reads them anyway.
      else cells(column?.dict as unknown[], (i) => `${prefix}${field}.dict[${i}]`)
    }
  } else if (columns !== undefined) bad('columns', 'an array with one entry per header cell')
}

function cells(values: readonly unknown[], field: (i: number) => string) {
  // A plain loop: this runs once per cell of the body.
  for (let i = 0; i < values.length; i++) {
    if (!isCell(values[i])) fail(field(i), `${CELL}, not ${kind(values[i])}`)
  }
}

/** Codes as JSON sends them, or as the binary body's typed arrays. */
const isCodes = (codes: unknown) =>
  Array.isArray(codes) ||
  codes instanceof Int8Array ||
  codes instanceof Int16Array ||
  codes instanceof Int32Array

const isCell = (value: unknown) =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean'

const kind = (value: unknown) =>
  Array.isArray(value) ? 'an array' : value === undefined ? 'missing' : `an ${typeof value}`

function fail(field: string, expected: string): never {
  throw new ApiError(400, 'bad_request', `"${field}" must be ${expected}`, { field })
}
