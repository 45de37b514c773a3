/**
 * Weights without loss (DESIGN §3 "Weights"; issue 11 item 1): normalised and extreme constant
 * weights give the unweighted figures, weights in any notation, blank weights as data issues,
 * and a report that does not change when every weight is multiplied by a constant.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Cell, type Report, report, SurveyError, type Value } from '../../engine'
import { parseCsv } from '../../samples/generator/csv'
import { row, table } from '../support/tables'

/** Keys whose value is a weighted count (Σw): they scale with the weights. */
const isCount = (key: string) => key === 'n' || /^n\d+$/.test(key) || /.N$/.test(key)

describe('constant weights on the bundled sample', () => {
  let header: string[]
  let rows: Cell[][]
  let plain: Report
  const weighted = new Map<number, Report>()
  const constants = [1 / 9517, 1e-7, 1e3]

  beforeAll(() => {
    const [head, ...body] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
    header = [...(head as string[]), 'Салмақ']
    rows = body
    plain = report({ header: head as string[], rows })
    for (const c of constants) {
      weighted.set(c, report({ header, rows: rows.map((r) => [...r, c]) }))
    }
  })

  it.each(constants)('weight %d: the same satisfaction, means, shares and ranks', (c) => {
    const r = weighted.get(c) as Report
    expect(r.summary.weighted).toBe(true)
    expect(r.summary.respondents).toBe(plain.summary.respondents)
    expect(r.summary.satisfaction).toBe(plain.summary.satisfaction)
    expect(r.summary.mean).toBe(plain.summary.mean)
    expect(r.summary.issueCount).toBe(plain.summary.issueCount)
    const measures = (x: Report) =>
      table(x, 'rating').rows.map((y) => [
        y.rank,
        y.service,
        y.satisfaction,
        y.top2,
        y.mean,
        y.score10,
        y.smallBase,
      ])
    expect(measures(r)).toEqual(measures(plain))
    const shares = (x: Report) =>
      table(x, 'distribution').rows.map((y) => [y.groupType, y.group, y.p1, y.p2, y.p3, y.p4, y.p5])
    expect(shares(r)).toEqual(shares(plain))
    const aspects = (x: Report) => table(x, 'aspects').rows.map(({ n: _, ...means }) => means)
    expect(aspects(r)).toEqual(aspects(plain))
    const barriers = (x: Report) => table(x, 'barriers').rows.map(({ n: _, ...shares }) => shares)
    expect(barriers(r)).toEqual(barriers(plain))
  })

  it.each(constants)(
    'weight %d: effective base, intervals and rank ranges of the unweighted report',
    (c) => {
      const r = weighted.get(c) as Report
      // Kish's effective base of equal weights is n, to the rounding of w² (kept to 24
      // significant bits so that merges stay exact): 2⁻²⁴ relative at most, here under 1e-7.
      const n = plain.summary.rated
      expect(Math.abs((r.summary.effectiveBase as number) - n) / n).toBeLessThanOrEqual(1e-7)
      const plainRating = table(plain, 'rating').rows
      table(r, 'rating').rows.forEach((y, i) => {
        const x = plainRating[i]
        expect([y.service, y.rankLow, y.rankHigh]).toEqual([x.service, x.rankLow, x.rankHigh])
        for (const key of ['ciLow', 'ciHigh', 'meanCiLow', 'meanCiHigh']) {
          const a = x[key] as number | null
          const b = y[key] as number | null
          if (a === null) expect(b, `${x.service} ${key}`).toBeNull()
          else
            expect(Math.abs((b as number) - a), `${x.service} ${key}`).toBeLessThanOrEqual(1e-7 * a)
        }
      })
    },
  )
})

describe('a service of exactly the minimum base', () => {
  it('is ranked with a constant weight as without weights', () => {
    // 30 respondents: Kish's effective base (Σw)²/Σw² of equal weights is 30, not under 30.
    const rows: Cell[][] = Array.from({ length: 30 }, (_, i) => ['A', i % 3 === 0 ? 4 : 5])
    const header = ['Қызмет', 'Жалпы баға', 'Салмақ']
    for (const w of [1, 1 / 9517, 1e-7, 0.1, 1 / 3]) {
      const r = report({ header, rows: rows.map((x) => [...x, w]) })
      expect(row(table(r, 'rating'), { service: 'A' }), `weight ${w}`).toMatchObject({
        rank: 1,
        smallBase: false,
      })
    }
  })
})

describe('weights as people and programs write them', () => {
  const header = ['Қызмет', 'Жалпы баға', 'Салмақ']
  const scores: Cell[][] = [
    ['A', 5],
    ['A', 4],
    ['B', 5],
    ['B', 2],
    ['B', 3],
  ]

  it('read E-notation, a space between thousands and a decimal comma', () => {
    const written: Cell[] = ['6.667E-06', '1e3', '1 000', '0,8', ' 2.5e+0 ']
    const numbers: Cell[] = [6.667e-6, 1000, 1000, 0.8, 2.5]
    const a = report({ header, rows: scores.map((r, i) => [...r, written[i]]) }, { minBase: 1 })
    const b = report({ header, rows: scores.map((r, i) => [...r, numbers[i]]) }, { minBase: 1 })
    expect(a.issues).toEqual([])
    expect(a).toEqual(b)
    // A: 5 weighted 6.667e-6 against 4 weighted 1000.
    expect(row(table(a, 'rating'), { service: 'A' }).satisfaction).toBeCloseTo(
      6.667e-6 / (6.667e-6 + 1000),
      12,
    )
    // B: 5 weighted 1000, 2 weighted 0.8, 3 weighted 2.5.
    expect(row(table(a, 'rating'), { service: 'B' }).mean).toBeCloseTo(
      (5000 + 1.6 + 7.5) / 1003.3,
      6,
    )
  })

  it('list a weight that is not a positive number as a data issue, that row left out', () => {
    const r = report(
      {
        header,
        rows: [
          ['A', 5, 1],
          ['A', 1, 'x'],
          ['A', 1, 0],
          ['A', 1, -2],
          ['A', 4, 1],
        ],
      },
      { minBase: 1 },
    )
    expect(r.issues).toEqual([
      { row: 3, column: 'Салмақ', value: 'x', reason: 'weight is not a number' },
      { row: 4, column: 'Салмақ', value: '0', reason: 'weight must be positive' },
      { row: 5, column: 'Салмақ', value: '-2', reason: 'weight must be positive' },
    ])
    expect(r.summary).toMatchObject({ respondents: 5, rated: 2, satisfaction: 0.5, mean: 4.5 })
  })
})

describe('a survey whose every weight is unreadable', () => {
  it('is refused naming the weight column, not the overall score (issue 11)', () => {
    const attempt = () =>
      report({
        header: ['Қызмет', 'Жалпы баға', 'Салмақ'],
        rows: [
          ['A', 5, ''],
          ['A', 4, 'x'],
          ['B', 3, '1e'],
        ],
      })
    expect(attempt).toThrow(SurveyError)
    // Every overall score is valid: the weights are what is missing.
    expect(attempt).toThrow(/"Салмақ"/)
  })
})

describe('a blank weight on a row with answers', () => {
  const header = ['Қызмет', 'Өңір', 'Жалпы баға', 'Қызмет ұсынушыға сенім', 'Шағым берді', 'Салмақ']
  const rows: Cell[][] = [
    ['Паспорт', 'Астана', 5, 5, 'Жоқ', 1],
    ['Паспорт', 'Астана', 5, 4, 'Жоқ', 1],
    ['Паспорт', 'Алматы', 4, 3, 'Иә', 2],
    ['Жүргізуші куәлігі', 'Алматы', 3, 3, 'Жоқ', 0.5],
  ]
  const blank: Cell[][] = [
    ['Паспорт', 'Алматы', 1, 1, 'Иә', ''],
    ['Туу туралы куәлік', 'Шымкент', 2, 2, 'Иә', null],
  ]
  const tablesOf = (r: Report) => r.tables.filter((t) => t.id !== 'issues')

  it('is a data issue, and the row is left out of every measure but counted as a respondent', () => {
    const without = report({ header, rows }, { minBase: 1 })
    const withBlank = report({ header, rows: [...rows, ...blank] }, { minBase: 1 })
    expect(withBlank.issues).toEqual([
      {
        row: 6,
        column: 'Салмақ',
        value: '',
        reason: 'blank weight: respondent left out of every measure',
      },
      {
        row: 7,
        column: 'Салмақ',
        value: '',
        reason: 'blank weight: respondent left out of every measure',
      },
    ])
    expect(withBlank.summary.respondents).toBe(6)
    expect(withBlank.summary.issueCount).toBe(2)
    const { respondents: _a, issueCount: _b, ...rest } = withBlank.summary
    const { respondents: _c, issueCount: _d, ...restWithout } = without.summary
    expect(rest).toEqual(restWithout)
    // No table shows the rows: no service «Туу туралы куәлік», no region Shymkent.
    expect(tablesOf(withBlank)).toEqual(tablesOf(without))
  })

  it('the three rows of issue 11: 100 % satisfied no longer, and said so', () => {
    const r = report(
      {
        header: ['Қызмет', 'Жалпы баға', 'Салмақ'],
        rows: [
          ['Паспорт', 1, ''],
          ['Паспорт', 5, 1],
          ['Паспорт', 5, 1],
        ],
      },
      { minBase: 1 },
    )
    expect(r.summary).toMatchObject({ respondents: 3, rated: 2, satisfaction: 1, issueCount: 1 })
    expect(r.issues[0]).toMatchObject({ row: 2, column: 'Салмақ' })
  })

  it('is the same issue when the cell holds only spaces', () => {
    const r = report(
      { header, rows: [...rows, ['Паспорт', 'Алматы', 1, 1, 'Иә', '   ']] },
      { minBase: 1 },
    )
    expect(r.issues.map((i) => [i.row, i.reason])).toEqual([
      [6, 'blank weight: respondent left out of every measure'],
    ])
  })

  it('on a row without any answer is no issue: the row is no respondent', () => {
    const empty: Cell[][] = [
      ['', '', '', '', '', ''],
      ['', '', '', '', '', '   '],
    ]
    const r = report({ header, rows: [...rows, ...empty] }, { minBase: 1 })
    expect(r.issues).toEqual([])
    expect(r.summary.respondents).toBe(4)
  })
})

describe('weights × a constant', () => {
  const header = [
    'Қызмет',
    'Мемлекеттік орган',
    'Өңір',
    'Қызмет алынған орын',
    'Қызметке жалпы баға',
    'Қызмет ұсынушыға сенім',
    'Қызмет ұсыну мерзімдері',
    'Шағым берді',
    'Жасы',
    'Жынысы',
    'Салмақ',
  ]
  const respondent = fc.tuple(
    fc.constantFrom('1', '2', '3'),
    fc.constantFrom('Жергілікті атқарушы органдар', 'Бас прокуратура'),
    fc.constantFrom('Астана қ.', 'Алматы қ.'),
    fc.constantFrom('Мемлекеттік орган', 'ХҚКО', 'eGov'),
    fc.integer({ min: 1, max: 5 }),
    fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('')),
    fc.integer({ min: 1, max: 5 }),
    fc.constantFrom('Иә', 'Жоқ', ''),
    fc.integer({ min: 18, max: 80 }),
    fc.constantFrom('Ер', 'Әйел'),
    fc.double({ min: 0.05, max: 20, noNaN: true }),
  ) as fc.Arbitrary<Cell[]>
  const survey = fc.array(respondent, { minLength: 2, maxLength: 80 })
  const options = { minBase: 3 }

  /** Every number of b against a's, weighted counts divided by c first. */
  function compare(a: Report, b: Report, c: number, tolerance: number) {
    const same = (x: Value | undefined, y: Value | undefined, key: string, where: string) => {
      if (typeof x !== 'number' || typeof y !== 'number') {
        expect(y, where).toEqual(x)
        return
      }
      const want = isCount(key) ? x * c : x
      const scale = isCount(key) ? Math.abs(want) : Math.max(1, Math.abs(want))
      expect(Math.abs(y - want), `${where}: ${y} against ${want}`).toBeLessThanOrEqual(
        tolerance * scale,
      )
    }
    const summaryA = a.summary as unknown as Record<string, Value>
    const summaryB = b.summary as unknown as Record<string, Value>
    expect(Object.keys(summaryB)).toEqual(Object.keys(summaryA))
    for (const key of Object.keys(summaryA)) {
      same(summaryA[key], summaryB[key], key === 'rated' ? 'n' : key, `summary.${key}`)
    }
    expect(b.tables.map((t) => t.id)).toEqual(a.tables.map((t) => t.id))
    b.tables.forEach((t, i) => {
      const u = a.tables[i]
      expect(t.rows.length, t.id).toBe(u.rows.length)
      const all = [...t.rows, ...(t.total ? [t.total] : [])]
      const allA = [...u.rows, ...(u.total ? [u.total] : [])]
      all.forEach((r, j) => {
        expect(Object.keys(r), `${t.id} row ${j}`).toEqual(Object.keys(allA[j]))
        for (const key of Object.keys(r)) same(allA[j][key], r[key], key, `${t.id}[${j}].${key}`)
      })
    })
  }

  it('give the same report for any c in 1e-9..1e9, to 1e-6', () => {
    fc.assert(
      fc.property(survey, fc.double({ min: -9, max: 9, noNaN: true }), (rows, exponent) => {
        const c = 10 ** exponent
        const a = report({ header, rows }, options)
        const b = report(
          { header, rows: rows.map((r) => [...r.slice(0, -1), (r.at(-1) as number) * c]) },
          options,
        )
        compare(a, b, c, 1e-6)
      }),
      { numRuns: 150 },
    )
  })

  it('give exactly the same report for a power of two', () => {
    fc.assert(
      fc.property(survey, fc.integer({ min: -30, max: 30 }), (rows, k) => {
        const c = 2 ** k
        const a = report({ header, rows }, options)
        const b = report(
          { header, rows: rows.map((r) => [...r.slice(0, -1), (r.at(-1) as number) * c]) },
          options,
        )
        compare(a, b, c, 0)
      }),
      { numRuns: 100 },
    )
  })
})

describe('weights at the edges of their range (DESIGN §3; a CI counterexample)', () => {
  const head = ['Қызмет', 'Жалпы баға', 'Өңір', 'Салмақ']

  it('list a weight outside 1e-30..1e30 as a data issue, that row left out', () => {
    // 2⁵¹² squared is 2¹⁰²⁴, past the largest double: Σw² was infinite and the report threw.
    const r = report(
      {
        header: head,
        rows: [
          ['A', 1, 'R', 1.3407807530358783e154],
          ['A', 1, 'R', 1e-200],
          ['A', 1, 'R', 1e31],
          ['A', 5, 'R', 1e30],
          ['A', 2, 'R', 1e-30],
        ],
      },
      { minBase: 1 },
    )
    const reason = 'weight must be between 1e-30 and 1e+30'
    expect(r.issues).toEqual([
      { row: 2, column: 'Салмақ', value: '1.3407807530358783e+154', reason },
      { row: 3, column: 'Салмақ', value: '1e-200', reason },
      { row: 4, column: 'Салмақ', value: '1e+31', reason },
    ])
    // The two rows kept: 5 weighted 1e30, 2 weighted 1e-30.
    expect(r.summary.respondents).toBe(5)
    expect(r.summary.rated / 1e30).toBeCloseTo(1, 7)
    expect(r.summary.satisfaction).toBeCloseTo(1, 12)
    expect(r.summary.mean).toBeCloseTo(5, 12)
  })

  it('give finite figures with weights 10⁶⁰ apart on the bundled sample', () => {
    const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
    const heavy = rows.filter((_, i) => i % 2 === 0)
    const mixed = report({
      header: [...(header as string[]), 'Салмақ'],
      rows: rows.map((r, i) => [...r, i % 2 === 0 ? 1e30 : 1e-30]),
    })
    const text = JSON.stringify(mixed, (_, v) =>
      typeof v === 'number' && !Number.isFinite(v) ? `NONFINITE ${v}` : v,
    )
    expect(text).not.toContain('NONFINITE')
    // The light rows weigh 10⁻⁶⁰ of the heavy ones: the headline is the heavy rows' own,
    // as the report without weights counts them.
    const alone = report({ header: header as string[], rows: heavy })
    expect(mixed.summary.satisfaction).toBeCloseTo(alone.summary.satisfaction as number, 12)
    expect(mixed.summary.mean).toBeCloseTo(alone.summary.mean as number, 12)
  })
})
