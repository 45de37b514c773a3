import { describe, expect, it } from 'vitest'
import { draftSheets, PlanError } from '../../addon/src/report/drafts'
import { report } from '../../engine/index'
import { planSheets } from '../../sheets/index'

const header = ['Қызмет', 'Жалпы баға', 'Арна', 'Сенім']
const rows = Array.from({ length: 90 }, (_, i) => [
  i % 3 === 0 ? '=1+1' : String(1 + (i % 2)),
  1 + ((i * 7) % 5),
  ['ХҚКО', 'Меморган', 'egov.kz'][i % 3],
  1 + (i % 5),
])
const plan = planSheets(report({ header, rows }, { locale: 'en' }), {
  generatedAt: '2017-12-01T00:00:00Z',
})

describe('draftSheets', () => {
  it('drafts one sheet per addSheet, every cell of the plan in its grids', () => {
    const drafts = draftSheets(plan)
    expect(drafts.map((d) => d.title)).toEqual(
      plan.flatMap((r) => (r.addSheet ? [r.addSheet.properties?.title] : [])),
    )
    const rating = drafts[0]
    expect(rating.values[0][0]).toBe('Rank')
    // A label that looks like a formula stays text.
    expect(rating.values.flat()).toContain('=1+1')
    expect(rating.formats[0][0]).toBe('@')
    const n = rating.values[0].indexOf('Respondents')
    expect(rating.formats[1][n]).toBe('0')
    expect(rating.metadata).toEqual([
      { key: 'sapa.generated', value: expect.stringContaining('"rating"') },
    ])
  })

  it('refuses a request it cannot apply, before anything is written', () => {
    expect(() => draftSheets([...plan, { deleteSheet: { sheetId: 1 } }])).toThrow(PlanError)
    expect(() => draftSheets([{ updateCells: { start: { sheetId: 9 }, rows: [] } }])).toThrow(
      'plan request 0: sheet 9 was not added before',
    )
  })

  it('charts rows that are not contiguous as one block from the first to the last', () => {
    const [sheet] = draftSheets([
      {
        addSheet: {
          properties: { sheetId: 1, title: 'T', gridProperties: { rowCount: 9, columnCount: 4 } },
        },
      },
      {
        addChart: {
          chart: {
            spec: {
              basicChart: {
                chartType: 'BAR',
                domains: [
                  {
                    domain: {
                      sourceRange: {
                        sources: [
                          {
                            sheetId: 1,
                            startRowIndex: 0,
                            endRowIndex: 1,
                            startColumnIndex: 0,
                            endColumnIndex: 1,
                          },
                          {
                            sheetId: 1,
                            startRowIndex: 4,
                            endRowIndex: 6,
                            startColumnIndex: 0,
                            endColumnIndex: 1,
                          },
                        ],
                      },
                    },
                  },
                ],
              },
            },
            position: {
              overlayPosition: { anchorCell: { sheetId: 1, rowIndex: 0, columnIndex: 3 } },
            },
          },
        },
      },
    ])
    expect(sheet.charts[0].columns).toEqual([
      { startRow: 0, endRow: 6, startColumn: 0, endColumn: 1 },
    ])
  })
})
