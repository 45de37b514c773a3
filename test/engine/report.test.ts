import { describe, expect, it } from 'vitest'
import { type Cell, type Report, report, SurveyError, TABLE_IDS, type Table } from '../../engine'

const header = [
  'Қызмет',
  'Мемлекеттік орган',
  'Өңір',
  'Қызмет алынған орын',
  'Қызметке жалпы баға',
  'Қызмет ұсынушыға сенім',
  'Қызмет ұсыну мерзімдері',
  'Шағым берді',
  'Бейресми сыйақы',
  'Тамыр-таныстарды пайдалану',
  'Жасы',
  'Жынысы',
]
const ЖАО = 'Жергілікті атқарушы органдар'
const БП = 'Бас прокуратура'
const body = 'Мемлекеттік орган'
const corp = 'Мемкорпорация'
// service, agency, region, channel, overall, trust, timeliness, complaint, payment, connections, age, gender
const rows: Cell[][] = [
  ['A', ЖАО, 'Астана', body, 5, 5, 5, 'Жоқ', 'Жоқ', 'Жоқ', 20, 'Ер'],
  ['A', ЖАО, 'Астана', corp, 4, 4, 4, 'Жоқ', 'Жоқ', 'Иә', 25, 'Әйел'],
  ['A', ЖАО, 'Алматы', corp, 2, 1, 3, 'Иә', 'Жоқ', 'Жоқ', 45, 'Әйел'],
  ['B', БП, 'Астана', body, 5, 5, 4, 'Жоқ', 'Иә', 'Жоқ', 33, 'Ер'],
  ['B', БП, 'Алматы', body, 5, 4, 5, 'Жоқ', 'Жоқ', 'Жоқ', 61, 'Ер'],
  ['B', БП, 'Алматы', corp, '', 3, 2, '', '', '', 38, 'Әйел'],
  ['C', БП, 'Астана', body, 3, 2, 3, 'Жоқ', 'Жоқ', 'Жоқ', 50, 'Ер'],
]

const table = (r: Report, id: string) => r.tables.find((t) => t.id === id) as Table
const row = (t: Table, match: Record<string, unknown>) =>
  t.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v))

describe('report', () => {
  const r = report({ header, rows }, { minBase: 2 })

  it('builds every table of DESIGN §5 with its row keys', () => {
    expect(r.tables.map((t) => t.id)).toEqual([...TABLE_IDS])
    const keys: Record<string, string[]> = {
      rating: 'rank service agency n satisfaction top2 mean score10 ciLow ciHigh smallBase'.split(
        ' ',
      ),
      distribution: 'groupType group n p1 p2 p3 p4 p5 n1 n2 n3 n4 n5'.split(' '),
      aspects:
        'groupType group n overall delta infoAccess infoClarity documents timeliness staffCompetence staffSpeed staffCourtesy trust'.split(
          ' ',
        ),
      regions:
        'region n satisfaction mean score10 localN localSatisfaction localMean corpN corpSatisfaction corpMean'.split(
          ' ',
        ),
      barriers: 'groupType group n connections informalPayments complaints satisfaction'.split(' '),
      concern:
        'groupType group index dissatisfied distrust complaints informalPayments connections'.split(
          ' ',
        ),
      drivers: 'group aspect r n'.split(' '),
      channels: 'service corpN corpSatisfaction bodyN bodySatisfaction diff'.split(' '),
      demographics: 'dimension band n satisfaction mean'.split(' '),
      issues: 'row column value reason'.split(' '),
    }
    for (const t of r.tables) {
      expect(t.columns.map((c) => c.key)).toEqual(keys[t.id])
      for (const each of t.rows) expect(Object.keys(each)).toEqual(keys[t.id])
    }
  })

  it('summarises the survey', () => {
    expect(r.summary).toMatchObject({
      respondents: 7,
      rated: 6,
      weighted: false,
      effectiveBase: 6,
      satisfaction: 0.5,
      mean: 4,
      services: 3,
      issueCount: 0,
    })
  })

  it('ranks services, listing small bases after the ranked ones', () => {
    const rating = table(r, 'rating')
    expect(rating.rows.map((x) => [x.rank, x.service, x.n, x.smallBase])).toEqual([
      [1, 'B', 2, false],
      [2, 'A', 3, false],
      [null, 'C', 1, true],
    ])
    expect(row(rating, { service: 'A' })).toMatchObject({
      agency: ЖАО,
      satisfaction: 1 / 3,
      top2: 2 / 3,
      mean: 11 / 3,
      score10: 22 / 3,
    })
  })

  it('orders by mean or by the Wilson lower bound when asked', () => {
    const rows2: Cell[][] = [
      ...Array.from({ length: 10 }, () => ['X', 5] as Cell[]),
      ...Array.from({ length: 10 }, () => ['X', 1] as Cell[]),
      ['Y', 5],
      ['Y', 4],
      ['Y', 4],
    ]
    const get = (order: 'satisfaction' | 'mean' | 'wilson') =>
      table(
        report({ header: ['Қызмет', 'Жалпы баға'], rows: rows2 }, { minBase: 1, order }),
        'rating',
      ).rows.map((x) => x.service)
    expect(get('satisfaction')).toEqual(['X', 'Y']) // 50 % > 33 %
    expect(get('mean')).toEqual(['Y', 'X']) // 4.33 > 3
    expect(get('wilson')).toEqual(['X', 'Y']) // 0.30 > 0.06
  })

  it('computes distributions by channel, agency, region and in total', () => {
    const distribution = table(r, 'distribution')
    expect(distribution.rows.map((x) => `${x.groupType}:${x.group}`)).toEqual([
      'channel:Мемлекеттік орган',
      'channel:Мемкорпорация (ХҚКО)',
      `agency:${БП}`,
      `agency:${ЖАО}`,
      'region:Алматы',
      'region:Астана',
      'total:Барлығы',
    ])
    expect(row(distribution, { groupType: 'total' })).toMatchObject({
      n: 6,
      p2: 1 / 6,
      p3: 1 / 6,
      p4: 1 / 6,
      p5: 0.5,
      n5: 3,
    })
  })

  it('computes aspect means and the delta from the all-respondents mean', () => {
    const aspects = table(r, 'aspects')
    expect(row(aspects, { groupType: 'service', group: 'A' })).toMatchObject({
      overall: 11 / 3,
      delta: 11 / 3 - 4,
      trust: 10 / 3,
      timeliness: 4,
      infoAccess: null,
    })
    expect(aspects.reasons?.['0.infoAccess']).toBe('«infoAccess» бағаны жоқ')
    expect(aspects.total).toMatchObject({ overall: 4, delta: 0, trust: 24 / 7 })
  })

  it('computes regions with local bodies and the State Corporation', () => {
    const regions = table(r, 'regions')
    expect(row(regions, { region: 'Астана' })).toMatchObject({
      n: 4,
      satisfaction: 0.5,
      mean: 17 / 4,
      localN: 2,
      localSatisfaction: 0.5,
      localMean: 4.5,
      corpN: 1,
      corpSatisfaction: 0,
      corpMean: 4,
    })
  })

  it('computes barrier shares among those who answered', () => {
    const barriers = table(r, 'barriers')
    expect(row(barriers, { groupType: 'service', group: 'B' })).toMatchObject({
      n: 3,
      complaints: 0,
      informalPayments: 0.5,
      connections: 0,
      satisfaction: 1,
    })
    expect(barriers.total).toMatchObject({ n: 7, complaints: 1 / 6, connections: 1 / 6 })
  })

  it('computes the social-concern index as the mean of five shares', () => {
    const concern = table(r, 'concern')
    const total = concern.total ?? {}
    // dissatisfied 1/6 (one 2), distrust 2/7 (a 1 and a 2 of seven), complaints 1/6, payments 1/6, connections 1/6.
    expect(total.distrust).toBeCloseTo(2 / 7, 12)
    expect(total.index).toBeCloseTo((1 / 6 + 2 / 7 + 1 / 6 + 1 / 6 + 1 / 6) / 5, 12)
  })

  it('correlates each aspect with the overall score per provider group', () => {
    const drivers = table(r, 'drivers')
    const total = drivers.rows.filter((x) => x.group === 'Барлығы')
    expect(total.map((x) => x.aspect)).toEqual([
      'Қызмет ұсынушыға сенім',
      'Қызмет ұсыну мерзімдері',
    ])
    expect(total[0].n).toBe(6)
    expect(total[0].r as number).toBeGreaterThan(total[1].r as number)
  })

  it('compares the State Corporation with the state body per service', () => {
    const channels = table(r, 'channels')
    expect(row(channels, { service: 'A' })).toMatchObject({
      corpN: 2,
      corpSatisfaction: 0,
      bodyN: 1,
      bodySatisfaction: 1,
      diff: -1,
    })
  })

  it('groups by age band and gender', () => {
    const demographics = table(r, 'demographics')
    expect(demographics.rows.map((x) => `${x.dimension}:${x.band}:${x.n}`)).toEqual([
      'age:18-21:1',
      'age:22-29:1',
      'age:30-39:1',
      'age:40-49:1',
      'age:50-59:1',
      'age:60+:1',
      'gender:Ер:4',
      'gender:Әйел:2',
    ])
  })

  it('labels tables in Russian and English', () => {
    const ru = report({ header, rows }, { locale: 'ru', tables: ['rating'] })
    expect(ru.tables).toHaveLength(1)
    expect(ru.tables[0].title).toBe('Рейтинг услуг')
    expect(ru.tables[0].columns[4].label).toBe('Удовлетворенность')
    const en = report({ header, rows }, { locale: 'en', tables: ['distribution'] })
    expect(en.tables[0].rows[0].group).toBe('State body')
  })
})

describe('data issues', () => {
  it('leave a bad cell out of that measure only and list it with row, column, value, reason', () => {
    const bad: Cell[][] = [
      ['A', ЖАО, 'Астана', body, 6, 5, 5, 'Жоқ', 'Жоқ', 'Жоқ', 20, 'Ер'],
      ['A', ЖАО, 'Астана', body, 5, 'жақсыы', 4, 'мүмкін', 'Жоқ', 'Жоқ', 20, 'Ер'],
    ]
    const r = report({ header, rows: bad }, { minBase: 1 })
    expect(r.issues).toEqual([
      { row: 2, column: 'Қызметке жалпы баға', value: '6', reason: 'outside the scale 1..5' },
      { row: 3, column: 'Қызмет ұсынушыға сенім', value: 'жақсыы', reason: 'not a score 1..5' },
      { row: 3, column: 'Шағым берді', value: 'мүмкін', reason: 'not yes/no' },
    ])
    expect(r.summary.issueCount).toBe(3)
    expect(r.summary.rated).toBe(1)
    const aspects = table(r, 'aspects').total ?? {}
    expect(aspects.trust).toBe(5) // row 2's trust still counts
    expect(aspects.timeliness).toBe(4.5)
    expect(table(r, 'issues').rows).toHaveLength(3)
  })

  it('counts every issue but lists at most maxIssues', () => {
    const many: Cell[][] = Array.from({ length: 50 }, (_, i) => ['A', i % 2 ? 5 : 'x'])
    const r = report({ header: ['Қызмет', 'Жалпы баға'], rows: many }, { maxIssues: 10 })
    expect(r.summary.issueCount).toBe(25)
    expect(r.issues.map((i) => i.row)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20])
  })

  it('refuses a survey without a single valid overall score', () => {
    const attempt = () =>
      report({
        header: ['Қызмет', 'Жалпы баға'],
        rows: [
          ['A', 'x'],
          ['B', ''],
        ],
      })
    expect(attempt).toThrow(SurveyError)
    expect(attempt).toThrow(
      'No valid overall score 1..5 in column "Жалпы баға" (2 respondents read, 1 data issues)',
    )
  })

  it('skips blank rows', () => {
    const r = report({ header, rows: [...rows, ['', '', '', '', '', '', '', '', '', '', '', '']] })
    expect(r.summary.respondents).toBe(7)
  })
})

describe('weights', () => {
  const weighted = ['Қызмет', 'Жалпы баға', 'Салмақ']
  it('weight every measure and report the effective base', () => {
    const r = report(
      {
        header: weighted,
        rows: [
          ['A', 5, 3],
          ['A', 1, 1],
          ['A', 4, 'x'],
        ],
      },
      { minBase: 1 },
    )
    expect(r.summary).toMatchObject({ weighted: true, rated: 4, satisfaction: 0.75, mean: 4 })
    expect(r.summary.effectiveBase).toBeCloseTo(1.6, 12)
    expect(r.issues).toEqual([
      { row: 4, column: 'Салмақ', value: 'x', reason: 'weight is not a number' },
    ])
    // The small-base flag uses the effective base: 1.6 < 2.
    const small = report(
      {
        header: weighted,
        rows: [
          ['A', 5, 3],
          ['A', 1, 1],
        ],
      },
      { minBase: 2 },
    )
    expect(small.tables[0].rows[0]).toMatchObject({ rank: null, smallBase: true })
  })
})

describe('compact columns', () => {
  it('give exactly the tables of plain rows', () => {
    const columns = header.map((_, c) => {
      const values = rows.map((r) => r[c])
      if (c >= 4 && c <= 6) return { values }
      const dict = [...new Set(values.filter((v) => v !== ''))]
      return { dict, codes: values.map((v) => (v === '' ? -1 : dict.indexOf(v))) }
    })
    expect(report({ header, columns })).toEqual(report({ header, rows }))
  })

  it('name a code outside the dictionary', () => {
    expect(() =>
      report({
        header: ['Қызмет', 'Жалпы баға'],
        columns: [{ dict: ['A'], codes: [0, 3] }, { values: [5, 5] }],
      }),
    ).toThrow('column 1: code 3 at position 1 is not -1 or an index into its dict')
  })

  it('name columns of different lengths', () => {
    expect(() =>
      report({
        header: ['Қызмет', 'Жалпы баға'],
        columns: [{ values: ['A'] }, { values: [5, 5] }],
      }),
    ).toThrow('column 2 ("Жалпы баға") has 2 cells, column 1 has 1')
  })
})
