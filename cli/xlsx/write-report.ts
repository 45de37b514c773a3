/** @module `sapa report --out`: the survey's workbook plus the report sheets, as .xlsx. */
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, extname } from 'node:path'
import ExcelJS from 'exceljs'
import type { SheetModel } from '../../sheets/index'
import type { SheetValues, SurveyFile } from '../read-survey'
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
  await mkdir(dirname(out), { recursive: true })
  const partial = `${out}.${process.pid}.partial`
  try {
    let written: WrittenSheets
    if (input.workbook) {
      written = writeSheets(input.workbook, sheets)
      await input.workbook.xlsx.writeFile(partial)
    } else {
      const name = excelSheetName(basename(inputPath, extname(inputPath)), [])
      written = await streamCsvWorkbook(input.values, name, sheets, partial)
    }
    await rename(partial, out)
    return written
  } finally {
    await rm(partial, { force: true })
  }
}

/**
 * A CSV's values as the first sheet, then the report's, streamed to `path`: each row is
 * zipped as it is written, so memory does not grow with the file (110,000 rows × 250
 * columns held every cell as an object, 4.3 GB, in an in-memory workbook).
 */
async function streamCsvWorkbook(
  values: SheetValues,
  name: string,
  sheets: readonly SheetModel[],
  path: string,
): Promise<WrittenSheets> {
  const output = createWriteStream(path)
  // Until the writer listens (when it finishes), an error (a full disk) is kept here.
  const failed = new Promise<never>((_, reject) => output.once('error', reject))
  failed.catch(() => undefined)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true })
  const worksheet = workbook.addWorksheet(name)
  await copyRows(worksheet, values, output)
  worksheet.commit()
  const written = writeSheets(workbook, sheets, [name])
  await Promise.race([workbook.commit(), failed])
  if (!output.closed) await Promise.race([once(output, 'close'), failed])
  return written
}

/** One style object for every copied cell: exceljs looks styles up by identity, else by XML. */
const PLAIN: Partial<ExcelJS.Style> = {}

/**
 * About the XML written between two turns of the event loop, in each of which the zip deflates
 * one block: at 64 kB a turn the XML of 110,000 × 250 cells queued faster than it was deflated
 * (134 MB behind after 40,000 rows), at 16 kB it stays 2 MB behind (measured, docs/performance.md).
 */
const BYTES_PER_TURN = 16 * 1024
/** A cell's XML besides its text: `<c r="AB123" t="inlineStr"><is><t></t></is></c>`. */
const CELL_XML = 32

async function copyRows(worksheet: ExcelJS.Worksheet, values: SheetValues, output: WriteStream) {
  let bytes = 0
  for (let r = -1; r < values.rows.length; r++) {
    const cells = (r < 0 ? values.header : values.rows[r]).map((cell) => {
      bytes += CELL_XML + (typeof cell === 'string' ? cell.length : 0)
      // Blank cells stay empty, as the CSV had nothing there.
      return cell === '' ? null : cell
    })
    const row = worksheet.addRow(cells)
    row.eachCell((cell) => {
      cell.style = PLAIN
    })
    row.commit()
    if (bytes < BYTES_PER_TURN) continue
    bytes = 0
    // The writer does not wait for the zip: without these turns the sheet's whole XML
    // would queue in memory before the first byte is deflated.
    await new Promise(setImmediate)
    if (output.errored) throw output.errored
    if (output.writableNeedDrain) await once(output, 'drain')
  }
}
