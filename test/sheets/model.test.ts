import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { readSurvey } from '../../cli/index'
import { report, type Table } from '../../engine/index'
import { textBar } from '../../sheets/build/chapters'
import { rankRange, signTarget } from '../../sheets/build/table'
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
import {
  FIXTURE_TIME,
  fixtureReport,
  LONG_TEXT,
  PROTOTYPE_LABELS,
  SIGNIFICANCE_NOTE,
} from '../support/sheet-fixture'

const forSheets = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME })
const forXlsx = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME, limits: XLSX_LIMITS })
const sheetOf = (sheets: SheetModel[], table: string) => {
  const found = sheets.find((sheet) => sheet.table === table)
  if (!found) throw new Error(`no ${table} sheet`)
  return found
}
const column = (sheet: SheetModel, c: number) => sheet.values.map((row) => row[c])
const GREY = { red: 0.6, green: 0.6, blue: 0.6 }
const UP = '#34a853'
const DOWN = '#ea4335'
const hexes = (row: SheetModel['colors'][number]) => row.map((color) => color && hexOf(color))

describe('buildSheets', () => {
  it('keeps every invariant of the platform it builds for', () => {
    expect(checkSheets(forSheets, SHEETS_LIMITS)).toEqual([])
    expect(checkSheets(forXlsx, XLSX_LIMITS)).toEqual([])
    // A Sheets model is not an .xlsx one: its titles and texts are too long for Excel.
    expect(checkSheets(forSheets, XLSX_LIMITS)).toEqual([
      'sheet "Service rating": cell (2, 3) holds 50000 characters, over 32767',
      'sheet "Connections, informal payments and complaints": title empty or over 31 characters (.xlsx)',
      'sheet "Key drivers of satisfaction, by group": title empty or over 31 characters (.xlsx)',
      'sheet "Key drivers of satisfaction, by channel": title empty or over 31 characters (.xlsx)',
      'sheet "Data issues": cell (4, 2) holds 50000 characters, over 32767',
    ])
  })

  it('makes a sheet per table, the chapters, the weights and the issues, titles unique', () => {
    expect(forSheets.map((s) => [s.table, s.title])).toEqual([
      ['rating', 'Service rating'],
      ['distribution', 'Score distribution'],
      ['aspects', 'Aspect scores'],
      ['places', 'By place of service'],
      ['regions', 'Satisfaction by region'],
      ['barriers', 'Connections, informal payments and complaints'],
      ['drivers', 'Key drivers of satisfaction, by group'],
      ['channels', 'Key drivers of satisfaction, by channel'],
      ['demographics', 'By age and gender'],
      ['waves', 'Against the previous wave'],
      ['chapters', 'Services'],
      ['weights', 'Weights'],
      ['issues', 'Data issues'],
    ])
    expect(forXlsx.map((s) => s.title).slice(5, 8)).toEqual([
      'Connections, informal payments',
      'Key drivers of satisfaction, by',
      'Key drivers of satisfaction (2)',
    ])
  })

  it('gives a label named like a prototype member its own row and cell', () => {
    const rating = sheetOf(forSheets, 'rating')
    expect(column(rating, 2).slice(1, 5)).toEqual(PROTOTYPE_LABELS)
    expect(column(sheetOf(forSheets, 'regions'), 0).slice(1, 4)).toEqual([
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
    const chapters = sheetOf(forSheets, 'chapters')
    expect(column(chapters, 0).slice(5, 8)).toEqual(['constructor', 'toString', 'Third'])
  })

  it('lays a table out: bold frozen header, values, notes, grey small base, bold total', () => {
    const rating = sheetOf(forSheets, 'rating')
    // 1 header + 5 rows + total, a blank row and the table's note; 10 columns shown, a spare
    // one and the chart's anchor column.
    expect([rating.rows, rating.columns, rating.frozenRows]).toEqual([9, 12, 1])
    expect(rating.values[0]).toEqual([
      'Rank',
      'Rank range',
      'Service',
      'Agency',
      'Respondents',
      'Satisfaction',
      '▲▼',
      'Mean score',
      '▲▼',
      'Small base',
      null,
      null,
    ])
    expect(rating.bold[0]).toEqual([...Array(10).fill(true), false, false])
    expect(rating.values[1]).toEqual([
      1,
      '1–2',
      'constructor',
      '=1+1',
      200,
      0.9,
      '▲',
      4.8,
      '▲',
      false,
      null,
      null,
    ])
    expect(rating.values[5]).toEqual([
      null,
      null,
      'Rare',
      'valueOf',
      12,
      null,
      null,
      4.5,
      null,
      true,
      null,
      null,
    ])
    expect(rating.notes[5][0]).toBe('Small base (under 30): not ranked')
    expect(rating.notes[5][1]).toBe('small base: not ranked')
    expect(rating.notes[5][5]).toBe('base below the minimum')
    expect(rating.colors[5]).toEqual([...Array(10).fill(GREY), null, null])
    expect(rating.bold[6].slice(0, 10)).toEqual(Array(10).fill(true))
    expect(rating.values[6].slice(0, 8)).toEqual([null, null, 'Total', null, 800, 0.75, null, 4.6])
  })

  it('shows the rank range as "3–9" beside the rank, one rank alone', () => {
    const rating = sheetOf(forSheets, 'rating')
    expect(column(rating, 1).slice(1, 6)).toEqual(['1–2', '1–2', '3', '3–4', null])
    expect(rankRange(3, 9)).toBe('3–9')
    expect(rankRange(5, 5)).toBe('5')
    expect(rankRange(null, 9)).toBeNull()
  })

  it('shows significance as ▲ in green and ▼ in red beside its measure, named in a note', () => {
    const rating = sheetOf(forSheets, 'rating')
    // Satisfaction +1, 0, 0, −1 and the small base's null; the mean +1, +1, null, −1, 0.
    expect(column(rating, 6).slice(1, 6)).toEqual(['▲', null, null, '▼', null])
    expect(column(rating, 8).slice(1, 6)).toEqual(['▲', '▲', null, '▼', null])
    expect(rating.colors.slice(1, 5).map((row) => hexes(row).slice(6, 9))).toEqual([
      [UP, null, UP],
      [null, null, UP],
      [null, null, null],
      [DOWN, null, DOWN],
    ])
    expect(rating.notes[0][6]).toBe('Satisfaction vs the rest')
    expect(rating.notes[0][8]).toBe('Mean vs the rest')
    expect(rating.notes[3][8]).toBe('not testable: no variance')
    // corpSigSatisfaction goes beside corpSatisfaction; the total is not tested.
    const regions = sheetOf(forSheets, 'regions')
    expect(regions.values[0]).toEqual([
      'Region',
      'Respondents',
      'Satisfaction',
      '▲▼',
      'State Corporation: satisfaction',
      '▲▼',
      null,
      null,
    ])
    expect(column(regions, 3).slice(1, 5)).toEqual(['▼', null, '▲', null])
    expect(regions.notes[0][5]).toBe('State Corporation: satisfaction vs the rest')
    expect(signTarget('sigSatisfaction')).toBe('satisfaction')
    expect(signTarget('localSigMean')).toBe('localMean')
    expect(signTarget('sigChangeMean')).toBe('changeMean')
    expect(signTarget('designEffect')).toBeNull()
  })

  it('leaves machine keys out: the label beside says it, under the key’s heading', () => {
    const distribution = sheetOf(forSheets, 'distribution')
    expect(distribution.values[0].slice(0, 4)).toEqual([
      'Group type',
      'Group',
      'Respondents',
      'Share 1',
    ])
    expect(column(distribution, 1).slice(1, 4)).toEqual([
      'Channel body',
      'Channel corp',
      'Channel portal',
    ])
    expect(sheetOf(forSheets, 'places').values[0].slice(0, 3)).toEqual([
      'Service',
      'Place',
      'Respondents',
    ])
    expect(sheetOf(forSheets, 'drivers').values[1].slice(0, 6)).toEqual([
      'Central bodies',
      'Trust',
      0.698,
      300,
      0.6,
      4.5,
    ])
    const everything = forSheets.flatMap((sheet) => sheet.values.flat())
    for (const key of ['body', 'corp', 'portal', 'central', 'female']) {
      expect(everything, key).not.toContain(key)
    }
  })

  it('names a total row by its label where it would show the key `total`', () => {
    expect(sheetOf(forSheets, 'regions').values[4].slice(0, 3)).toEqual(['All regions', 93, 0.6])
    expect(sheetOf(forSheets, 'distribution').values[7][0]).toBe('All channels')
    expect(sheetOf(forSheets, 'waves').values[4][0]).toBe('Total (common services)')
  })

  it('writes every table’s notes under it, a row each', () => {
    const report = fixtureReport()
    for (const table of report.tables.filter((t) => (t.notes ?? []).length > 0)) {
      const sheet = sheetOf(forSheets, table.id)
      const notes = table.notes ?? []
      const at = column(sheet, 0).indexOf(notes[0])
      expect(at, table.id).toBeGreaterThan(table.rows.length)
      expect(column(sheet, 0).slice(at, at + notes.length), table.id).toEqual(notes)
      expect(sheet.values[at - 1].every((value) => value === null)).toBe(true)
    }
    expect(column(sheetOf(forSheets, 'rating'), 0)[8]).toBe(SIGNIFICANCE_NOTE)
  })

  it('formats whole columns below the header, and sizes columns to their text', () => {
    const rating = sheetOf(forSheets, 'rating')
    expect(rating.formats[0]).toEqual(Array(12).fill(null))
    const formats = ['0', null, null, null, '0', '0.0%', null, '0.00', null, null, null, null]
    for (let r = 1; r < 7; r++) expect(rating.formats[r]).toEqual(formats)
    expect(sheetOf(forSheets, 'drivers').formats[1].slice(2, 6)).toEqual([
      '0.000',
      '0',
      '0.0%',
      '0.00',
    ])
    // 7 px a character plus 16, 60 to 400 px: "hasOwnProperty" is 14, a number or blank counts
    // 7; a header wraps, so its longest word counts ("Rank range": 5, "Satisfaction": 12).
    expect(rating.widths).toEqual([65, 65, 114, 400, 93, 100, 65, 65, 65, 65, null, null])
    expect(rating.wraps[0]).toEqual([...Array(10).fill(true), false, false])
    expect(rating.wraps.slice(1).flat().some(Boolean)).toBe(false)
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
    const sheetsCell = sheetOf(forSheets, 'rating').values[2][3]
    const xlsxCell = sheetOf(forXlsx, 'rating').values[2][3]
    expect(sheetsCell).toBe(LONG_TEXT.slice(0, 50_000))
    expect(xlsxCell).toBe(LONG_TEXT.slice(0, 32_767))
    expect(sheetOf(forSheets, 'rating').notes[2][3]).toBe(
      'Text cut from 60000 to 50000 characters: a Google Sheets cell holds no more',
    )
    expect(sheetOf(forXlsx, 'issues').notes[4][2]).toBe(
      'Text cut from 60000 to 32767 characters: a .xlsx cell holds no more',
    )
  })

  it('colours each aspects and places row from its weakest to its strongest aspect', () => {
    const aspects = sheetOf(forSheets, 'aspects')
    expect(aspects.rules).toHaveLength(3)
    aspects.rules.forEach((rule, i) => {
      // Group type, group, n, overall, then the eight aspects.
      expect(rule.boxes).toEqual([{ row: i + 1, column: 4, rows: 1, columns: 8 }])
      expect([hexOf(rule.min), hexOf(rule.mid.color), hexOf(rule.max)]).toEqual([
        '#f8696b',
        '#ffeb84',
        '#63be7b',
      ])
      expect(rule.mid.percentile).toBe(50)
    })
    // Service, place, n, satisfaction, ▲▼, mean, then the aspects.
    expect(sheetOf(forSheets, 'places').rules.map((rule) => rule.boxes)).toEqual([
      [{ row: 1, column: 6, rows: 1, columns: 8 }],
      [{ row: 2, column: 6, rows: 1, columns: 8 }],
      [{ row: 3, column: 6, rows: 1, columns: 8 }],
    ])
  })

  it('charts ranked services, channels as 100 % stacked bars, regions and compared services', () => {
    const charts = forSheets.flatMap((sheet) => sheet.charts.map((chart) => [sheet.table, chart]))
    expect(charts.map(([table]) => table)).toEqual([
      'rating',
      'distribution',
      'regions',
      'drivers',
      'drivers',
      'waves',
    ])
    expect(sheetOf(forSheets, 'rating').charts).toEqual([
      {
        kind: 'bar',
        stacked: false,
        title: 'Service rating',
        legend: false,
        axisTitle: 'Satisfaction',
        domainAxisTitle: null,
        // The header and the four ranked services; the small base is left out.
        domain: { row: 0, column: 2, rows: 5, columns: 1 },
        series: [{ row: 0, column: 5, rows: 5, columns: 1 }],
        anchor: { row: 0, column: 11 },
        width: 640,
        height: 320,
      },
    ])
    const distribution = sheetOf(forSheets, 'distribution').charts[0]
    expect(distribution).toMatchObject({ stacked: true, legend: true, axisTitle: 'Share' })
    // The channels' labels (the keys are not shown).
    expect(distribution.domain).toEqual({ row: 0, column: 1, rows: 4, columns: 1 })
    expect(distribution.series.map((box) => box.column)).toEqual([3, 4, 5, 6, 7])
  })

  it('lists the services both waves assessed first and charts their change', () => {
    const waves = sheetOf(forSheets, 'waves')
    expect(column(waves, 0).slice(0, 5)).toEqual([
      'Service',
      'constructor',
      'toString',
      'New',
      'Total (common services)',
    ])
    expect(waves.values[3].slice(0, 5)).toEqual(['New', 0.7, null, null, null])
    expect(waves.notes[3][3]).toBe('assessed in this wave only: not compared')
    expect(hexes(waves.colors[1])[4]).toBe(UP)
    expect(waves.charts).toEqual([
      {
        kind: 'bar',
        stacked: false,
        title: 'Against the previous wave',
        legend: false,
        axisTitle: 'Change in satisfaction',
        domainAxisTitle: null,
        domain: { row: 0, column: 0, rows: 3, columns: 1 },
        series: [{ row: 0, column: 3, rows: 3, columns: 1 }],
        anchor: { row: 0, column: 6 },
        width: 640,
        height: 320,
      },
    ])
  })

  it('charts each driver group’s importance against performance, an aspect a series', () => {
    const drivers = sheetOf(forSheets, 'drivers')
    // The table (rows 0–4), a blank row, its note, a blank row, then per group a caption, a
    // header of the aspects and a row per aspect: its importance and, in its column, its mean.
    expect(drivers.values.slice(8, 17).map((row) => row.slice(0, 4))).toEqual([
      ['Central bodies: chart data', null, null, null],
      ['Aspect', 'Relative importance', 'Trust', 'Timeliness'],
      ['Trust', 0.6, 4.5, null],
      ['Timeliness', 0.4, null, 4.3],
      [null, null, null, null],
      ['Total: chart data', null, null, null],
      ['Aspect', 'Relative importance', 'Trust', 'Timeliness'],
      ['Trust', 0.75, 4.6, null],
      ['Timeliness', 0.25, null, 4.2],
    ])
    expect(drivers.formats[10].slice(1, 3)).toEqual(['0.0%', '0.00'])
    const box = (row: number, c: number) => ({ row, column: c, rows: 3, columns: 1 })
    expect(drivers.charts).toEqual([
      {
        kind: 'scatter',
        stacked: false,
        title: 'Key drivers of satisfaction, by group: Central bodies',
        legend: true,
        // The quadrants' boundaries: the group's average importance and score.
        axisTitle: 'Mean score (average 4.40)',
        domainAxisTitle: 'Relative importance (average 50.0 %)',
        domain: box(9, 1),
        series: [box(9, 2), box(9, 3)],
        // Right of the table (6 columns) and a spare one.
        anchor: { row: 0, column: 7 },
        width: 600,
        height: 420,
      },
      {
        kind: 'scatter',
        stacked: false,
        title: 'Key drivers of satisfaction, by group: Total',
        legend: true,
        axisTitle: 'Mean score (average 4.40)',
        domainAxisTitle: 'Relative importance (average 50.0 %)',
        domain: box(14, 1),
        series: [box(14, 2), box(14, 3)],
        anchor: { row: 22, column: 7 },
        width: 600,
        height: 420,
      },
    ])
  })

  it('charts r against the mean while the drivers have no importance', () => {
    const report = fixtureReport()
    const drivers = report.tables.find((t) => t.id === 'drivers') as Table
    drivers.columns = drivers.columns.filter((c) => c.key !== 'importance')
    for (const row of drivers.rows) delete row.importance
    const [chart] = sheetOf(buildSheets(report, { generatedAt: '' }), 'drivers').charts
    // r 0.698 and −0.05: the average is 0.324.
    expect(chart.domainAxisTitle).toBe('Correlation (r) (average 0.324)')
  })

  it('marks every sheet as Sapa’s with the engine version, the time and what it shows', () => {
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

describe('the chapters sheet', () => {
  const chapters = sheetOf(forSheets, 'chapters')
  const rows = (from: number, to: number, width = 4) =>
    chapters.values.slice(from, to).map((row) => row.slice(0, width))

  it('opens with its title, the places’ notes and contents linking to each block', () => {
    expect(rows(0, 9, 1)).toEqual([
      ['Services'],
      [SIGNIFICANCE_NOTE],
      ["Each place is compared with the same service's other places."],
      [null],
      ['Contents'],
      ['constructor'],
      ['toString'],
      ['Third'],
      [null],
    ])
    expect([chapters.bold[0][0], chapters.bold[4][0], chapters.frozenRows]).toEqual([true, true, 1])
    // Each link leads to its block's title: the service again, in bold.
    expect(chapters.links.slice(5, 8).map((row) => row[0])).toEqual([
      { row: 9, column: 0 },
      { row: 34, column: 0 },
      { row: 53, column: 0 },
    ])
    for (const row of [9, 34, 53]) expect(chapters.bold[row][0]).toBe(true)
    expect([chapters.values[9][0], chapters.values[34][0], chapters.values[53][0]]).toEqual([
      'constructor',
      'toString',
      'Third',
    ])
    expect(chapters.links.flat().filter(Boolean)).toHaveLength(3)
  })

  it('shows a service’s distribution with a bar of █ per 5 %, eighths at its end', () => {
    expect(rows(10, 18)).toEqual([
      ['Score distribution', null, null, null],
      ['Score', 'Share', null, 'Count'],
      [1, 0, null, 0],
      [2, 0.0125, '▎', 2.5],
      [3, 0.1, '██', 20],
      [4, 0.3875, '███████▊', 77.5],
      [5, 0.5, '██████████', 100],
      ['Total', null, null, 200],
    ])
    expect(chapters.formats[12].slice(0, 4)).toEqual(['0', '0.0%', null, '0'])
    expect(hexes(chapters.colors[13])[2]).toBe('#4285f4')
    expect(textBar(1)).toBe('█'.repeat(20))
    expect(textBar(0.03)).toBe('▋')
    expect(textBar(0.001)).toBeNull()
    expect(textBar(null)).toBeNull()
  })

  it('shows satisfaction, ▲▼, mean and aspects by place, the service over all places last', () => {
    expect(rows(19, 24, 6)).toEqual([
      ['By place of service', null, null, null, null, null],
      ['Place', 'Respondents', 'Satisfaction', '▲▼', 'Mean score', 'infoAccess'],
      ['State body', 120, 0.6, '▼', 4.4, 4],
      ['State Corporation', 80, 0.8, '▲', 4.7, 4.1],
      // The aspects row of the service: its n and overall mean; the rating's satisfaction.
      ['Total', 50, 0.9, null, 4.1, 3],
    ])
    expect(hexes(chapters.colors[21])[3]).toBe(DOWN)
    expect(hexes(chapters.colors[22])[3]).toBe(UP)
    expect(chapters.bold[23].slice(0, 13)).toEqual(Array(13).fill(true))
    expect(chapters.rules.slice(0, 3).map((rule) => rule.boxes)).toEqual([
      [{ row: 21, column: 5, rows: 1, columns: 8 }],
      [{ row: 22, column: 5, rows: 1, columns: 8 }],
      [{ row: 23, column: 5, rows: 1, columns: 8 }],
    ])
  })

  it('shows age and gender, and the barriers; small bases grey with a note', () => {
    expect(rows(25, 33, 4)).toEqual([
      ['By age and gender', null, null, null],
      ['Dimension', 'Band', 'Respondents', 'Satisfaction'],
      ['Age', '18-29', 150, 0.72],
      ['Gender', 'Female', 20, 0.65],
      [null, null, null, null],
      ['Connections, informal payments and complaints', null, null, null],
      ['Respondents', 'Personal connections', 'Complaints', null],
      [205, 0.02, 0.05, null],
    ])
    expect(chapters.colors[27].slice(0, 4)).toEqual([null, null, null, null])
    expect(chapters.colors[28].slice(0, 4)).toEqual(Array(4).fill(GREY))
    expect(chapters.notes[28][0]).toBe('Small base (under 30)')
    // toString: 12 respondents. Its distribution, place and barriers are grey.
    expect(rows(37, 38)).toEqual([[1, 0.25, '█████', 3]])
    expect(chapters.colors[37].slice(0, 4)).toEqual(Array(4).fill(GREY))
    expect(chapters.notes[37][0]).toBe('Small base (under 30)')
    expect(rows(46, 47, 4)).toEqual([['E-government portal', 12, 0.5, null]])
    expect(chapters.notes[46][3]).toBe('not testable: one place only')
    expect(rows(51, 52, 3)).toEqual([[12, 0, null]])
    expect(chapters.notes[51]).toEqual([
      'Small base (under 30)',
      null,
      'nobody answered',
      ...Array(10).fill(null),
    ])
    // Third: only in the aspects table, so its places section is the total alone.
    expect(rows(53, 57, 3)).toEqual([
      ['Third', null, null],
      ['By place of service', null, null],
      ['Place', 'Respondents', 'Satisfaction'],
      ['Total', 52, null],
    ])
  })

  it('is left out when the report has no per-service table', () => {
    const report = fixtureReport()
    report.tables = report.tables.filter((t) => t.id === 'rating')
    const sheets = buildSheets(report, { generatedAt: '' })
    expect(sheets.map((sheet) => sheet.table)).toEqual(['rating', 'weights', 'issues'])
  })
})

describe('the Weights sheet', () => {
  it('shows each margin’s target, achieved and sample share, then what raking did', () => {
    const weights = sheetOf(forSheets, 'weights')
    expect(weights.values).toEqual([
      ['Dimension', 'Category', 'Target share', 'Achieved share', 'Sample share'],
      ['Region', 'Astana', 0.4, 0.4, 0.5],
      ['Region', 'constructor', 0.6, 0.6, 0.5],
      // Keys of derived categories by their labels.
      ['Gender', 'Female', 0.52, 0.52, 0.6],
      ['Level', 'Local executive bodies', 0.5, 0.49, 0.45],
      [null, null, null, null, null],
      ['Iterations', 7, null, null, null],
      ['Converged', 'Yes', null, null, null],
      ['Largest error', 0.0001, null, null, null],
      ['Efficiency (Kish)', 0.8, null, null, null],
      ['Design effect', 1.25, null, null, null],
      ['Smallest weight', 0.5, null, null, null],
      ['Largest weight', 2.5, null, null, null],
      ['Respondents held at a trimming bound', 3, null, null, null],
      ['Respondents outside the bounds', 0, null, null, null],
      [null, null, null, null, null],
      [
        "The sample was raked (iterative proportional fitting) to the population's shares; weights are relative to their mean.",
        null,
        null,
        null,
        null,
      ],
    ])
    expect(weights.formats[1].slice(2)).toEqual(['0.0%', '0.0%', '0.0%'])
    expect(
      column(weights, 1)
        .slice(6, 15)
        .map((_, i) => weights.formats[6 + i][1]),
    ).toEqual(['0', null, '0.00%', '0.0%', '0.00', '0.00', '0.00', '0', '0'])
    expect(weights.frozenRows).toBe(1)
  })

  it('is there only when the report was raked', () => {
    const report = fixtureReport()
    delete report.summary.weighting
    const kinds = buildSheets(report, { generatedAt: '' }).map((sheet) => sheet.table)
    expect(kinds).not.toContain('weights')
  })
})

describe('the sample’s report with the 2016 wave and regional margins', () => {
  it('keeps every invariant; each chart box is contiguous and holds exactly its rows', async () => {
    const [survey, previous] = await Promise.all([
      readSurvey('samples/survey-2017.xlsx'),
      readSurvey('samples/survey-2016.xlsx'),
    ])
    const margins: Record<string, string>[] = parse(
      readFileSync('samples/margins-regions-2017.csv', 'utf8'),
      { columns: true },
    )
    const region = Object.fromEntries(margins.map((m) => [m.category, Number(m.share)]))
    const result = report(survey, { weighting: { margins: { region } } }, previous)
    const sheets = buildSheets(result, { generatedAt: FIXTURE_TIME })
    expect(checkSheets(sheets, SHEETS_LIMITS)).toEqual([])
    expect(sheets.map((sheet) => sheet.table)).toEqual([
      ...result.tables.filter((t) => t.id !== 'issues').map((t) => t.id),
      'chapters',
      'weights',
      'issues',
    ])
    // What each bar chart of the report shows, read from the tables themselves.
    const shown: Record<string, (row: Table['rows'][number]) => boolean> = {
      rating: (row) => row.smallBase !== true,
      distribution: (row) => row.groupType === 'channel',
      regions: () => true,
      waves: (row) => typeof row.change === 'number',
    }
    const bars = sheets.filter((sheet) => sheet.charts.some((chart) => chart.kind === 'bar'))
    expect(bars.map((sheet) => sheet.table)).toEqual(['rating', 'distribution', 'regions', 'waves'])
    for (const sheet of bars) {
      const table = result.tables.find((t) => t.id === sheet.table) as Table
      const wanted = table.rows.filter(shown[sheet.table])
      expect(wanted.length, sheet.table).toBeGreaterThan(2)
      const [chart] = sheet.charts
      for (const box of [chart.domain, ...chart.series]) {
        expect(box.columns).toBe(1)
        // Header row 0, then rows 1..k without a gap: exactly the rows the chart is for.
        expect([box.row, box.rows], sheet.table).toEqual([0, wanted.length + 1])
      }
      const names = sheet.values.slice(1, wanted.length + 1).map((row) => row[chart.domain.column])
      const key = sheet.table === 'distribution' ? 'label' : table.columns[0].key
      expect(names, sheet.table).toEqual(
        wanted.map((row) => (sheet.table === 'rating' ? row.service : row[key])),
      )
    }
    // The drivers: a scatter per group, each source a column over its data block.
    const drivers = sheetOf(sheets, 'drivers')
    const groups = new Set(result.tables.find((t) => t.id === 'drivers')?.rows.map((r) => r.group))
    expect(drivers.charts.map((chart) => chart.kind)).toEqual([...groups].map(() => 'scatter'))
    for (const chart of drivers.charts) {
      expect(drivers.values[chart.domain.row][chart.domain.column]).toBe('Салыстырмалы маңыздылығы')
      for (const box of chart.series) expect([box.row, box.rows]).toEqual([chart.domain.row, 9])
    }
    // Every service has its block in the chapters, linked from the contents.
    const chapters = sheetOf(sheets, 'chapters')
    const links = chapters.links.flat().filter((link) => link !== null)
    expect(links).toHaveLength(result.summary.services)
    for (const link of links) expect(chapters.bold[link.row][link.column]).toBe(true)
  }, 60_000)
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

describe('checkSheets', () => {
  it('refuses a link off the grid or on a cell without text, and a stacked or untitled scatter', () => {
    const [drivers, chapters] = ['drivers', 'chapters'].map((t) =>
      structuredClone(sheetOf(forSheets, t)),
    )
    chapters.links[1][0] = { row: chapters.rows, column: 0 }
    chapters.links[3][0] = { row: 0, column: 0 }
    drivers.charts[0].stacked = true
    drivers.charts[1].domainAxisTitle = null
    expect(checkSheets([drivers, chapters], SHEETS_LIMITS)).toEqual([
      'sheet "Key drivers of satisfaction, by group": chart 0: a scatter is not stacked',
      'sheet "Key drivers of satisfaction, by group": chart 1: a scatter chart, and only one, titles its x axis',
      `sheet "Services": link of cell (1, 0) {"row":${chapters.rows},"column":0,"rows":1,"columns":1} outside the ${chapters.rows} × 13 grid`,
      'sheet "Services": cell (3, 0) links without text',
    ])
  })
})
