import { describe, expect, it } from 'vitest'
import { report } from '../../engine/index'
import { encodeColumns, selectColumns } from '../../protocol/index'

const HEADER = ['№', 'Қызмет', 'Q3', 'Жалпы баға', 'Комментарий', 'Өңір']
const ROWS = [
  [1, 'Паспорт', 'x', 5, 'жақсы', 'Алматы'],
  [2, 'Жер', 'y', 4, '', 'Астана'],
  [3, 'Паспорт', 'z', 3, 'ұзақ', 'Алматы'],
]

describe('selectColumns: only the mapped columns go to the Worker (issue 11)', () => {
  it('keeps each role’s column, in sheet order, with the mapping written out', () => {
    expect(selectColumns({ header: HEADER, rows: ROWS })).toEqual({
      header: ['Қызмет', 'Жалпы баға', 'Өңір'],
      rows: [
        ['Паспорт', 5, 'Алматы'],
        ['Жер', 4, 'Астана'],
        ['Паспорт', 3, 'Алматы'],
      ],
      mapping: { service: 'Қызмет', overall: 'Жалпы баға', region: 'Өңір' },
    })
  })

  it('follows an explicit mapping and keeps the columns named in keep', () => {
    const selected = selectColumns({ header: HEADER, rows: ROWS, mapping: { overall: 'Q3' } }, [
      'комментарий',
    ])
    expect(selected.header).toEqual(['Қызмет', 'Q3', 'Комментарий', 'Өңір'])
    expect(selected.mapping).toEqual({ service: 'Қызмет', overall: 'Q3', region: 'Өңір' })
  })

  it('writes out no role in a column of keep, found or given back whole', () => {
    const mapping = { overall: 'Жалпы баға', region: 'Өңір' }
    const selected = selectColumns({ header: HEADER, rows: ROWS, mapping }, ['өңір'])
    expect(selected.header).toContain('Өңір')
    expect(selected.mapping).toEqual({ service: 'Қызмет', overall: 'Жалпы баға' })
    const missing = { header: ['Өңір', 'Q'], rows: [['Алматы', 1]], mapping: { region: 'Өңір' } }
    expect(selectColumns(missing, ['Өңір']).mapping).toEqual({})
  })

  it('selects compact columns without copying them', () => {
    const columns = encodeColumns(HEADER, ROWS)
    const selected = selectColumns({ header: HEADER, columns })
    expect('columns' in selected && selected.columns[0]).toBe(columns[1])
  })

  it('gives the report of the whole sheet', () => {
    const whole = report({ header: HEADER, rows: ROWS }, { minBase: 1 })
    const selected = report(selectColumns({ header: HEADER, rows: ROWS }), { minBase: 1 })
    expect(selected.tables).toEqual(whole.tables)
  })

  it('gives back a survey whose required columns are missing, for the Worker to name them', () => {
    const survey = { header: ['Өңір', 'Q'], rows: [['Алматы', 1]] }
    expect(selectColumns(survey)).toBe(survey)
  })
})
