import type { sheets_v4 } from 'googleapis'
import { describe, expect, it } from 'vitest'
import { ASPECTS, type Cell, columnLabel, type Report, report } from '../../engine/index'
import { buildSheets, METADATA_KEY, sheetIdOf, sheetRequests } from '../../sheets/index'
import { ApiError, StandInSpreadsheet } from '../support/sheets-api'

type Request = sheets_v4.Schema$Request

/** The Worker's plan: the sheet model written as batchUpdate requests. */
const planSheets = (result: Report, options: { generatedAt: string }) =>
  sheetRequests(buildSheets(result, options))

/**
 * Each sheet's id, written out: "SAPA" in ASCII (0x53415041) plus the table's place among the
 * engine's tables (questions and waves, 10 and 11, are not in this report), the chapters 64
 * above.
 */
const IDS = {
  rating: 1396789313,
  distribution: 1396789314,
  aspects: 1396789315,
  places: 1396789316,
  regions: 1396789317,
  barriers: 1396789318,
  concern: 1396789319,
  drivers: 1396789320,
  channels: 1396789321,
  demographics: 1396789322,
  chapters: 1396789377,
  issues: 1396789325,
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

/** Three big services (the first scored higher), one rare one (small base), 1,200 unreadable trust answers. */
function survey(): { header: Cell[]; rows: Cell[][] } {
  const rows: Cell[][] = []
  for (let i = 0; i < 1500; i++) {
    const service = i % 100 === 0 ? 'Сирек қызмет' : `Қызмет ${1 + (i % 3)}`
    const aspects = ASPECTS.map((_, a) => 1 + ((i + a * 2) % 5))
    if (i < 1200) aspects[7] = 9
    rows.push([
      service,
      // Service 1 is scored higher: it differs from the rest (▲), the others fall below (▼).
      service === 'Қызмет 1' && i % 2 === 0 ? 5 : 1 + ((i * 7) % 5),
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
    expect(spreadsheet.sheets).toHaveLength(12)
  })

  it('creates one sheet per table, named by its title, with fixed ids, the chapters and Issues', () => {
    expect(sheets.map((sheet) => sheet.sheetId)).toEqual(Object.values(IDS))
    expect(sheetIdOf('rating')).toBe(1396789313)
    expect(sheetIdOf('issues')).toBe(1396789325)
    expect(sheetIdOf('weights')).toBe(1396789378)
    const titles = result.tables.filter((t) => t.id !== 'issues').map((t) => t.title)
    expect(sheets.slice(0, -2).map((sheet) => sheet.title)).toEqual(titles)
    expect(sheets.at(-2)?.title).toBe('Қызметтер')
    expect(planSheets(result, { generatedAt: '2026-07-01T00:00:00.000Z' })).toEqual(plan)
  })

  /** The rating's header as the sheet shows it: ranks as a range, ▲▼ beside their measure. */
  const RATING_HEADER = [
    'Орны',
    'Орын аралығы',
    'Қызмет',
    'Мемлекеттік орган',
    'Респонденттер саны',
    'Қанағаттанушылық',
    '▲▼',
    '«4» және «5» үлесі',
    'Орташа балл',
    '▲▼',
    '10 балдық шкала',
    'Индекс 0–100',
    '95% СА төменгі шегі',
    '95% СА жоғарғы шегі',
    'Орташа: 95% СА төменгі',
    'Орташа: 95% СА жоғарғы',
    'Іріктеме аз',
  ]
  const cellsOf = (table: keyof typeof IDS) =>
    kinds('updateCells').find((u) => u.start?.sheetId === IDS[table])?.rows ?? []
  const text = (cell: sheets_v4.Schema$CellData | undefined) =>
    cell?.userEnteredValue?.stringValue ?? cell?.userEnteredValue?.numberValue ?? null
  const headerOf = (table: keyof typeof IDS) => (cellsOf(table)[0]?.values ?? []).map(text)
  const UP = { red: 0.204, green: 0.659, blue: 0.325 }
  const DOWN = { red: 0.918, green: 0.263, blue: 0.208 }
  const GREY = { red: 0.6, green: 0.6, blue: 0.6 }
  const colourRuns = (table: keyof typeof IDS, color: object) =>
    kinds('repeatCell').filter(
      (r) =>
        r.range?.sheetId === IDS[table] &&
        JSON.stringify(r.cell?.userEnteredFormat?.textFormat?.foregroundColorStyle?.rgbColor) ===
          JSON.stringify(color),
    )

  it('freezes a bold header row and writes every value', () => {
    const rating = result.tables.find((t) => t.id === 'rating')
    expect(sheetOf('rating')?.gridProperties?.frozenRowCount).toBe(1)
    const [header, first] = cellsOf('rating')
    expect(header.values?.map(text)).toEqual(RATING_HEADER)
    expect(header.values?.every((v) => v.userEnteredFormat?.textFormat?.bold)).toBe(true)
    // The ▲▼ columns are named in full in a note.
    expect(header.values?.[6].note).toBe('Қанағаттанушылық: қалғандардан айырма')
    expect(first.values?.[5].userEnteredValue?.numberValue).toBe(rating?.rows[0].satisfaction)
    const { rankLow, rankHigh } = rating?.rows[0] ?? {}
    expect(text(first.values?.[1])).toBe(
      rankLow === rankHigh ? `${rankLow}` : `${rankLow}–${rankHigh}`,
    )
  })

  it('shows significance as ▲ in green, ▼ in red', () => {
    const rating = result.tables.find((t) => t.id === 'rating')?.rows ?? []
    const rows = cellsOf('rating').slice(1, rating.length + 1)
    const arrows = rows.map((row) => [text(row.values?.[6]), text(row.values?.[9])])
    const signs = rating.map((row) => [row.sigSatisfaction, row.sigMean])
    const arrow = (sign: unknown) => (sign === 1 ? '▲' : sign === -1 ? '▼' : null)
    expect(arrows).toEqual(signs.map((pair) => pair.map(arrow)))
    // Coloured where the row is not a small base's (those are grey throughout).
    const coloured = (wanted: number) =>
      signs.flatMap((pair, i) =>
        rating[i].smallBase
          ? []
          : pair.flatMap((sign, k) => (sign === wanted ? [[i + 1, [6, 9][k]]] : [])),
      )
    const at = (runs: Request['repeatCell'][]) =>
      runs.map((r) => [r?.range?.startRowIndex, r?.range?.startColumnIndex])
    expect(at(colourRuns('rating', UP))).toEqual(coloured(1))
    expect(at(colourRuns('rating', DOWN))).toEqual(coloured(-1))
    expect(coloured(1).length + coloured(-1).length).toBeGreaterThan(0)
  })

  it('formats proportions as 0.0% and means as 0.00', () => {
    const sheetId = sheetOf('rating')?.sheetId
    const formatOf = (label: string) =>
      kinds('repeatCell').find(
        (r) =>
          r.range?.sheetId === sheetId &&
          r.range?.startColumnIndex === RATING_HEADER.indexOf(label),
      )?.cell?.userEnteredFormat?.numberFormat
    expect(formatOf('Қанағаттанушылық')).toEqual({ type: 'PERCENT', pattern: '0.0%' })
    expect(formatOf('Орташа балл')).toEqual({ type: 'NUMBER', pattern: '0.00' })
  })

  it('greys small-base rows and says why in a note', () => {
    const rating = result.tables.find((t) => t.id === 'rating')
    const small = rating?.rows.flatMap((row, i) => (row.smallBase ? [i + 1] : [])) ?? []
    expect(small).toHaveLength(1)
    expect(colourRuns('rating', GREY).map((r) => r.range?.startRowIndex)).toEqual(small)
    expect(cellsOf('rating')[small[0]].values?.[0].note).toMatch(/30/)
  })

  it('colours each aspects row from its weakest to its strongest aspect', () => {
    const aspects = result.tables.find((t) => t.id === 'aspects')
    const rules = kinds('addConditionalFormatRule')
      .map((r) => r.rule ?? {})
      .filter((rule) => rule.ranges?.[0]?.sheetId === IDS.aspects)
    expect(rules).toHaveLength(aspects?.rows.length ?? -1)
    const first = headerOf('aspects').indexOf(columnLabel(ASPECTS[0], 'kk'))
    expect(first).toBeGreaterThan(0)
    for (const [i, rule] of rules.entries()) {
      expect(rule.ranges).toEqual([
        {
          sheetId: IDS.aspects,
          startRowIndex: i + 1,
          endRowIndex: i + 2,
          startColumnIndex: first,
          endColumnIndex: first + 8,
        },
      ])
      expect(rule.gradientRule?.minpoint?.type).toBe('MIN')
      expect(rule.gradientRule?.maxpoint?.type).toBe('MAX')
    }
  })

  it('charts the rating, the channels as 100% stacked bars, the regions, and the drivers', () => {
    const charts = kinds('addChart').map((c) => c.chart ?? {})
    const drivers = result.tables.find((t) => t.id === 'drivers')?.rows ?? []
    const groups = new Set(drivers.map((row) => row.group))
    expect(charts.map((c) => c.position?.overlayPosition?.anchorCell?.sheetId)).toEqual([
      IDS.rating,
      IDS.distribution,
      IDS.regions,
      ...[...groups].map(() => IDS.drivers),
    ])
    expect(charts.map((c) => c.spec?.basicChart?.chartType)).toEqual([
      'BAR',
      'BAR',
      'BAR',
      ...[...groups].map(() => 'SCATTER'),
    ])
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
    // A scatter: x (relative importance) along the bottom, each aspect's mean up the left.
    const scatter = charts[3].spec?.basicChart
    expect(scatter?.axis?.map((a) => a.position)).toEqual(['BOTTOM_AXIS', 'LEFT_AXIS'])
    expect(scatter?.axis?.[0].title).toMatch(/^Салыстырмалы маңыздылығы \(орташа \d+,\d %\)$/)
    expect(scatter?.series?.every((s) => s.targetAxis === 'LEFT_AXIS')).toBe(true)
    expect(scatter?.stackedType).toBeUndefined()
    expect(scatter?.series).toHaveLength(new Set(drivers.map((row) => row.aspect)).size)
  })

  it('links the chapters’ contents to each service’s block, by sheet id and cell', () => {
    const rows = cellsOf('chapters')
    const links = rows.flatMap((row, r) =>
      (row.values ?? []).flatMap((cell) =>
        cell.userEnteredFormat?.textFormat?.link ? [{ r, cell }] : [],
      ),
    )
    const services = result.tables.find((t) => t.id === 'rating')?.rows.map((row) => row.service)
    expect(links.map(({ cell }) => text(cell)).sort()).toEqual([...(services ?? [])].sort())
    for (const { cell } of links) {
      const uri = cell.userEnteredFormat?.textFormat?.link?.uri ?? ''
      const match = /^#gid=(\d+)&range=A(\d+)$/.exec(uri)
      expect(match, uri).not.toBeNull()
      expect(Number(match?.[1])).toBe(IDS.chapters)
      // The block starts with the service's name, in bold.
      const target = rows[Number(match?.[2]) - 1].values?.[0]
      expect(text(target)).toBe(text(cell))
      expect(target?.userEnteredFormat?.textFormat?.bold).toBe(true)
    }
    const mask = kinds('updateCells').find((u) => u.start?.sheetId === IDS.chapters)?.fields
    expect(mask).toContain('userEnteredFormat.textFormat.link')
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

  it('keeps a cell-level link and refuses one without a uri, or an unknown wrap', () => {
    const link = (uri?: string): Request => ({
      updateCells: {
        start: { sheetId: 7 },
        rows: [
          {
            values: [
              {
                userEnteredValue: { stringValue: 'go' },
                userEnteredFormat: { textFormat: { link: uri === undefined ? {} : { uri } } },
              },
            ],
          },
        ],
        fields: 'userEnteredValue,userEnteredFormat.textFormat.link',
      },
    })
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate([add(7), link('#gid=7&range=A3')])
    expect(spreadsheet.sheets[0].cells[0][0]).toMatchObject({
      value: 'go',
      link: '#gid=7&range=A3',
    })
    expect(refusal([add(7), link()])).toBe('requests[1]: a link needs a uri')
    const italic: Request = {
      repeatCell: {
        range: {
          sheetId: 7,
          startRowIndex: 0,
          endRowIndex: 1,
          startColumnIndex: 0,
          endColumnIndex: 1,
        },
        cell: { userEnteredFormat: { textFormat: { italic: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    }
    expect(refusal([add(7), italic])).toBe('requests[1]: "italic" not understood by this stand-in')
    const wrap = (wrapStrategy: string): Request => ({
      repeatCell: {
        range: {
          sheetId: 7,
          startRowIndex: 0,
          endRowIndex: 1,
          startColumnIndex: 0,
          endColumnIndex: 2,
        },
        cell: { userEnteredFormat: { wrapStrategy } },
        fields: 'userEnteredFormat.wrapStrategy',
      },
    })
    expect(refusal([add(7), wrap('WRAP')])).toBe('applied')
    expect(refusal([add(7), wrap('SHRINK')])).toBe('requests[1]: wrap strategy "SHRINK" unknown')
  })

  it('refuses a series off its chart type’s minor axis, a stacked scatter and a 2-D source', () => {
    const source = (startColumnIndex: number, endColumnIndex = startColumnIndex + 1) => ({
      sourceRange: {
        sources: [
          { sheetId: 7, startRowIndex: 0, endRowIndex: 3, startColumnIndex, endColumnIndex },
        ],
      },
    })
    const chart = (
      chartType: string,
      targetAxis: string,
      extra: sheets_v4.Schema$BasicChartSpec = {},
    ): Request => ({
      addChart: {
        chart: {
          spec: {
            basicChart: {
              chartType,
              headerCount: 1,
              domains: [{ domain: source(0) }],
              series: [{ series: source(1), targetAxis }],
              ...extra,
            },
          },
          position: {
            overlayPosition: { anchorCell: { sheetId: 7, rowIndex: 0, columnIndex: 0 } },
          },
        },
      },
    })
    expect(refusal([add(7), chart('SCATTER', 'LEFT_AXIS')])).toBe('applied')
    expect(refusal([add(7), chart('BAR', 'BOTTOM_AXIS')])).toBe('applied')
    expect(refusal([add(7), chart('SCATTER', 'BOTTOM_AXIS')])).toBe(
      'requests[1]: BOTTOM_AXIS is not a minor axis of a SCATTER chart',
    )
    expect(refusal([add(7), chart('BAR', 'LEFT_AXIS')])).toBe(
      'requests[1]: LEFT_AXIS is not a minor axis of a BAR chart',
    )
    expect(refusal([add(7), chart('SCATTER', 'LEFT_AXIS', { stackedType: 'STACKED' })])).toBe(
      'requests[1]: a SCATTER chart is not stacked',
    )
    expect(refusal([add(7), chart('PIE', 'LEFT_AXIS')])).toBe(
      'requests[1]: chart type "PIE" not understood here',
    )
    const wide = chart('SCATTER', 'LEFT_AXIS', { domains: [{ domain: source(0, 2) }] })
    expect(refusal([add(7), wide])).toBe('requests[1]: a chart source is one column or one row')
  })
})
