import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { argbOf, columnLetters, renderPlan } from '../../cli/xlsx/render-plan'
import { excelSheetName } from '../../cli/xlsx/sheet-names'

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

describe('renderPlan', () => {
  it('converts colours and column numbers as Excel writes them', () => {
    expect(argbOf({ red: 0.6, green: 0.6, blue: 0.6 })).toBe('FF999999')
    expect(argbOf({ red: 1 })).toBe('FFFF0000')
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA'])
  })

  it('keeps Sheets’ rule order as Excel priorities and counts what it cannot carry', () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Rating')
    const point = (type: string) => ({ type, colorStyle: { rgbColor: { green: 1 } } })
    const rule = (row: number) => ({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [
            {
              sheetId: 9,
              startRowIndex: row,
              endRowIndex: row + 1,
              startColumnIndex: 0,
              endColumnIndex: 2,
            },
            {
              sheetId: 9,
              startRowIndex: row,
              endRowIndex: row + 1,
              startColumnIndex: 3,
              endColumnIndex: 4,
            },
          ],
          gradientRule: { minpoint: point('MIN'), maxpoint: point('MAX') },
        },
      },
    })
    const { sheets, skipped } = renderPlan(workbook, [
      {
        addSheet: {
          properties: { sheetId: 9, title: 'Rating', gridProperties: { frozenRowCount: 2 } },
        },
      },
      rule(1),
      rule(2),
      { addChart: { chart: {} } },
      { createDeveloperMetadata: {} },
    ])
    expect(sheets).toEqual([{ sheetId: 9, title: 'Rating', name: 'Rating (2)' }])
    const worksheet = workbook.getWorksheet('Rating (2)') as ExcelJS.Worksheet
    expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(worksheet.pageSetup.printTitlesRow).toBe('1:2')
    const formats = (
      worksheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings
    // Each rule went in at index 0, so the later one comes first.
    expect(formats.map((f) => [f.ref, f.rules[0].priority])).toEqual([
      ['A3:B3 D3:D3', 1],
      ['A2:B2 D2:D2', 2],
    ])
    expect(skipped).toEqual({ addChart: 1, createDeveloperMetadata: 1 })
  })
})
