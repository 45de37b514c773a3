import { describe, expect, it } from 'vitest'
import { aggregate, mergeStates, report, reportFromState } from '../../engine/index'
import {
  aggregateBodies,
  chunkRanges,
  encodeColumns,
  fitsOneRequest,
  needsFanOut,
  sliceColumns,
  statesBody,
  surveyLength,
} from '../../protocol/index'

const header = ['Қызмет', 'Жалпы баға', 'Арна']
const rows = [
  ['Паспорт', 5, 'ХҚКО'],
  ['Паспорт', 4, ''],
  ['Жер', '3', 'egov'],
  ['Жер', 5, 'ХҚКО'],
  ['Паспорт', null, 'ХҚКО'],
]

describe('encodeColumns', () => {
  it('codes each column by its distinct cells in order of appearance, blanks as -1', () => {
    expect(encodeColumns(header, rows)).toEqual([
      { dict: ['Паспорт', 'Жер'], codes: [0, 0, 1, 1, 0] },
      { dict: [5, 4, '3'], codes: [0, 1, 2, 0, -1] },
      { dict: ['ХҚКО', 'egov'], codes: [0, -1, 1, 0, 0] },
    ])
  })

  it('gives the engine the very report of the rows', () => {
    expect(report({ header, columns: encodeColumns(header, rows) })).toEqual(
      report({ header, rows }),
    )
  })
})

describe('chunking', () => {
  it('cuts rows into equal ranges, the last shorter, none empty', () => {
    expect(chunkRanges(5, 2)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ])
    expect(chunkRanges(4, 2)).toEqual([
      [0, 2],
      [2, 4],
    ])
    expect(chunkRanges(0, 2)).toEqual([])
    expect(() => chunkRanges(5, 0)).toThrow('chunkRows must be a positive integer, got 0')
  })

  it('fans out only above the chunk size', () => {
    const many = (n: number) => ({
      header: ['Қызмет'],
      rows: Array.from({ length: n }, () => ['1']),
    })
    expect(needsFanOut(many(200_000))).toBe(false)
    expect(needsFanOut(many(200_001))).toBe(true)
    expect(needsFanOut({ header, rows: rows.slice(0, 3) }, { maxRows: 2 })).toBe(true)
  })

  it('sends a survey and its previous wave in one request only when both fit in it together', () => {
    const many = (n: number) => ({
      header: ['Қызмет'],
      rows: Array.from({ length: n }, () => ['1']),
    })
    // Rows: the two waves together within 200,000 (the isolate's memory bound).
    expect(fitsOneRequest(many(100_000), many(100_000))).toBe(true)
    expect(fitsOneRequest(many(100_000), many(100_001))).toBe(false)
    expect(fitsOneRequest(many(3), many(2), 4)).toBe(false)
    // Bytes: 1,000 distinct cells of 30,000 ASCII characters are 30 MB of dictionary, under a
    // request's 32 MiB alone, but two such waves would be a 60 MB body (the Worker takes 50):
    // each wave gets half, 16 MiB; 500 such cells (15 MB) fit.
    const wide = (n: number) => ({
      header: ['Қызмет'],
      rows: Array.from({ length: n }, (_, i) => [String(i).padEnd(30_000, 'x')]),
    })
    expect(needsFanOut(wide(1000))).toBe(false)
    expect(fitsOneRequest(wide(1000), wide(1000))).toBe(false)
    expect(fitsOneRequest(wide(500), wide(500))).toBe(true)
  })

  it('names each chunk by the sheet row of its first data row', () => {
    const bodies = aggregateBodies({ header, rows }, { maxRows: 2 })
    expect(bodies.map((body) => body.options.firstRow)).toEqual([2, 4, 6])
    expect(bodies.map(surveyLength)).toEqual([2, 2, 1])
  })

  it('keeps only the dictionary entries a slice of compact columns uses', () => {
    const [service] = sliceColumns(encodeColumns(header, rows), 2, 4)
    expect(service).toEqual({ dict: ['Жер'], codes: [0, 0] })
  })

  it('gives, merged, the report of one pass, from rows or from columns', () => {
    const options = { locale: 'en' as const, minBase: 1 }
    const whole = report({ header, rows }, options)
    for (const survey of [
      { header, rows },
      { header, columns: encodeColumns(header, rows) },
    ]) {
      const states = aggregateBodies(survey, { maxRows: 2 }).map((body) =>
        aggregate(body, { firstRow: body.options.firstRow }),
      )
      expect(statesBody(states, options)).toEqual({ states, options })
      expect(reportFromState(states.reduce(mergeStates), options)).toEqual(whole)
    }
  })
})
