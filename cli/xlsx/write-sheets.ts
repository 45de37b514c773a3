/** @module The sheet model written into an exceljs workbook: the report as .xlsx. */
import type ExcelJS from 'exceljs'
import {
  a1Of,
  type CellRef,
  type ColorScale,
  columnLetters,
  hexOf,
  type Rgb,
  SHEETS_DEFAULTS,
  type SheetModel,
} from '../../sheets/index'
import { excelSheetName } from './sheet-names'

export interface WrittenSheets {
  /** The worksheets' names, in the model's order. */
  names: string[]
  /** Charts the model holds and .xlsx does not get: exceljs cannot write charts. */
  chartsNotCarried: number
}

/**
 * Excel's column width unit is one digit of its 11 pt default font, 7 px. The model's pixels
 * are sized for Sheets' 10 pt font, so a column gets a share more to hold the same (bold,
 * Cyrillic) text.
 */
export const PIXELS_PER_CHARACTER = 7 / 1.15

/** A font set on a cell replaces the default one whole: keep its face and size. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, family: 2 }

/** Sheets colours and underlines a link itself; in .xlsx the look is written out: its blue. */
export const LINK_COLOR: Rgb = { red: 0.067, green: 0.333, blue: 0.8 }

/**
 * An internal hyperlink as exceljs documents it (`#'Sheet'!A1`, README "Hyperlink Value"):
 * the sheet's name quoted, a quote inside it doubled.
 */
function internalLink(sheetName: string, target: CellRef): string {
  return `#'${sheetName.replace(/'/g, "''")}'!${columnLetters(target.column)}${target.row + 1}`
}

/**
 * Adds the sheets to `workbook` after those it holds: values, number formats, notes, bold,
 * text colours, wrapped text, links within the sheet (blue and underlined, as Sheets shows
 * them), frozen rows, column widths and colour scales. A title taken by a sheet already there
 * (`taken`: by default the workbook's sheets; a streaming `WorkbookWriter` lists none, so give
 * it its sheets' names) gets the next free name. Charts are counted, not written; developer
 * metadata has no place in .xlsx.
 *
 * @example
 * const { names, chartsNotCarried } = writeSheets(workbook, buildSheets(reply, options))
 */
export function writeSheets(
  workbook: ExcelJS.Workbook,
  sheets: readonly SheetModel[],
  taken: readonly string[] = workbook.worksheets.map((worksheet) => worksheet.name),
): WrittenSheets {
  const names: string[] = []
  for (const sheet of sheets) {
    const name = excelSheetName(sheet.title, [...taken, ...names])
    const worksheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: sheet.frozenRows }],
    })
    writeCells(worksheet, sheet, name)
    wrappedRowHeights(worksheet, sheet)
    sheet.widths.forEach((pixels, c) => {
      if (pixels !== null) worksheet.getColumn(c + 1).width = pixels / PIXELS_PER_CHARACTER
    })
    // The model's later rule wins; in Excel priority 1 wins, and is listed first.
    ;[...sheet.rules].reverse().forEach((rule, i) => {
      worksheet.addConditionalFormatting(colorScale(rule, i + 1))
    })
    printSetup(worksheet, sheet.frozenRows)
    names.push(name)
  }
  return { names, chartsNotCarried: sheets.reduce((n, sheet) => n + sheet.charts.length, 0) }
}

function writeCells(worksheet: ExcelJS.Worksheet, sheet: SheetModel, name: string) {
  for (let r = 0; r < sheet.rows; r++) {
    for (let c = 0; c < sheet.columns; c++) {
      const value = sheet.values[r][c]
      const format = sheet.formats[r][c]
      const note = sheet.notes[r][c]
      const bold = sheet.bold[r][c]
      const link = sheet.links[r][c]
      const wrap = sheet.wraps[r][c]
      const color = sheet.colors[r][c] ?? (link ? LINK_COLOR : null)
      if (value === null && format === null && note === null && !bold && color === null && !wrap) {
        continue
      }
      const cell = worksheet.getCell(r + 1, c + 1)
      if (value !== null) {
        cell.value =
          link && typeof value === 'string'
            ? { text: value, hyperlink: internalLink(name, link) }
            : value
      }
      if (format !== null) cell.numFmt = format
      if (note !== null) cell.note = note
      if (wrap) cell.alignment = { wrapText: true }
      // An empty cell is only written with a style: a note on one (a ▲▼ not testable) needs it.
      if (bold || color || link || (note !== null && value === null && format === null)) {
        cell.font = {
          ...DEFAULT_FONT,
          ...(bold ? { bold: true } : {}),
          ...(color ? { color: { argb: argbOf(color) } } : {}),
          ...(link ? { underline: true } : {}),
        }
      }
    }
  }
}

/** Excel's default row: 15 points, one line of its 11 pt font. */
export const LINE_HEIGHT = 15

/**
 * Excel does not fit a row to its wrapped text when it opens a file (Sheets does): a row with
 * wrapped cells gets a line's height for each line of its longest, wrapped word by word at the
 * model's 7 px a character.
 */
function wrappedRowHeights(worksheet: ExcelJS.Worksheet, sheet: SheetModel) {
  sheet.wraps.forEach((row, r) => {
    let lines = 1
    row.forEach((wrap, c) => {
      const text = sheet.values[r][c]
      if (!wrap || typeof text !== 'string') return
      const pixels = sheet.widths[c] ?? SHEETS_DEFAULTS.columnWidth
      lines = Math.max(lines, linesOf(text, Math.max(1, Math.floor((pixels - 16) / 7))))
    })
    if (lines > 1) worksheet.getRow(r + 1).height = lines * LINE_HEIGHT
  })
}

/** The lines `text` takes wrapped at `width` characters, breaking between words only. */
export function linesOf(text: string, width: number): number {
  let lines = 1
  let used = 0
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (used > 0 && used + 1 + word.length > width) {
      lines++
      used = word.length
    } else {
      used += (used > 0 ? 1 : 0) + word.length
    }
  }
  return lines
}

/** Printed, a table is as wide as a landscape page, its frozen header on every page. */
function printSetup(worksheet: ExcelJS.Worksheet, frozenRows: number) {
  worksheet.pageSetup = {
    ...worksheet.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  }
  if (frozenRows > 0) worksheet.pageSetup.printTitlesRow = `1:${frozenRows}`
}

function colorScale(rule: ColorScale, priority: number): ExcelJS.ConditionalFormattingOptions {
  return {
    // Excel's sqref: ranges separated by spaces, one rule over all of them as in Sheets.
    ref: rule.boxes.map(a1Of).join(' '),
    rules: [
      {
        type: 'colorScale',
        priority,
        cfvo: [
          { type: 'min' },
          { type: 'percentile', value: rule.mid.percentile },
          { type: 'max' },
        ],
        color: [rule.min, rule.mid.color, rule.max].map((color) => ({ argb: argbOf(color) })),
      },
    ],
  }
}

/** exceljs' opaque ARGB hex. */
function argbOf(color: Rgb): string {
  return `FF${hexOf(color).slice(1)}`.toUpperCase()
}
