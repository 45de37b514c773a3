import { describe, expect, it } from 'vitest'
import { aggregate, type Cell, mergeStates, report, reportFromState } from '../../engine'
import { mulberry32 } from '../../samples/generator/prng'

const header = ['Қызмет', 'Өңір', 'Қызметке жалпы баға', 'Қызмет ұсынушыға сенім', 'Салмақ']

/**
 * Awkward weights (thirds, sevenths, large and small) whose float sums depend on order; they
 * span a factor of 1,000, well inside the range where the engine's sums are exact (weights
 * kept to 24 significant bits: exact while Σw stays under 2²⁹ times the smallest weight).
 */
function survey(size: number, seed: number): Cell[][] {
  const next = mulberry32(seed)
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]
  return Array.from({ length: size }, () => [
    pick(['1', '2', '3']),
    pick(['Астана қ.', 'Алматы қ.']),
    1 + Math.floor(next() * 5),
    1 + Math.floor(next() * 5),
    pick([1 / 3, 1 / 7, 0.1, 12.345678, 0.0123, 2.2]),
  ])
}

describe('partial states', () => {
  it('merge chunks of weighted rows to exactly the bits of one pass', () => {
    const rows = survey(20_000, 7)
    const one = report({ header, rows })
    for (const size of [1, 333, 5_000]) {
      let state = aggregate({ header, rows: rows.slice(0, size) })
      for (let at = size; at < rows.length; at += size) {
        const chunk = aggregate({ header, rows: rows.slice(at, at + size) }, { firstRow: 2 + at })
        state = at % 2 ? mergeStates(chunk, state) : mergeStates(state, chunk)
      }
      expect(reportFromState(state)).toEqual(one)
    }
  })

  it('survive JSON, as they travel between Worker invocations', () => {
    const rows = survey(1_000, 8)
    const a = JSON.parse(JSON.stringify(aggregate({ header, rows: rows.slice(0, 400) })))
    const b = JSON.parse(
      JSON.stringify(aggregate({ header, rows: rows.slice(400) }, { firstRow: 402 })),
    )
    expect(reportFromState(mergeStates(a, b))).toEqual(report({ header, rows }))
  })

  it('refuse to merge states of different headers', () => {
    const a = aggregate({ header, rows: survey(10, 1) })
    const b = aggregate({ header: [...header.slice(0, 4), 'Вес'], rows: survey(10, 2) })
    expect(() => mergeStates(a, b)).toThrow('partial states come from different headers')
  })

  it('refuse something that is not a state', () => {
    const a = aggregate({ header, rows: survey(10, 1) })
    expect(() => mergeStates(a, { ...a, format: 'other' } as never)).toThrow(
      'not a Sapa partial state (format sapa.state.v2)',
    )
  })
})
