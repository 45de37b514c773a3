/**
 * @module An .xlsx sheet's values as `Range.getValues()` would give them, read from the cells
 * that hold values: a stray cell far out (a space at XFD1000000) costs nothing.
 */
import ExcelJS from 'exceljs'
import { type Cell, columnLetters, HEADER_SCAN_ROWS, NO_SAVED_VALUE } from '../engine/index'

export interface XlsxSheet {
  workbook: ExcelJS.Workbook
  /** The sheet's name. */
  sheet: string
  /** Its rows up to the last that holds a value, each as wide as the header rows. */
  rows: Cell[][]
  /** Cells with a value to the right of every header-row cell: no column reads them. */
  outside: { count: number; first?: string }
}

/** @throws {Error} naming the sheet asked for and the sheets there are */
export async function readXlsxFile(path: string, name?: string): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  const worksheet = name ? workbook.getWorksheet(name) : workbook.worksheets[0]
  if (!worksheet) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ')
    throw new Error(`${path}: no sheet "${name}"; sheets: ${names || '(none)'}`)
  }
  // Only rows and cells that exist are visited (never the sheet's nominal extent).
  const sparse: [row: number, cells: [column: number, value: Cell][]][] = []
  worksheet.eachRow((row, number) => {
    const cells: [number, Cell][] = []
    row.eachCell((cell, column) => {
      // A merged range's value is in its first cell only, as Sheets and a CSV export give it.
      if (cell.type === ExcelJS.ValueType.Merge) return
      const value = cellValue(cell.value)
      if (!isBlank(value)) cells.push([column - 1, value])
    })
    if (cells.length > 0) sparse.push([number - 1, cells])
  })
  // The header is among the first rows: a cell right of all of theirs has no column.
  let width = 0
  for (const [row, cells] of sparse) {
    if (row > HEADER_SCAN_ROWS) break
    for (const [column] of cells) width = Math.max(width, column + 1)
  }
  const outside: XlsxSheet['outside'] = { count: 0 }
  let height = 0
  for (const [row, cells] of sparse) {
    for (const [column] of cells) {
      if (column < width) height = row + 1
      else {
        outside.count++
        outside.first ??= `${columnLetters(column)}${row + 1}`
      }
    }
  }
  const blank: Cell[] = new Array(width).fill('')
  const rows: Cell[][] = new Array(height).fill(blank)
  for (const [row, cells] of sparse) {
    if (row >= height) break
    const values: Cell[] = new Array(width).fill('')
    for (const [column, value] of cells) if (column < width) values[column] = value
    rows[row] = values
  }
  return { workbook, sheet: worksheet.name, rows, outside }
}

const isBlank = (value: Cell) =>
  value === '' ||
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '')

/**
 * exceljs cell value → what `getValues()` would give. A formula gives its saved value; one
 * without (a file written by a program that does not compute formulas) gives the engine's
 * mark and its text (`#NO_VALUE! =B2*2`), listed as a data issue saying so; an error value
 * gives its text (#N/A).
 */
export function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value
  }
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const { result } = value as ExcelJS.CellFormulaValue
      if (result !== undefined && result !== null) return cellValue(result as ExcelJS.CellValue)
      const formula = (value as ExcelJS.CellFormulaValue).formula
      const text = formula
        ? `=${formula}`
        : `(the formula shared from ${(value as ExcelJS.CellSharedFormulaValue).sharedFormula})`
      return `${NO_SAVED_VALUE} ${text}`
    }
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('error' in value) return String(value.error)
    if ('text' in value) return cellValue(value.text as ExcelJS.CellValue)
  }
  return ''
}
