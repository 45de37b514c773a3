import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSurveyFile } from '../../cli/read-survey'
import { locateHeader, report } from '../../engine/index'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-xlsx-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A workbook written by exceljs, which stores formulas without values as Excel never would. */
async function workbook(name: string, fill: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const book = new ExcelJS.Workbook()
  fill(book.addWorksheet('Жауаптар'))
  const path = join(dir, name)
  await book.xlsx.writeFile(path)
  return path
}

const SIXTY = (sheet: ExcelJS.Worksheet) => {
  sheet.addRow(['Қызмет', 'Жалпы баға', 'Өңір'])
  for (let i = 0; i < 59; i++) sheet.addRow([`Қызмет ${1 + (i % 5)}`, 1 + (i % 5), 'Алматы'])
}

describe('a workbook is read by the cells that hold values (issue 11)', () => {
  it('reads 60 rows with a stray space at XFD1000000 as 60 rows of 3 columns', async () => {
    const path = await workbook('stray.xlsx', (sheet) => {
      SIXTY(sheet)
      sheet.getCell('XFD1000000').value = ' '
    })
    const read = await readSurveyFile(path)
    expect(read.values.header).toEqual(['Қызмет', 'Жалпы баға', 'Өңір'])
    expect(read.values.rows).toHaveLength(59)
    expect(read.values.rows.every((row) => row.length === 3)).toBe(true)
    // A blank cell is no value: nothing to say about it.
    expect(read.notes).toEqual([])
  })

  it('says which cells right of the header no column reads', async () => {
    const path = await workbook('outside.xlsx', (sheet) => {
      SIXTY(sheet)
      sheet.getCell('XFD1000000').value = 'x'
      sheet.getCell('G30').value = 7
    })
    const read = await readSurveyFile(path)
    // Row 1,000,000 has no value in the header's columns: no row.
    expect(read.values.rows).toHaveLength(59)
    expect(read.notes).toEqual([
      "2 cells right of the header's columns (first G30) not read: no column holds them",
    ])
  })
})

describe('formula cells (issue 11)', () => {
  it('gives a saved value, and a formula without one as its text for a data issue', async () => {
    const path = await workbook('formulas.xlsx', (sheet) => {
      sheet.addRow(['Қызмет', 'Жалпы баға'])
      sheet.addRow(['Паспорт', 5])
      sheet.addRow([
        { formula: 'A2', result: 'Паспорт' },
        { formula: 'B2-1', result: 4 },
      ])
      sheet.addRow([{ formula: 'VLOOKUP(C4,Codes!A:B,2,0)' }, { formula: 'B2' }])
      sheet.addRow([{ error: '#N/A' }, 3])
    })
    const read = await readSurveyFile(path)
    expect(read.values.rows).toEqual([
      ['Паспорт', 5],
      ['Паспорт', 4],
      ['#NO_VALUE! =VLOOKUP(C4,Codes!A:B,2,0)', '#NO_VALUE! =B2'],
      ['#N/A', 3],
    ])
    const result = report(read.values, { minBase: 1 })
    expect(result.summary.services).toBe(1)
    expect(result.issues.map((i) => [i.row, i.column, i.reason.split(':')[0]])).toEqual([
      [4, 'Қызмет', 'a formula without a saved value'],
      [4, 'Жалпы баға', 'a formula without a saved value'],
      [5, 'Қызмет', 'a formula error (#N/A) in the spreadsheet'],
    ])
    // Never an object's text, anywhere.
    expect(JSON.stringify(result)).not.toContain('[object Object]')
  })

  it('gives a header formula without a value as its text, not [object Object]', async () => {
    const path = await workbook('header-formula.xlsx', (sheet) => {
      sheet.addRow(['Қызмет', { formula: 'CONCAT("Жалпы ","баға")' }])
      sheet.addRow(['Паспорт', 5])
    })
    const read = await readSurveyFile(path)
    expect(read.values.header).toEqual(['Қызмет', '#NO_VALUE! =CONCAT("Жалпы ","баға")'])
  })
})

describe('merged header cells (issue 11)', () => {
  it('reads a merged group title once, and the two header rows together', async () => {
    const path = await workbook('merged.xlsx', (sheet) => {
      sheet.addRow(['Услуга', '', 'Оценка', '', ''])
      sheet.addRow(['Код', 'Наименование', 'Общая', 'Сроки', 'Доверие'])
      sheet.addRow(['1', 'Паспорт', 5, 4, 5])
      sheet.mergeCells('A1:B1')
      sheet.mergeCells('C1:E1')
    })
    const read = await readSurveyFile(path)
    expect(read.values.header).toEqual(['Услуга', '', 'Оценка', '', ''])
    const layout = locateHeader([read.values.header, ...read.values.rows])
    expect([layout.first, layout.last]).toEqual([1, 2])
    expect(layout.detection.mapping).toMatchObject({
      overall: 'Оценка Общая',
      timeliness: 'Оценка Сроки',
      trust: 'Оценка Доверие',
    })
  })
})
