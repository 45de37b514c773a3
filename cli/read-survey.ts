/** @module Reads a survey file (.csv or .xlsx) into header + rows shaped like `Range.getValues()`. */
import { extname } from 'node:path'
import type ExcelJS from 'exceljs'
import { type Cell, columnLetters, HEADER_SCAN_ROWS } from '../engine/index'
import { type CsvFile, readCsvFile } from './read-csv'
import { readXlsxFile, type XlsxSheet } from './read-xlsx'

/** A sheet's first row and the rows under it, as `Range.getValues()` gives them. */
export interface SheetValues {
  header: Cell[]
  rows: Cell[][]
  /** The sheet read (xlsx), or the file name (csv). */
  sheet: string
}

/** A survey file read: its values, and for .xlsx the whole workbook (for `sapa report --out`). */
export interface SurveyFile {
  values: SheetValues
  workbook?: ExcelJS.Workbook
  /** How a CSV file was written: its encoding and delimiter. */
  csv?: Omit<CsvFile, 'records'>
  /** What the reader passed over, told in the summary (cells no column reads). */
  notes: string[]
}

export async function readSurvey(path: string, sheet?: string): Promise<SheetValues> {
  return (await readSurveyFile(path, sheet)).values
}

export async function readSurveyFile(path: string, sheet?: string): Promise<SurveyFile> {
  const extension = extname(path).toLowerCase()
  if (extension === '.csv') {
    const { records, ...csv } = await readCsvFile(path)
    // Every cell stays text: only the engine reads numbers, and only in score and weight
    // columns (service codes «1.1» and «1.10», «01» and «1» stay apart).
    const { rows, outside } = csvGrid(records)
    const [header = [], ...data] = rows
    return { values: { header, rows: data, sheet: path }, csv, notes: outsideNote(outside) }
  }
  if (extension === '.xlsx') {
    const { workbook, sheet: name, rows, outside } = await readXlsxFile(path, sheet)
    const [header = [], ...data] = rows
    return { values: { header, rows: data, sheet: name }, workbook, notes: outsideNote(outside) }
  }
  throw new Error(`${path}: unknown file type "${extension || '(none)'}"; use .xlsx or .csv`)
}

/**
 * A CSV's records as rows as wide as its header rows (the first rows, where the header is):
 * a field right of all of theirs has no column. Blank lines at the end are no rows.
 */
function csvGrid(records: string[][]): { rows: string[][]; outside: XlsxSheet['outside'] } {
  let width = 0
  for (const record of records.slice(0, HEADER_SCAN_ROWS + 1)) {
    width = Math.max(width, lastFilled(record) + 1)
  }
  const outside: XlsxSheet['outside'] = { count: 0 }
  let height = 0
  records.forEach((record, r) => {
    if (lastFilled(record) >= 0) height = r + 1
    for (let c = width; c < record.length; c++) {
      if (record[c].trim() === '') continue
      outside.count++
      outside.first ??= `${columnLetters(c)}${r + 1}`
    }
  })
  const rows = records.slice(0, height).map((record) => {
    if (record.length === width) return record
    const row = record.slice(0, width)
    while (row.length < width) row.push('')
    return row
  })
  return { rows, outside }
}

function lastFilled(record: readonly string[]): number {
  for (let c = record.length - 1; c >= 0; c--) if (record[c].trim() !== '') return c
  return -1
}

function outsideNote({ count, first }: XlsxSheet['outside']): string[] {
  if (count === 0) return []
  const cells = count === 1 ? '1 cell' : `${count.toLocaleString('en-US')} cells`
  return [`${cells} right of the header's columns (first ${first}) not read: no column holds them`]
}
