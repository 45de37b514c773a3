/**
 * @module The sample as an Excel workbook with identical bytes on every run.
 *
 * exceljs stamps the workbook properties and every zip entry with the current time. The
 * properties get fixed dates; the zip is then rebuilt with fflate and one fixed entry time.
 */
import ExcelJS from 'exceljs'
import { unzipSync, type Zippable, zipSync } from 'fflate'

/** The day the 2017 report's fieldwork ended, used for every timestamp in the file. */
const FIXED_UTC = new Date(Date.UTC(2017, 9, 31, 12, 0, 0))
// Zip entry times are local-time fields (fflate reads them with getHours etc.): building the
// date from local components makes the stored fields the same in every time zone.
const FIXED_LOCAL = new Date(2017, 9, 31, 12, 0, 0)

export interface XlsxColumn {
  header: string
  width: number
  /** 'date' cells hold an ISO date text and become date cells. */
  kind?: 'date'
}

/** Canonical number text ("5", "-34", "4.5") becomes a number cell; anything else stays text. */
function cellValue(text: string, kind: XlsxColumn['kind']): string | number | Date | null {
  if (text === '') return null
  if (kind === 'date') return new Date(`${text}T00:00:00Z`)
  const number = Number(text)
  return /^-?\d+(\.\d+)?$/.test(text) && String(number) === text ? number : text
}

export async function workbookBytes(
  sheetName: string,
  columns: readonly XlsxColumn[],
  rows: readonly (readonly string[])[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Sapa sample generator'
  workbook.lastModifiedBy = 'Sapa sample generator'
  workbook.created = FIXED_UTC
  workbook.modified = FIXED_UTC
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(row.map((text, i) => cellValue(text, columns[i].kind)))

  const written = new Uint8Array(await workbook.xlsx.writeBuffer())
  const entries = unzipSync(written)
  const zippable: Zippable = {}
  for (const [name, data] of Object.entries(entries)) {
    // JSZip's folder entries are not part of an xlsx package.
    if (!name.endsWith('/')) zippable[name] = [data, { mtime: FIXED_LOCAL }]
  }
  return zipSync(zippable, { level: 6 })
}
