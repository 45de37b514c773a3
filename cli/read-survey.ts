/** @module Reads a survey file (.csv or .xlsx) into header + rows shaped like `Range.getValues()`. */
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Cell } from '../engine'

export interface SheetValues {
  header: Cell[]
  rows: Cell[][]
  /** The sheet read (xlsx), or the file name (csv). */
  sheet: string
}

/** A plain decimal number, as Sheets would have stored it; anything else stays text. */
const NUMBER = /^-?\d+(\.\d+)?$/

/** A survey file read: its values, and for .xlsx the whole workbook (for `sapa report --out`). */
export interface SurveyFile {
  values: SheetValues
  workbook?: ExcelJS.Workbook
}

export async function readSurvey(path: string, sheet?: string): Promise<SheetValues> {
  return (await readSurveyFile(path, sheet)).values
}

export async function readSurveyFile(path: string, sheet?: string): Promise<SurveyFile> {
  const extension = extname(path).toLowerCase()
  if (extension === '.csv') return { values: await readCsv(path) }
  if (extension === '.xlsx') return readXlsx(path, sheet)
  throw new Error(`${path}: unknown file type "${extension || '(none)'}"; use .xlsx or .csv`)
}

async function readCsv(path: string): Promise<SheetValues> {
  const text = await readFile(path, 'utf8')
  const records: string[][] = parse(text, { bom: true, relax_column_count: true })
  const [header = [], ...data] = records
  const rows = data.map((record) =>
    header.map((_, c) => {
      const value = record[c] ?? ''
      return NUMBER.test(value) ? Number(value) : value
    }),
  )
  return { header, rows, sheet: path }
}

async function readXlsx(path: string, name?: string): Promise<SurveyFile> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  const worksheet = name ? workbook.getWorksheet(name) : workbook.worksheets[0]
  if (!worksheet) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ')
    throw new Error(`${path}: no sheet "${name}"; sheets: ${names || '(none)'}`)
  }
  const width = worksheet.columnCount
  const values: Cell[][] = []
  worksheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = []
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value))
    values[number - 1] = cells
  })
  const [header = [], ...rows] = Array.from(values, (row) => row ?? new Array(width).fill(''))
  return { values: { header, rows, sheet: worksheet.name }, workbook }
}

/** exceljs cell value → what `getValues()` would give. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value
  }
  if (value instanceof Date) return value
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    if ('error' in value) return String(value.error)
  }
  return String(value)
}
