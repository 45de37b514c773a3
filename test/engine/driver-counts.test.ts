/**
 * The drivers' joint counts are made two ways: a pair of columns at a time for a small survey,
 * by answer profile for a large one (engine/count.ts, from 50,000 rows). Both must give the
 * correlations a direct weighted Pearson over the rows gives, and a large survey in small
 * chunks (by column pairs) must merge to the state of one pass (by profile).
 */
import { describe, expect, it } from 'vitest'
import { aggregate, type Cell, mergeStates, report, reportFromState } from '../../engine'
import { chunksOf } from '../support/chunks'
import { rows as rowsOf, table } from '../support/tables'

const header = ['Қызмет', 'Арна', 'Жалпы баға', 'Мерзімдер', 'Сенім', 'Құжаттар', 'Салмақ']
const mapping = {
  service: 'Қызмет',
  channel: 'Арна',
  overall: 'Жалпы баға',
  timeliness: 'Мерзімдер',
  trust: 'Сенім',
  documents: 'Құжаттар',
  weight: 'Салмақ',
}
const WEIGHTS = [0.5, 1, 1.25, 2]

/** `n` respondents from a fixed linear congruential sequence; about 1 answer in 12 blank. */
function survey(n: number): Cell[][] {
  let seed = 2017
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const score = (base: number) => {
    if (next() < 1 / 12) return ''
    return Math.max(1, Math.min(5, Math.round(base + 2 * next() - 1)))
  }
  return Array.from({ length: n }, () => {
    const base = 1 + 4 * next()
    return [
      next() < 0.5 ? 'A' : 'B',
      next() < 0.4 ? 'ХҚКО' : 'Мемлекеттік орган',
      score(base),
      score(base),
      score(base),
      score(base),
      WEIGHTS[Math.floor(next() * WEIGHTS.length)],
    ]
  })
}

/** Weighted Pearson r of columns a and b over the rows that answered both (frequency weights). */
function pearson(rows: Cell[][], a: number, b: number, keep: (row: Cell[]) => boolean): number {
  let n = 0
  let sx = 0
  let sy = 0
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (const row of rows) {
    if (!keep(row) || row[a] === '' || row[b] === '') continue
    const [w, x, y] = [row[6], row[a], row[b]] as number[]
    n += w
    sx += w * x
    sy += w * y
    sxx += w * x * x
    syy += w * y * y
    sxy += w * x * y
  }
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))
}

describe('the drivers’ joint counts', () => {
  const rows = survey(60_000)
  const one = report({ header, rows, mapping })

  it.each([
    ['row by row', 5_000],
    ['by profile', 60_000],
  ])('give the direct weighted Pearson r, %s (%i rows)', (_, size) => {
    const part = rows.slice(0, size)
    const drivers = table(report({ header, rows: part, mapping }), 'drivers')
    const groups: [string, (row: Cell[]) => boolean][] = [
      ['total', () => true],
      ['corp', (row) => row[1] === 'ХҚКО'],
    ]
    for (const [group, keep] of groups) {
      for (const [aspect, column] of [
        ['timeliness', 3],
        ['trust', 4],
        ['documents', 5],
      ] as const) {
        const [row] = rowsOf(drivers, { group, aspect })
        expect(row.r as number).toBeCloseTo(pearson(part, 2, column, keep), 12)
      }
    }
  })

  it('merge from chunks counted row by row to the state of one pass by profile', () => {
    const states = chunksOf(rows, [10_000, 20_000, 30_000, 40_000, 50_000]).map((chunk) =>
      aggregate({ header, rows: chunk.rows, mapping }, { firstRow: chunk.firstRow }),
    )
    const merged = states.reduce((a, b) => mergeStates(a, b))
    expect(merged.drivers).toEqual(aggregate({ header, rows, mapping }).drivers)
    expect(reportFromState(merged)).toEqual(one)
  })
})
