import type { sheets_v4 } from 'googleapis'
import { describe, expect, it } from 'vitest'
import { ASPECTS, type Cell, type Report, report } from '../../engine/index'
import { buildSheets, METADATA_KEY, sheetIdOf, sheetRequests } from '../../sheets/index'
import { ApiError, StandInSpreadsheet } from '../support/sheets-api'

type Request = sheets_v4.Schema$Request

/** The Worker's plan: the sheet model written as batchUpdate requests. */
const planSheets = (result: Report, options: { generatedAt: string }) =>
  sheetRequests(buildSheets(result, options))

/** Each table's sheet id, written out: "SAPA" in ASCII (0x53415041) plus the table's place. */
const IDS = {
  rating: 1396789313,
  distribution: 1396789314,
  aspects: 1396789315,
  regions: 1396789316,
  barriers: 1396789317,
  concern: 1396789318,
  drivers: 1396789319,
  channels: 1396789320,
  demographics: 1396789321,
  issues: 1396789322,
}

const ASPECT_HEADERS = [
  'Ақпараттың қолжетімділігі',
  'Ақпараттың айқындылығы',
  'Құжаттарды тапсыру',
  'Қызмет ұсыну мерзімдері',
  'Қызметкерлердің біліктілігі',
  'Қызметкердің шапшаңдығы',
  'Қызметкердің әдептілігі',
  'Қызмет ұсынушыға сенім',
]
const HEADER = ['Қызмет', 'Жалпы баға', 'Мемлекеттік орган', 'Өңір', 'Арна', ...ASPECT_HEADERS]
const CHANNELS = ['Меморган', 'ХҚКО', 'egov.kz']

/** Three big services, one rare one (small base), 1,200 unreadable trust answers. */
function survey(): { header: Cell[]; rows: Cell[][] } {
  const rows: Cell[][] = []
  for (let i = 0; i < 1500; i++) {
    const service = i % 100 === 0 ? 'Сирек қызмет' : `Қызмет ${1 + (i % 3)}`
    const aspects = ASPECTS.map((_, a) => 1 + ((i + a * 2) % 5))
    if (i < 1200) aspects[7] = 9
    rows.push([
      service,
      1 + ((i * 7) % 5),
      i % 2 ? 'ЖАО' : 'Әділет министрлігі',
      `Өңір ${i % 4}`,
      CHANNELS[i % 3],
      ...aspects,
    ])
  }
  return { header: HEADER, rows }
}

const result = report(survey(), { minBase: 30 })
const plan = planSheets(result, { generatedAt: '2026-07-01T00:00:00.000Z' })
const kinds = <K extends keyof Request>(kind: K) =>
  plan.flatMap((request) => request[kind] ?? []) as NonNullable<Request[K]>[]
const sheets = kinds('addSheet').map((add) => add.properties ?? {})
const sheetOf = (table: keyof typeof IDS) => sheets.find((sheet) => sheet.sheetId === IDS[table])

describe('the sheet plan of a real report', () => {
  it('is applied by a stand-in of the Sheets API that refuses what Sheets refuses', () => {
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(plan)
    expect(spreadsheet.sheets).toHaveLength(10)
  })

  it('creates one sheet per table, named by its title, with fixed ids, plus Issues', () => {
    expect(sheets.map((sheet) => sheet.sheetId)).toEqual(Object.values(IDS))
    expect(sheetIdOf('rating')).toBe(1396789313)
    expect(sheetIdOf('issues')).toBe(1396789322)
    const titles = result.tables.filter((t) => t.id !== 'issues').map((t) => t.title)
    expect(sheets.slice(0, -1).map((sheet) => sheet.title)).toEqual(titles)
    expect(planSheets(result, { generatedAt: '2026-07-01T00:00:00.000Z' })).toEqual(plan)
  })

  it('freezes a bold header row and writes every value', () => {
    const rating = result.tables.find((t) => t.id === 'rating')
    const cells = kinds('updateCells').find((u) => u.start?.sheetId === sheetOf('rating')?.sheetId)
    expect(sheetOf('rating')?.gridProperties?.frozenRowCount).toBe(1)
    const [header, first] = cells?.rows ?? []
    expect(header.values?.map((v) => v.userEnteredValue?.stringValue)).toEqual(
      rating?.columns.map((c) => c.label),
    )
    expect(header.values?.every((v) => v.userEnteredFormat?.textFormat?.bold)).toBe(true)
    const satisfaction = rating?.columns.findIndex((c) => c.key === 'satisfaction') ?? -1
    expect(first.values?.[satisfaction].userEnteredValue?.numberValue).toBe(
      rating?.rows[0].satisfaction,
    )
  })

  it('formats proportions as 0.0% and means as 0.00', () => {
    const rating = result.tables.find((t) => t.id === 'rating')
    const sheetId = sheetOf('rating')?.sheetId
    const formatOf = (key: string) => {
      const column = rating?.columns.findIndex((c) => c.key === key)
      return kinds('repeatCell').find(
        (r) => r.range?.sheetId === sheetId && r.range?.startColumnIndex === column,
      )?.cell?.userEnteredFormat?.numberFormat
    }
    expect(formatOf('satisfaction')).toEqual({ type: 'PERCENT', pattern: '0.0%' })
    expect(formatOf('mean')).toEqual({ type: 'NUMBER', pattern: '0.00' })
  })

  it('greys small-base rows and says why in a note', () => {
    const rating = result.tables.find((t) => t.id === 'rating')
    const small = rating?.rows.flatMap((row, i) => (row.smallBase ? [i + 1] : [])) ?? []
    expect(small).toHaveLength(1)
    const grey = kinds('repeatCell').filter(
      (r) =>
        r.range?.sheetId === sheetOf('rating')?.sheetId &&
        r.cell?.userEnteredFormat?.textFormat?.foregroundColorStyle,
    )
    expect(grey.map((r) => r.range?.startRowIndex)).toEqual(small)
    const cells = kinds('updateCells').find((u) => u.start?.sheetId === sheetOf('rating')?.sheetId)
    expect(cells?.rows?.[small[0]].values?.[0].note).toMatch(/30/)
  })

  it('colours each aspects row from its weakest to its strongest aspect', () => {
    const aspects = result.tables.find((t) => t.id === 'aspects')
    const rules = kinds('addConditionalFormatRule').map((r) => r.rule ?? {})
    expect(rules).toHaveLength(aspects?.rows.length ?? -1)
    const first = aspects?.columns.findIndex((c) => c.key === ASPECTS[0])
    for (const [i, rule] of rules.entries()) {
      expect(rule.ranges).toEqual([
        {
          sheetId: sheetOf('aspects')?.sheetId,
          startRowIndex: i + 1,
          endRowIndex: i + 2,
          startColumnIndex: first,
          endColumnIndex: (first ?? 0) + 8,
        },
      ])
      expect(rule.gradientRule?.minpoint?.type).toBe('MIN')
      expect(rule.gradientRule?.maxpoint?.type).toBe('MAX')
    }
  })

  it('charts the rating, the channel distribution as 100% stacked bars, and the regions', () => {
    const charts = kinds('addChart').map((c) => c.chart ?? {})
    expect(charts.map((c) => c.position?.overlayPosition?.anchorCell?.sheetId)).toEqual(
      (['rating', 'distribution', 'regions'] as const).map((t) => sheetOf(t)?.sheetId),
    )
    expect(charts.every((c) => c.spec?.basicChart?.chartType === 'BAR')).toBe(true)
    const distribution = charts[1].spec?.basicChart
    expect(distribution?.stackedType).toBe('PERCENT_STACKED')
    expect(distribution?.series).toHaveLength(5)
    const channelRows = result.tables
      .find((t) => t.id === 'distribution')
      ?.rows.filter((r) => r.groupType === 'channel')
    const domain = distribution?.domains?.[0].domain?.sourceRange?.sources ?? []
    const rowsCharted = domain.reduce(
      (n, s) => n + (s.endRowIndex ?? 0) - (s.startRowIndex ?? 0),
      0,
    )
    expect(rowsCharted).toBe((channelRows?.length ?? 0) + 1)
    const ranked = result.tables.find((t) => t.id === 'rating')?.rows.filter((r) => !r.smallBase)
    expect(
      charts[0].spec?.basicChart?.domains?.[0].domain?.sourceRange?.sources?.[0].endRowIndex,
    ).toBe((ranked?.length ?? 0) + 1)
  })

  it('marks every sheet as Sapa’s with the engine version and time', () => {
    const marks = kinds('createDeveloperMetadata').map((m) => m.developerMetadata ?? {})
    expect(marks.map((m) => m.location?.sheetId)).toEqual(sheets.map((s) => s.sheetId))
    for (const mark of marks) {
      expect(mark.metadataKey).toBe(METADATA_KEY)
      expect(JSON.parse(mark.metadataValue ?? '')).toMatchObject({
        engine: result.engine,
        generatedAt: '2026-07-01T00:00:00.000Z',
      })
    }
  })

  it('names group types in the language of the report on the sheet, keeping the keys in the JSON', () => {
    const aspects = kinds('updateCells').find((u) => u.start?.sheetId === IDS.aspects)
    const firstRow = aspects?.rows?.[1]?.values?.map((v) => v.userEnteredValue?.stringValue)
    expect(firstRow?.[0]).toBe('Қызмет')
    expect(result.tables.find((t) => t.id === 'aspects')?.rows[0].groupType).toBe('service')
    const ru = planSheets(report(survey(), { locale: 'ru' }), {
      generatedAt: '2026-07-01T00:00:00.000Z',
    })
    const ruAspects = ru.find((r) => r.updateCells?.start?.sheetId === IDS.aspects)
    expect(ruAspects?.updateCells?.rows?.[1]?.values?.[0].userEnteredValue?.stringValue).toBe(
      'Услуга',
    )
  })

  it('keeps a row below the frozen header of an empty Issues sheet', () => {
    const clean = report({ header: ['Қызмет', 'Жалпы баға'], rows: [['A', 5]] })
    const cleanPlan = planSheets(clean, { generatedAt: '2026-07-01T00:00:00.000Z' })
    new StandInSpreadsheet().batchUpdate(cleanPlan)
    const issues = cleanPlan
      .map((r) => r.addSheet?.properties)
      .find((p) => p?.sheetId === IDS.issues)
    expect(issues?.gridProperties).toMatchObject({ rowCount: 3, frozenRowCount: 2 })
  })

  it('lists the first 1,000 issues and counts them all', () => {
    expect(result.summary.issueCount).toBe(1200)
    const issues = sheetOf('issues')
    expect(issues?.gridProperties).toMatchObject({ rowCount: 1002, frozenRowCount: 2 })
    const cells = kinds('updateCells').find((u) => u.start?.sheetId === issues?.sheetId)
    expect(cells?.rows?.[0].values?.[0].userEnteredValue?.stringValue).toMatch(/1200.*1000/)
    expect(
      cells?.rows?.[2].values?.map(
        (v) => v.userEnteredValue?.numberValue ?? v.userEnteredValue?.stringValue,
      ),
    ).toEqual(Object.values(result.issues[0]))
  })

  it('names sheets in the chosen locale', () => {
    const english = planSheets(report(survey(), { locale: 'en', tables: ['rating'] }), {
      generatedAt: 'now',
    })
    expect(english.flatMap((r) => r.addSheet?.properties?.title ?? [])).toEqual([
      'Service rating',
      'Data issues',
    ])
  })
})

describe('the stand-in Sheets API', () => {
  const add = (sheetId: number, rowCount = 3, columnCount = 2): Request => ({
    addSheet: {
      properties: { sheetId, title: `S${sheetId}`, gridProperties: { rowCount, columnCount } },
    },
  })
  const range = (sheetId: number, endRowIndex: number) => ({
    repeatCell: {
      range: { sheetId, startRowIndex: 0, endRowIndex, startColumnIndex: 0, endColumnIndex: 1 },
      fields: 'note',
    },
  })

  const refusal = (requests: Request[]) => {
    try {
      new StandInSpreadsheet().batchUpdate(requests)
    } catch (error) {
      if (error instanceof ApiError) return error.message
      throw error
    }
    return 'applied'
  }

  it('refuses a sheet used before it is created, applying none of the batch', () => {
    expect(refusal([range(7, 1), add(7)])).toBe('requests[0]: no sheet with id 7')
    const spreadsheet = new StandInSpreadsheet([{ sheetId: 1, title: 'Survey' }])
    expect(() => spreadsheet.batchUpdate([add(7), range(8, 1)])).toThrow(ApiError)
    expect(spreadsheet.sheets.map((sheet) => sheet.title)).toEqual(['Survey'])
  })

  it('refuses a range outside its sheet', () => {
    expect(refusal([add(7), range(7, 4)])).toMatch(/^requests\[1\]: range .* outside 3 × 2$/)
  })

  it('refuses a sheet id or a title twice, and cells overflowing the grid', () => {
    const cells: Request = {
      updateCells: {
        start: { sheetId: 7, rowIndex: 0, columnIndex: 1 },
        rows: [{ values: [{}, {}] }],
        fields: 'note',
      },
    }
    expect(refusal([add(7), add(7)])).toBe('requests[1]: a sheet with id 7 already exists')
    expect(refusal([add(7), { addSheet: { properties: { sheetId: 8, title: 's7' } } }])).toBe(
      'requests[1]: a sheet with the name "s7" already exists',
    )
    expect(refusal([add(7), cells])).toBe('requests[1]: cell (0, 2) outside its sheet')
  })

  it('refuses every row frozen, a long title, a long cell and what it does not know', () => {
    const frozen: Request = {
      addSheet: {
        properties: { sheetId: 7, title: 'F', gridProperties: { rowCount: 2, frozenRowCount: 2 } },
      },
    }
    expect(refusal([frozen])).toBe("requests[0]: you can't freeze all visible rows")
    expect(refusal([{ addSheet: { properties: { sheetId: 1, title: 'x'.repeat(101) } } }])).toBe(
      'requests[0]: sheet title empty or over 100 characters',
    )
    const long: Request = {
      updateCells: {
        start: { sheetId: 7 },
        rows: [{ values: [{ userEnteredValue: { stringValue: 'x'.repeat(50_001) } }] }],
        fields: 'userEnteredValue',
      },
    }
    expect(refusal([add(7), long])).toBe('requests[1]: a cell holds at most 50000 characters')
    expect(refusal([add(7), { deleteDimension: {} }])).toBe(
      'requests[1]: "deleteDimension" is not understood by this stand-in',
    )
  })
})
