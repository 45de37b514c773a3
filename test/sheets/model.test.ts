import { describe, expect, it } from 'vitest'
import { readSurvey } from '../../cli/index'
import { report, type Table } from '../../engine/index'
import {
  a1Of,
  buildSheets,
  caseless,
  checkSheets,
  columnLetters,
  freeTitle,
  hexOf,
  SHEETS_LIMITS,
  type SheetModel,
  XLSX_LIMITS,
} from '../../sheets/index'
import { FIXTURE_TIME, fixtureReport, LONG_TEXT, PROTOTYPE_LABELS } from '../support/sheet-fixture'

const forSheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME })
const forXlsx = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME, limits: XLSX_LIMITS })
const sheetOf = (sheets: SheetModel[], table: string) => {
  const found = sheets.find((sheet) => sheet.table === table)
  if (!found) throw new Error(`no ${table} sheet`)
  return found
}
const column = (sheet: SheetModel, c: number) => sheet.values.map((row) => row[c])

describe('buildSheets', () => {
  it('keeps every invariant of the platform it builds for', () => {
    expect(checkSheets(forSheets, SHEETS_LIMITS)).toEqual([])
    expect(checkSheets(forXlsx, XLSX_LIMITS)).toEqual([])
    // A Sheets model is not an .xlsx one: its titles and texts are too long for Excel.
    expect(checkSheets(forSheets, XLSX_LIMITS)).toEqual([
      'sheet "Service rating": cell (2, 2) holds 50000 characters, over 32767',
      'sheet "Key drivers of satisfaction, by group": title empty or over 31 characters (.xlsx)',
      'sheet "Key drivers of satisfaction, by channel": title empty or over 31 characters (.xlsx)',
      'sheet "Data issues": cell (4, 2) holds 50000 characters, over 32767',
    ])
  })

  it('makes a sheet per table and one for the issues, titles unique within the limit', () => {
    expect(forSheets.map((s) => [s.table, s.title])).toEqual([
      ['rating', 'Service rating'],
      ['distribution', 'Score distribution'],
      ['aspects', 'Aspect scores'],
      ['regions', 'Satisfaction by region'],
      ['drivers', 'Key drivers of satisfaction, by group'],
      ['channels', 'Key drivers of satisfaction, by channel'],
      ['issues', 'Data issues'],
    ])
    expect(forXlsx.map((s) => s.title).slice(4, 6)).toEqual([
      'Key drivers of satisfaction, by',
      'Key drivers of satisfaction (2)',
    ])
  })

  it('gives a label named like a prototype member its own row and cell', () => {
    const rating = sheetOf(forSheets, 'rating')
    expect(column(rating, 1).slice(1, 5)).toEqual(PROTOTYPE_LABELS)
    expect(column(sheetOf(forSheets, 'regions'), 0).slice(1)).toEqual([
      '__proto__',
      'constructor',
      'Astana',
    ])
    expect(sheetOf(forSheets, 'distribution').values[4].slice(0, 3)).toEqual([
      'Agency',
      '__proto__',
      40,
    ])
    expect(sheetOf(forSheets, 'issues').values[3]).toEqual([
      3,
      '__proto__',
      'constructor',
      'not a score',
    ])
  })

  it('lays a table out: bold frozen header, values, notes, grey small base, bold total', () => {
    const rating = sheetOf(forSheets, 'rating')
    // 1 header + 5 rows + total; 7 columns, a spare one and the chart's anchor column.
    expect([rating.rows, rating.columns, rating.frozenRows]).toEqual([7, 9, 1])
    expect(rating.values[0]).toEqual([
      'Rank',
      'Service',
      'Agency',
      'Respondents',
      'Satisfaction',
      'Mean score',
      'Small base',
      null,
      null,
    ])
    expect(rating.bold[0]).toEqual([...Array(7).fill(true), false, false])
    expect(rating.values[1]).toEqual([1, 'constructor', '=1+1', 200, 0.9, 4.8, false, null, null])
    expect(rating.values[5]).toEqual([null, 'Rare', 'valueOf', 12, null, 4.5, true, null, null])
    expect(rating.notes[5][0]).toBe('Small base (under 30): not ranked')
    expect(rating.notes[5][4]).toBe('base below the minimum')
    const grey = { red: 0.6, green: 0.6, blue: 0.6 }
    expect(rating.colors[5]).toEqual([...Array(7).fill(grey), null, null])
    expect(rating.colors.filter((row) => row.some(Boolean))).toHaveLength(1)
    expect(rating.bold[6].slice(0, 7)).toEqual(Array(7).fill(true))
    expect(rating.values[6].slice(0, 6)).toEqual([null, 'Total', null, 800, 0.75, 4.6])
  })

  it('formats whole columns below the header, and sizes columns to their text', () => {
    const rating = sheetOf(forSheets, 'rating')
    expect(rating.formats[0]).toEqual(Array(9).fill(null))
    for (let r = 1; r < 7; r++) {
      expect(rating.formats[r]).toEqual(['0', null, null, '0', '0.0%', '0.00', null, null, null])
    }
    expect(sheetOf(forSheets, 'drivers').formats[1][2]).toBe('0.000')
    // 7 px a character plus 16, 60 to 400 px: "hasOwnProperty" is 14, a number counts 7.
    expect(rating.widths).toEqual([65, 114, 400, 93, 100, 86, 86, null, null])
  })

  it('keeps a row below the frozen header of an empty table', () => {
    const channels = sheetOf(forSheets, 'channels')
    expect([channels.rows, channels.columns, channels.frozenRows]).toEqual([2, 2, 1])
    expect(channels.values).toEqual([
      ['Service', 'Difference'],
      [null, null],
    ])
    expect(channels.formats[1]).toEqual([null, '0.0%'])
  })

  it('cuts text longer than a cell holds and says so in the cell’s note', () => {
    const sheetsCell = sheetOf(forSheets, 'rating').values[2][2]
    const xlsxCell = sheetOf(forXlsx, 'rating').values[2][2]
    expect(sheetsCell).toBe(LONG_TEXT.slice(0, 50_000))
    expect(xlsxCell).toBe(LONG_TEXT.slice(0, 32_767))
    expect(sheetOf(forSheets, 'rating').notes[2][2]).toBe(
      'Text cut from 60000 to 50000 characters: a Google Sheets cell holds no more',
    )
    expect(sheetOf(forXlsx, 'issues').notes[4][2]).toBe(
      'Text cut from 60000 to 32767 characters: a .xlsx cell holds no more',
    )
  })

  it('colours each aspects row from its weakest to its strongest aspect', () => {
    const aspects = sheetOf(forSheets, 'aspects')
    expect(aspects.rules).toHaveLength(3)
    aspects.rules.forEach((rule, i) => {
      expect(rule.boxes).toEqual([{ row: i + 1, column: 4, rows: 1, columns: 8 }])
      expect([hexOf(rule.min), hexOf(rule.mid.color), hexOf(rule.max)]).toEqual([
        '#f8696b',
        '#ffeb84',
        '#63be7b',
      ])
      expect(rule.mid.percentile).toBe(50)
    })
  })

  it('charts ranked services, channels as 100 % stacked bars, and regions', () => {
    const charts = forSheets.flatMap((sheet) => sheet.charts.map((chart) => [sheet.table, chart]))
    expect(charts.map(([table]) => table)).toEqual(['rating', 'distribution', 'regions'])
    expect(sheetOf(forSheets, 'rating').charts).toEqual([
      {
        kind: 'bar',
        stacked: false,
        title: 'Service rating',
        legend: false,
        axisTitle: 'Satisfaction',
        // The header and the four ranked services; the small base is left out.
        domain: { row: 0, column: 1, rows: 5, columns: 1 },
        series: [{ row: 0, column: 4, rows: 5, columns: 1 }],
        anchor: { row: 0, column: 8 },
        width: 640,
        height: 320,
      },
    ])
    const distribution = sheetOf(forSheets, 'distribution').charts[0]
    expect(distribution).toMatchObject({ stacked: true, legend: true, axisTitle: 'Share' })
    expect(distribution.domain).toEqual({ row: 0, column: 1, rows: 4, columns: 1 })
    expect(distribution.series.map((box) => box.column)).toEqual([3, 4, 5, 6, 7])
  })

  it('marks every sheet as Sapa’s with the engine version, the time and its table', () => {
    for (const sheet of forSheets) {
      expect(sheet.metadata).toEqual([
        {
          key: 'sapa.generated',
          value: `{"engine":"0.1.0","generatedAt":"${FIXTURE_TIME}","table":"${sheet.table}"}`,
        },
      ])
    }
  })
})

describe('chart sources on the sample’s report', () => {
  it('are one contiguous box each, holding the header and every row the chart is for', async () => {
    const result = report(await readSurvey('samples/survey-2017.xlsx'))
    const sheets = buildSheets(result, { generatedAt: FIXTURE_TIME })
    expect(checkSheets(sheets, SHEETS_LIMITS)).toEqual([])
    // What each diagram of the report shows, read from the tables themselves.
    const shown: Record<string, (row: Table['rows'][number]) => boolean> = {
      rating: (row) => row.smallBase !== true,
      distribution: (row) => row.groupType === 'channel',
      regions: () => true,
    }
    const charted = sheets.filter((sheet) => sheet.charts.length > 0)
    expect(charted.map((sheet) => sheet.table)).toEqual(['rating', 'distribution', 'regions'])
    for (const sheet of charted) {
      const table = result.tables.find((t) => t.id === sheet.table) as Table
      const rows = table.rows.flatMap((row, i) => (shown[sheet.table](row) ? [i + 1] : []))
      expect(rows.length, sheet.table).toBeGreaterThan(2)
      const [chart] = sheet.charts
      for (const box of [chart.domain, ...chart.series]) {
        expect(box.columns).toBe(1)
        // Header row 0, then rows 1..k without a gap: exactly the rows the chart is for.
        const boxRows = Array.from({ length: box.rows }, (_, i) => box.row + i)
        expect(boxRows, sheet.table).toEqual([0, ...rows])
      }
    }
  })
})

describe('freeTitle', () => {
  it('cuts to the limit and numbers a title taken, whatever its case', () => {
    const long = 'Ә'.repeat(120)
    const used: string[] = []
    const titles = [long, long, 'Rating', 'rating', '  '].map((title) => {
      const free = freeTitle(title, caseless(used), 100)
      used.push(free)
      return free
    })
    expect(titles.every((t) => t.length <= 100)).toBe(true)
    expect(titles[0]).toBe('Ә'.repeat(100))
    expect(titles[1]).toBe(`${'Ә'.repeat(96)} (2)`)
    expect(titles.slice(2)).toEqual(['Rating', 'rating (2)', 'Sapa'])
    expect(freeTitle('Rating', caseless(['RATING', 'Rating (2)']), 31)).toBe('Rating (3)')
    expect(freeTitle('x'.repeat(40), caseless(['x'.repeat(31)]), 31)).toBe(`${'x'.repeat(27)} (2)`)
  })

  it('never cuts a character in half', () => {
    expect(freeTitle(`${'a'.repeat(30)}😀`, () => false, 31)).toBe('a'.repeat(30))
  })
})

describe('A1 notation and colours', () => {
  it('name columns and boxes as Sheets and Excel do', () => {
    expect([0, 25, 26, 51, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA'])
    expect(a1Of({ row: 1, column: 1, rows: 4, columns: 3 })).toBe('B2:D5')
    expect(a1Of({ row: 0, column: 27, rows: 1, columns: 1 })).toBe('AB1:AB1')
  })

  it('write 0..1 components as hex, clamped', () => {
    expect(hexOf({ red: 0.6, green: 0.6, blue: 0.6 })).toBe('#999999')
    expect(hexOf({ red: 1, green: 0, blue: 0 })).toBe('#ff0000')
    expect(hexOf({ red: 1.2, green: -1, blue: 0.973 })).toBe('#ff00f8')
  })
})
