import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregate, type Cell, mergeStates, report, reportFromState } from '../../engine/index'
import {
  aggregateBodies,
  aggregateBody,
  CHUNK_BYTES,
  type ClientSurvey,
  chunkPlan,
  encodeColumns,
  jsonBytes,
  needsFanOut,
  sliceColumns,
} from '../../protocol/index'

/** What the Worker counts against MAX_BODY_BYTES: the body's UTF-8 bytes. */
const wireBytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body), 'utf8')

const HEADER = ['Қызмет', 'Жалпы баға', 'Өңір', 'Пікір']
function survey(rows: number): { header: Cell[]; rows: Cell[][] } {
  return {
    header: HEADER,
    rows: Array.from({ length: rows }, (_, i) => [
      `Қызмет № ${i % 37}`,
      1 + (i % 5),
      i % 11 === 0 ? '' : ['Алматы қ.', 'Астана қ.', 'Түркістан облысы'][i % 3],
      // Free text: every row a new dictionary entry, some of it outside the BMP.
      i % 3 === 0 ? `Пікір ${i} 😀 "${'ә'.repeat(i % 50)}"` : null,
    ]),
  }
}

describe('jsonBytes', () => {
  it('counts the UTF-8 bytes of any JSON, as Buffer.byteLength does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        expect(jsonBytes(value)).toBe(wireBytes(value))
        expect(jsonBytes(text)).toBe(wireBytes(text))
      }),
    )
  })
})

describe('chunkPlan cuts by encoded bytes (issue 11)', () => {
  it('keeps every chunk body under the byte limit, each as full as the next row allows', () => {
    const input = survey(5000)
    const maxBytes = 20_000
    const ranges = chunkPlan(input, { maxBytes })
    expect(ranges.length).toBeGreaterThan(5)
    expect(ranges[0][0]).toBe(0)
    expect(ranges.at(-1)?.[1]).toBe(5000)
    ranges.forEach(([start, end], k) => {
      if (k > 0) expect(start).toBe(ranges[k - 1][1])
      const size = wireBytes(aggregateBody(input, [start, end]))
      expect(size).toBeLessThanOrEqual(maxBytes)
      // One row more would not have fitted: the count is exact but for a comma per list
      // and the digits firstRow may take.
      if (end < 5000) {
        const slack = 2 * HEADER.length + 15
        expect(wireBytes(aggregateBody(input, [start, end + 1]))).toBeGreaterThan(maxBytes - slack)
      }
    })
  })

  it('counts compact columns as sliced, dictionary cut to the chunk', () => {
    const input = survey(3000)
    const columns = { header: input.header, columns: encodeColumns(input.header, input.rows) }
    const values = {
      header: input.header,
      columns: [
        { values: input.rows.map((row) => row[0]) },
        ...encodeColumns(input.header, input.rows).slice(1),
      ],
    }
    for (const form of [columns, values]) {
      for (const [start, end] of chunkPlan(form, { maxBytes: 15_000 })) {
        expect(wireBytes(aggregateBody(form, [start, end]))).toBeLessThanOrEqual(15_000)
      }
    }
  })

  it('also cuts by rows, for the isolate’s memory', () => {
    expect(chunkPlan(survey(1000), { maxRows: 300 })).toEqual([
      [0, 300],
      [300, 600],
      [600, 900],
      [900, 1000],
    ])
  })

  it('refuses a single row over the limit, naming it', () => {
    const input = survey(3)
    input.rows[1][3] = 'x'.repeat(5000)
    expect(() => chunkPlan(input, { maxBytes: 4000 })).toThrow(
      /^row 3 alone makes a request of \d+ bytes, over the limit of 4000$/,
    )
  })

  it('gives the report of one pass when chunks are scored apart and merged', () => {
    const input = survey(4000)
    const bodies = aggregateBodies(input, { maxBytes: 30_000 })
    expect(bodies.length).toBeGreaterThan(3)
    const states = bodies.map((body) => aggregate(body, { firstRow: body.options.firstRow }))
    const merged = reportFromState(states.reduce(mergeStates), { minBase: 5 })
    expect(merged).toEqual(report(input, { minBase: 5 }))
  })

  it('slices a dictionary down to what the chunk uses', () => {
    const [column] = sliceColumns([{ dict: ['a', 'b', 'c'], codes: [2, -1, 2, 0, 1] }], 0, 4)
    expect(column).toEqual({ dict: ['c', 'a'], codes: [0, -1, 0, 1] })
  })
})

describe('a wide survey (issue 11)', () => {
  /** 110,000 rows × 250 columns, two of them used, as compact columns (a CSV's 57 MB). */
  let built: ClientSurvey | undefined
  function wide(): ClientSurvey {
    built ??= build()
    return built
  }
  function build(): ClientSurvey {
    const rows = 110_000
    const header = ['Қызмет', 'Жалпы баға', ...Array.from({ length: 248 }, (_, i) => `Q${i + 3}`)]
    const columns = header.map((_, c) => {
      const codes = new Array<number>(rows)
      for (let r = 0; r < rows; r++)
        codes[r] = c === 0 ? r % 55 : (r * 7 + c * 13) % (c === 1 ? 5 : 11)
      const dict =
        c === 0
          ? Array.from({ length: 55 }, (_, k) => String(k + 1))
          : Array.from({ length: c === 1 ? 5 : 11 }, (_, k) => String(k + (c === 1 ? 1 : 0)))
      return { dict, codes }
    })
    return { header, columns }
  }

  it('sends only its two used columns: one small request, no fan-out', async () => {
    const { selectColumns } = await import('../../protocol/index')
    const full = wide()
    const selected = selectColumns(full)
    expect(selected.header).toEqual(['Қызмет', 'Жалпы баға'])
    expect(needsFanOut(selected)).toBe(false)
    expect(
      wireBytes({
        header: selected.header,
        columns: 'columns' in selected ? selected.columns : [],
      }),
    ).toBeLessThan(1_000_000)
  })

  it('even unselected, goes in chunks each under the limit instead of one refused body', () => {
    const full = wide()
    // One body would be over the Worker's 52,428,800 bytes: the finding.
    expect(
      wireBytes({ header: full.header, columns: 'columns' in full ? full.columns : [] }),
    ).toBeGreaterThan(52_428_800)
    const ranges = chunkPlan(full)
    expect(ranges.length).toBeGreaterThan(1)
    for (const range of ranges) {
      expect(wireBytes(aggregateBody(full, range))).toBeLessThanOrEqual(CHUNK_BYTES)
    }
  })
})
