import { describe, expect, it } from 'vitest'
import { CELL_LIMIT, cellText, cutText, parseLabel, report, XLSX_CELL_LIMIT } from '../../engine'

const survey = (cells: string[]) => ({
  header: ['Қызмет', 'Жалпы баға'],
  rows: cells.map((service, i) => [service, 1 + (i % 5)]),
})

describe('cutText', () => {
  it('keeps text within the limit as it is', () => {
    expect(cutText('Паспорт', 7)).toBe('Паспорт')
  })

  it('cuts to the limit in UTF-16 code units, as Sheets and Excel count', () => {
    expect(cutText('a'.repeat(CELL_LIMIT + 10))).toHaveLength(CELL_LIMIT)
    expect(cutText('ә'.repeat(40_000), XLSX_CELL_LIMIT)).toHaveLength(32_767)
  })

  it('never splits a surrogate pair', () => {
    // '😀' is two code units: a cut through it drops the whole character.
    const text = `${'a'.repeat(4)}😀`
    expect(cutText(text, 5)).toBe('aaaa')
    expect(cutText(text, 6)).toBe(text)
  })
})

describe('labels longer than a cell holds (issue 11)', () => {
  it('are cut to 50,000 characters with a data issue saying so', () => {
    const long = `Паспорт ${'x'.repeat(1_048_576)}`
    const parsed = parseLabel(long)
    expect(parsed).toMatchObject({ ok: true })
    expect(parsed.ok && parsed.value.length).toBe(CELL_LIMIT)
    expect(parsed.ok && parsed.note).toBe(
      'longer than the 50,000 characters a spreadsheet cell holds (1,048,584): cut',
    )
  })

  it('reach the report cut, listed once per row, with a short value in the issue', () => {
    const long = `Паспорт ${'x'.repeat(1_048_576)}`
    const result = report(survey([long, long, 'Жер']), { minBase: 1 })
    const rating = result.tables.find((t) => t.id === 'rating')
    const services = rating?.rows.map((row) => String(row.service)) ?? []
    expect(services.map((s) => s.length).sort((a, b) => a - b)).toEqual([3, CELL_LIMIT])
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Қызмет'],
      [3, 'Қызмет'],
    ])
    expect(result.summary.issueCount).toBe(2)
    // An issue's value is a preview: a listed issue never carries a megabyte.
    expect(result.issues[0].value.length).toBeLessThanOrEqual(1001)
    expect(result.issues[0].value.endsWith('…')).toBe(true)
  })

  it('cut in a dictionary-coded column as in rows', () => {
    const long = 'ж'.repeat(60_000)
    const byRows = report(survey([long, 'Жер']), { minBase: 1 })
    const byColumns = report(
      {
        header: ['Қызмет', 'Жалпы баға'],
        columns: [{ dict: [long, 'Жер'], codes: [0, 1] }, { values: [1, 2] }],
      },
      { minBase: 1 },
    )
    expect(byColumns.issues).toEqual(byRows.issues)
    expect(byColumns.tables).toEqual(byRows.tables)
  })
})

describe('cell values that are no value (issue 11)', () => {
  it('a formula without a saved value, as a reader marks it, is a data issue, never a label', () => {
    const result = report(survey(['Паспорт', '#NO_VALUE! =VLOOKUP(B2,Codes!A:B,2,0)', 'Паспорт']), {
      minBase: 1,
    })
    const rating = result.tables.find((t) => t.id === 'rating')
    expect(rating?.rows.map((row) => row.service)).toEqual(['Паспорт'])
    expect(result.issues).toEqual([
      {
        row: 3,
        column: 'Қызмет',
        value: '#NO_VALUE! =VLOOKUP(B2,Codes!A:B,2,0)',
        reason:
          'a formula without a saved value: open the file in Excel or LibreOffice and save it, so that its values are computed',
      },
    ])
  })

  it.each(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!'])(
    'a formula error %s is a data issue, never a label or a score',
    (error) => {
      const result = report(
        {
          header: ['Қызмет', 'Жалпы баға'],
          rows: [
            [error, 5],
            ['Паспорт', error],
            ['Паспорт', 4],
          ],
        },
        { minBase: 1 },
      )
      expect(result.summary.services).toBe(1)
      expect(result.issues.map((i) => [i.row, i.column, i.value, i.reason])).toEqual([
        [2, 'Қызмет', error, `a formula error (${error}) in the spreadsheet`],
        [3, 'Жалпы баға', error, `a formula error (${error}) in the spreadsheet`],
      ])
    },
  )

  it('a label that looks like a formula is text, and a label', () => {
    const result = report(survey(['=1+1', '=1+1', 'Паспорт']), { minBase: 1 })
    const rating = result.tables.find((t) => t.id === 'rating')
    expect(rating?.rows.map((row) => row.service).sort()).toEqual(['=1+1', 'Паспорт'])
    expect(result.issues).toEqual([])
  })

  it('cellText previews a long value', () => {
    expect(cellText('x'.repeat(5000))).toBe(`${'x'.repeat(1000)}…`)
    expect(cellText('x'.repeat(1000))).toBe('x'.repeat(1000))
  })
})
