/// <reference types="google-apps-script" />
/** @module Range stand-ins: whole-grid reads and writes, as Sheets checks and parses them. */
import { FakeRichTextValue } from './builders'
import { copyOut } from './realm'
import { as, type CellState } from './shared'
import type { FakeSheet } from './sheet'

export class FakeRange
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Range,
      | 'getValues'
      | 'getDisplayValues'
      | 'setValues'
      | 'setValue'
      | 'setFormulas'
      | 'setNumberFormats'
      | 'setNumberFormat'
      | 'setNotes'
      | 'setFontWeights'
      | 'setFontWeight'
      | 'setFontColors'
      | 'setRichTextValues'
      | 'setWraps'
      | 'getA1Notation'
      | 'getNumRows'
      | 'getNumColumns'
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {}

  fakeSelf(): FakeRange {
    return this
  }

  private cells(): CellState[][] {
    return this.sheet.grid
      .slice(this.row - 1, this.row - 1 + this.rows)
      .map((row) => row.slice(this.column - 1, this.column - 1 + this.columns))
  }

  /** `set` for each cell and its datum, copied out of the add-on's realm unless `copy` is false. */
  private each<T>(data: T[][], set: (cell: CellState, value: T) => void, copy = true) {
    if (!Array.isArray(data) || data.length !== this.rows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data?.length} but the range has ${this.rows}.`,
      )
    }
    const cells = this.cells()
    data.forEach((row, r) => {
      if (row.length !== this.columns) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.columns}.`,
        )
      }
      row.forEach((value, c) => {
        set(cells[r][c], copy ? copyOut(value) : value)
      })
    })
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  getValues() {
    return this.sheet.env.realm().copyIn(this.cells().map((row) => row.map((cell) => cell.value)))
  }

  getDisplayValues() {
    return this.sheet.env
      .realm()
      .copyIn(this.cells().map((row) => row.map((cell) => display(cell.value))))
  }

  setValues(values: unknown[][]) {
    return this.each(values, (cell, value) => enter(cell, value))
  }

  setValue(value: unknown) {
    for (const row of this.cells()) for (const cell of row) enter(cell, value)
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  setFormulas(formulas: string[][]) {
    return this.each(formulas, (cell, formula) => {
      if (formula !== '' && !String(formula).startsWith('='))
        throw new Error(`Not a formula: ${formula}`)
      cell.formula = String(formula)
      cell.value = ''
    })
  }

  setNumberFormats(numberFormats: string[][]) {
    return this.each(numberFormats, (cell, format) => {
      cell.format = String(format)
    })
  }

  setNumberFormat(numberFormat: string) {
    for (const row of this.cells()) for (const cell of row) cell.format = numberFormat
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  setNotes(notes: (string | null)[][]) {
    return this.each(notes, (cell, note) => {
      cell.note = note ?? ''
    })
  }

  setFontWeights(fontWeights: (GoogleAppsScript.Spreadsheet.FontWeight | null)[][]) {
    return this.each(fontWeights, (cell, weight) => {
      if (weight !== 'bold' && weight !== 'normal' && weight !== null) {
        throw new Error(`Invalid font weight: ${String(weight)}`)
      }
      cell.weight = weight ?? 'normal'
    })
  }

  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null) {
    for (const row of this.cells()) for (const cell of row) cell.weight = fontWeight ?? 'normal'
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  setFontColors(colors: unknown[][]) {
    return this.each(colors, (cell, color) => {
      if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) {
        throw new Error(`Invalid color: ${String(color)}`)
      }
      cell.color = color
    })
  }

  /**
   * Rich Text values: the text exactly as given (never parsed as a formula or number) and its
   * link. Only whole-cell links are understood here, as the writer sets them.
   */
  setRichTextValues(values: GoogleAppsScript.Spreadsheet.RichTextValue[][]) {
    return this.each(
      values,
      (cell, value) => {
        if (!(value instanceof FakeRichTextValue)) {
          throw new Error(`Not a RichTextValue: ${String(value)}`)
        }
        cell.value = value.text
        cell.formula = ''
        cell.link = value.link ?? ''
      },
      false,
    )
  }

  setWraps(wraps: boolean[][]) {
    return this.each(wraps, (cell, wrap) => {
      if (typeof wrap !== 'boolean') throw new Error(`Invalid wrap: ${String(wrap)}`)
      cell.wrap = wrap
    })
  }

  getA1Notation() {
    const end = `${columnName(this.column + this.columns - 2)}${this.row + this.rows - 1}`
    return `${columnName(this.column - 1)}${this.row}:${end}`
  }

  getNumRows() {
    return this.rows
  }

  getNumColumns() {
    return this.columns
  }
}

/**
 * As Sheets takes an entered value. A leading apostrophe forces text and is not shown (Google's
 * documented way to type text). Otherwise, pessimistically, text starting with =, +, - or @ is
 * read as a formula even in a "@" (plain text) cell: that the format prevents it is not
 * documented. Numeric text in a "@" cell stays text; elsewhere it becomes a number.
 */
function enter(cell: CellState, value: unknown) {
  cell.formula = ''
  cell.link = ''
  if (typeof value === 'string') {
    if (value.startsWith("'")) {
      cell.value = value.slice(1)
      return
    }
    if (/^[=+\-@]/.test(value) && !/^-\d+(\.\d+)?$/.test(value)) {
      cell.formula = value.startsWith('=') ? value : `=${value}`
      cell.value = ''
      return
    }
    if (cell.format !== '@' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
      cell.value = Number(value)
      return
    }
  }
  if (value === null || value === undefined) cell.value = ''
  else if (['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date) {
    cell.value = value as CellState['value']
  } else throw new Error(`Cannot enter ${Object.prototype.toString.call(value)} into a cell`)
}

function display(value: CellState['value']): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

export class FakeRangeList implements Pick<GoogleAppsScript.Spreadsheet.RangeList, 'getRanges'> {
  constructor(private readonly ranges: FakeRange[]) {}

  getRanges() {
    return as<GoogleAppsScript.Spreadsheet.Range[]>([...this.ranges])
  }
}

/** "B2:D5" → 1-based row, column and size. */
export function parseA1(a1: string) {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1)
  if (!match) throw new Error(`Range not found: ${a1}`)
  const [, c1, r1, c2, r2] = match
  const column = columnIndex(c1)
  const row = Number(r1)
  return { row, column, rows: Number(r2) - row + 1, columns: columnIndex(c2) - column + 1 }
}

function columnIndex(name: string): number {
  return [...name].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
}

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}
