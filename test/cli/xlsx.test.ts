/**
 * The .xlsx writer's round trip: the model written into a workbook, saved, read back with
 * exceljs and compared with the model, cell by cell. What .xlsx does not carry is said: the
 * grid's size (a worksheet is as large as Excel's), charts (exceljs cannot write them) and
 * developer metadata (.xlsx has none).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { excelSheetName } from '../../cli/xlsx/sheet-names'
import { writeReportWorkbook } from '../../cli/xlsx/write-report'
import {
  LINE_HEIGHT,
  LINK_COLOR,
  linesOf,
  PIXELS_PER_CHARACTER,
  writeSheets,
} from '../../cli/xlsx/write-sheets'
import {
  type Box,
  buildSheets,
  type CellRef,
  checkSheets,
  hexOf,
  type SheetModel,
  XLSX_LIMITS,
} from '../../sheets/index'
import { FIXTURE_TIME, fixtureReport } from '../support/sheet-fixture'

describe('excelSheetName', () => {
  it('cuts to 31 characters and replaces what Excel refuses', () => {
    expect(excelSheetName('Тамыр-таныстар, бейресми сыйақылар және шағымдар', [])).toBe(
      'Тамыр-таныстар, бейресми сыйақы',
    )
    expect(excelSheetName("'Q1/Q2: [draft]?'", [])).toBe('Q1-Q2- -draft--')
    expect(excelSheetName('  ', [])).toBe('Sheet')
  })

  it('numbers a name already taken, compared regardless of case', () => {
    expect(excelSheetName('Rating', ['rating'])).toBe('Rating (2)')
    expect(excelSheetName('Rating', ['RATING', 'Rating (2)'])).toBe('Rating (3)')
    const long = 'x'.repeat(40)
    expect(excelSheetName(long, ['x'.repeat(31)])).toBe(`${'x'.repeat(27)} (2)`)
  })
})

/** exceljs keeps conditional formats on the worksheet but leaves them out of its typings. */
const formatsOf = (worksheet: ExcelJS.Worksheet) =>
  (worksheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
    .conditionalFormattings

/** "B2:D5" → its box. */
function boxOf(a1: string): Box {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1)
  if (!match) throw new Error(`not a range: ${a1}`)
  const column = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
  const [, c1, r1, c2, r2] = match
  return {
    row: Number(r1) - 1,
    column: column(c1),
    rows: Number(r2) - Number(r1) + 1,
    columns: column(c2) - column(c1) + 1,
  }
}

const hexOfArgb = (argb: string | undefined) => (argb ? `#${argb.slice(2).toLowerCase()}` : null)

/** An internal hyperlink, `#'Sheet'!B5` (exceljs' form), as the model's cell of that sheet. */
function linkTarget(cell: ExcelJS.Cell, sheetName: string): CellRef | null {
  const value = cell.value as { hyperlink?: string } | null
  if (typeof value?.hyperlink !== 'string') return null
  const match = /^#'(.+)'!([A-Z]+\d+)$/.exec(value.hyperlink)
  expect(match, value.hyperlink).not.toBeNull()
  const [, name, a1] = match as RegExpExecArray
  expect(name.replace(/''/g, "'")).toBe(sheetName)
  const { row, column } = boxOf(`${a1}:${a1}`)
  // Written out, as Sheets shows a link: underlined.
  expect(cell.font?.underline).toBe(true)
  return { row, column }
}

/** A cell's value; a hyperlink's text. */
function cellValue(cell: ExcelJS.Cell): SheetModel['values'][number][number] {
  const value = cell.value as { text?: string; hyperlink?: string } | null
  if (value !== null && typeof value === 'object' && typeof value.hyperlink === 'string') {
    return value.text ?? null
  }
  return (cell.value ?? null) as SheetModel['values'][number][number]
}

/**
 * A worksheet read back in the model's terms, over the model's grid (nothing may lie outside
 * it); colours as hex, widths in pixels to the nearest one.
 */
function readBack(worksheet: ExcelJS.Worksheet, frame: SheetModel) {
  expect(worksheet.rowCount).toBeLessThanOrEqual(frame.rows)
  expect(worksheet.columnCount).toBeLessThanOrEqual(frame.columns)
  const grid = <T>(read: (cell: ExcelJS.Cell) => T) =>
    Array.from({ length: frame.rows }, (_, r) =>
      Array.from({ length: frame.columns }, (_, c) => read(worksheet.getCell(r + 1, c + 1))),
    )
  const view = worksheet.views[0]
  return {
    title: worksheet.name,
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
    values: grid(cellValue),
    formats: grid((cell) => cell.numFmt ?? null),
    notes: grid((cell) => (cell.note === undefined ? null : String(cell.note))),
    bold: grid((cell) => cell.font?.bold === true),
    colors: grid((cell) => hexOfArgb(cell.font?.color?.argb)),
    links: grid((cell) => linkTarget(cell, worksheet.name)),
    wraps: grid((cell) => cell.alignment?.wrapText === true),
    widths: Array.from({ length: frame.columns }, (_, c) => {
      const width = worksheet.getColumn(c + 1).width
      return width === undefined ? null : Math.round(width * PIXELS_PER_CHARACTER)
    }),
    // Excel's priority 1 wins: the model's last rule.
    rules: [...formatsOf(worksheet)]
      .sort((a, b) => (b.rules[0].priority ?? 0) - (a.rules[0].priority ?? 0))
      .map((format) => {
        const rule = format.rules[0] as ExcelJS.ColorScaleRuleType
        expect(rule.type).toBe('colorScale')
        expect(rule.cfvo?.map((point) => point.type)).toEqual(['min', 'percentile', 'max'])
        const [min, mid, max] = (rule.color ?? []).map((color) => hexOfArgb(color.argb))
        return {
          boxes: format.ref.split(' ').map(boxOf),
          min,
          mid: { color: mid, percentile: rule.cfvo?.[1].value },
          max,
        }
      }),
  }
}

/**
 * The model as .xlsx can show it: colours in hex (a link without one in the link's blue), no
 * grid size, charts or metadata.
 */
function shown(sheet: SheetModel, title: string) {
  return {
    title,
    frozenRows: sheet.frozenRows,
    values: sheet.values,
    formats: sheet.formats,
    notes: sheet.notes,
    bold: sheet.bold,
    colors: sheet.colors.map((row, r) =>
      row.map((color, c) => {
        const shownColor = color ?? (sheet.links[r][c] ? LINK_COLOR : null)
        return shownColor ? hexOf(shownColor) : null
      }),
    ),
    links: sheet.links,
    wraps: sheet.wraps,
    widths: sheet.widths.map((width) => (width === null ? null : Math.round(width))),
    rules: sheet.rules.map((rule) => ({
      boxes: rule.boxes,
      min: hexOf(rule.min),
      mid: { color: hexOf(rule.mid.color), percentile: rule.mid.percentile },
      max: hexOf(rule.max),
    })),
  }
}

describe('the .xlsx writer', () => {
  const sheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME, limits: XLSX_LIMITS })
  let dir: string
  let read: ExcelJS.Workbook
  let written: ReturnType<typeof writeSheets>

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sapa-xlsx-'))
    const workbook = new ExcelJS.Workbook()
    // The user's own sheet, named like the rating sheet: it is kept, the report's gets "(2)".
    workbook.addWorksheet('SERVICE RATING').getCell(1, 1).value = 'mine'
    written = writeSheets(workbook, sheets)
    await workbook.xlsx.writeFile(join(dir, 'report.xlsx'))
    read = new ExcelJS.Workbook()
    await read.xlsx.readFile(join(dir, 'report.xlsx'))
  })

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('writes a model within Excel’s limits', () => {
    expect(checkSheets(sheets, XLSX_LIMITS)).toEqual([])
  })

  it('carries every value, format, note, bold, colour, width, frozen row and rule', () => {
    expect(read.worksheets.map((w) => w.name)).toEqual(['SERVICE RATING', ...written.names])
    expect(written.names).toEqual([
      'Service rating (2)',
      'Score distribution',
      'Aspect scores',
      'By place of service',
      'Satisfaction by region',
      'Connections, informal payments',
      'Key drivers of satisfaction, by',
      'Key drivers of satisfaction (2)',
      'By age and gender',
      'Against the previous wave',
      'Services',
      'Weights',
      'Data issues',
    ])
    expect(read.worksheets[0].getCell(1, 1).value).toBe('mine')
    sheets.forEach((sheet, i) => {
      const worksheet = read.worksheets[i + 1]
      expect(readBack(worksheet, sheet), sheet.table).toEqual(shown(sheet, written.names[i]))
    })
  })

  it('makes a row with wrapped text as tall as its most lines, as Excel will not', () => {
    // "Rank range" in a 65 px column: 7 characters a line, so "Rank" and "range".
    expect(read.worksheets[1].getRow(1).height).toBe(2 * LINE_HEIGHT)
    expect(read.worksheets[1].getRow(2).height).toBeUndefined()
    expect(linesOf('Rank range', 7)).toBe(2)
    expect(linesOf('Rank range', 10)).toBe(1)
    expect(linesOf('Ақпараттың ашықтығы мен қолжетімділігі', 14)).toBe(3)
    expect(linesOf('Supercalifragilistic', 5)).toBe(1)
  })

  it('counts the charts it cannot carry, and prints with the header on every page', () => {
    // Rating, distribution, regions, the drivers' two scatters and the waves.
    expect(written.chartsNotCarried).toBe(6)
    const issues = read.worksheets.at(-1) as ExcelJS.Worksheet
    expect(issues.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 })
    expect(issues.pageSetup.printTitlesRow).toBe('1:2')
  })
})

describe('writeSheets', () => {
  it('keeps the model’s rule order as Excel priorities: the later rule wins', () => {
    const grid = <T>(value: T) => Array.from({ length: 3 }, () => Array<T>(4).fill(value))
    const green = { red: 0, green: 1, blue: 0 }
    const rule = (row: number) => ({
      boxes: [
        { row, column: 0, rows: 1, columns: 2 },
        { row, column: 3, rows: 1, columns: 1 },
      ],
      min: green,
      mid: { color: green, percentile: 50 },
      max: green,
    })
    const sheet: SheetModel = {
      table: 'aspects',
      title: 'Rating',
      rows: 3,
      columns: 4,
      frozenRows: 2,
      values: grid(null),
      formats: grid(null),
      notes: grid(null),
      bold: grid(false),
      colors: grid(null),
      links: grid(null),
      wraps: grid(false),
      widths: Array(4).fill(null),
      rules: [rule(1), rule(2)],
      charts: [],
      metadata: [{ key: 'sapa.generated', value: '{}' }],
    }
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Rating')
    expect(writeSheets(workbook, [sheet])).toEqual({ names: ['Rating (2)'], chartsNotCarried: 0 })
    const worksheet = workbook.getWorksheet('Rating (2)') as ExcelJS.Worksheet
    expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(worksheet.pageSetup.printTitlesRow).toBe('1:2')
    expect(formatsOf(worksheet).map((f) => [f.ref, f.rules[0].priority])).toEqual([
      ['A3:B3 D3:D3', 1],
      ['A2:B2 D2:D2', 2],
    ])
  })
})

describe('the .xlsx of a CSV survey: its values, then the report, streamed', () => {
  const sheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME, limits: XLSX_LIMITS })
  const header = ['Қызмет', 'Жалпы баға', 'Код']
  const rows = [
    ['Паспорт', '5', '01'],
    ['Жер', '', '1.10'],
    ['=1+1', '4', ''],
  ]
  let dir: string
  let read: ExcelJS.Workbook
  let written: Awaited<ReturnType<typeof writeReportWorkbook>>

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sapa-xlsx-csv-'))
    // Named like the rating sheet: the CSV's sheet keeps the name, the report's gets "(2)".
    const csv = join(dir, 'SERVICE RATING.csv')
    const out = join(dir, 'report.xlsx')
    written = await writeReportWorkbook(
      { values: { header, rows, sheet: csv }, notes: [] },
      csv,
      sheets,
      out,
    )
    read = new ExcelJS.Workbook()
    await read.xlsx.readFile(out)
  })

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('copies the CSV as text, blanks left empty, under the file’s name', () => {
    const [first] = read.worksheets
    expect(first.name).toBe('SERVICE RATING')
    const values = [1, 2, 3, 4].map((r) => [1, 2, 3].map((c) => first.getCell(r, c).value))
    expect(values).toEqual([
      header,
      ['Паспорт', '5', '01'],
      ['Жер', null, '1.10'],
      ['=1+1', '4', null],
    ])
  })

  it('carries every value, format, note, bold, colour, width, frozen row and rule of the report', () => {
    expect(read.worksheets.map((w) => w.name)).toEqual(['SERVICE RATING', ...written.names])
    expect(written.names[0]).toBe('Service rating (2)')
    sheets.forEach((sheet, i) => {
      const worksheet = read.worksheets[i + 1]
      // exceljs' streaming writer leaves out a row without a value, so the format of a cell
      // in one (the fixture's empty channel row; nothing shows there) is not carried.
      const formats = sheet.formats.map((row, r) =>
        sheet.values[r].every((value) => value === null) ? row.map(() => null) : row,
      )
      expect(readBack(worksheet, sheet), sheet.table).toEqual(
        shown({ ...sheet, formats }, written.names[i]),
      )
    })
    const issues = read.worksheets.at(-1) as ExcelJS.Worksheet
    expect(issues.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1 })
    expect(issues.pageSetup.printTitlesRow).toBe('1:2')
  })

  it('writes 10,000 rows × 250 columns within a 128 MB heap, where an in-memory workbook runs out', async () => {
    // In a child Node with its heap capped: running out of it aborts the child, not this run.
    const code = `
      const { writeReportWorkbook } = await import(${JSON.stringify(new URL('../../cli/xlsx/write-report.ts', import.meta.url).pathname)})
      const header = Array.from({ length: 250 }, (_, c) => 'Q' + (c + 1))
      const rows = Array.from({ length: 10000 }, (_, r) => header.map((_, c) => String(1 + ((r + c) % 5))))
      const out = process.argv[1]
      await writeReportWorkbook({ values: { header, rows, sheet: 'wide.csv' }, notes: [] }, 'wide.csv', [], out)
    `
    const out = join(dir, 'wide.xlsx')
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--max-old-space-size=128', '--input-type=module', '-e', code, out],
      { timeout: 120_000 },
    )
    // Read back as a stream too: 2,500,000 cells held in this process would take long.
    let rows = 0
    let last: ExcelJS.Row | undefined
    for await (const worksheet of new ExcelJS.stream.xlsx.WorkbookReader(out, {})) {
      for await (const row of worksheet) {
        rows++
        last = row as ExcelJS.Row
      }
    }
    expect(rows).toBe(10_001)
    expect(last?.cellCount).toBe(250)
    expect(last?.getCell(250).value).toBe(String(1 + ((9_999 + 249) % 5)))
  }, 180_000)
})
