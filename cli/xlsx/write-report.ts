/** @module `sapa report --out`: the survey's workbook plus the report sheets, as .xlsx. */
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname } from 'node:path'
import ExcelJS from 'exceljs'
import type { SheetModel } from '../../sheets/index'
import type { SurveyFile } from '../read-survey'
import { excelSheetName } from './sheet-names'
import { type WrittenSheets, writeSheets } from './write-sheets'

/**
 * Writes `out`: every sheet of the input workbook as read (a .csv becomes one sheet of its
 * values), then the report's sheets. Written beside `out` and renamed, so a failure never
 * leaves half a file; the input file is only ever read.
 */
export async function writeReportWorkbook(
  input: SurveyFile,
  inputPath: string,
  sheets: readonly SheetModel[],
  out: string,
): Promise<WrittenSheets> {
  const workbook = input.workbook ?? csvWorkbook(input, inputPath)
  const written = writeSheets(workbook, sheets)
  await mkdir(dirname(out), { recursive: true })
  const partial = `${out}.${process.pid}.partial`
  try {
    await workbook.xlsx.writeFile(partial)
    await rename(partial, out)
  } finally {
    await rm(partial, { force: true })
  }
  return written
}

function csvWorkbook(input: SurveyFile, path: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  const name = excelSheetName(basename(path, extname(path)), [])
  const worksheet = workbook.addWorksheet(name)
  const { header, rows } = input.values
  // Blank cells stay empty, as the CSV had nothing there.
  worksheet.addRows([header, ...rows].map((row) => row.map((cell) => (cell === '' ? null : cell))))
  return workbook
}
