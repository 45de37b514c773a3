import { describe, expect, it } from 'vitest'
import { type Cell, report, SurveyError, TABLE_IDS, type Table } from '../../engine'
import { row, table } from '../support/tables'

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

describe('report', () => {
  const r = report({ header, rows }, { minBase: 2 })

  it('builds every table of DESIGN §5 with its row keys', () => {
    // No declared question and no previous wave: no questions or waves table.
    expect(r.tables.map((t) => t.id)).toEqual(
      TABLE_IDS.filter((id) => id !== 'questions' && id !== 'waves'),
    )
    // DESIGN §5, with the significance and interval keys of issue 15 where the table has them.
    const aspects =
      'infoAccess infoClarity documents timeliness staffCompetence staffSpeed staffCourtesy trust'
    const keys: Record<string, string[]> = {
      rating: (
        'rank rankLow rankHigh service agency n satisfaction top2 mean score10 index100 ciLow ciHigh ' +
        'meanCiLow meanCiHigh sigSatisfaction sigMean smallBase'
      ).split(' '),
      distribution:
        'groupType group label n p1 p2 p3 p4 p5 n1 n2 n3 n4 n5 sigSatisfaction sigMean'.split(' '),
      aspects: `groupType group label n overall delta ${aspects}`.split(' '),
      places: `service channel label n satisfaction mean sigSatisfaction ${aspects}`.split(' '),
      regions: (
        'region n satisfaction mean score10 localN localSatisfaction localMean localScore10 ' +
        'corpN corpSatisfaction corpMean corpCentralN corpCentralSatisfaction corpCentralMean ' +
        'corpLocalN corpLocalSatisfaction corpLocalMean meanCiLow meanCiHigh sigSatisfaction ' +
        'sigMean localSigSatisfaction localSigMean corpSigSatisfaction corpSigMean'
      ).split(' '),
      barriers:
        'groupType group label n connections informalPayments complaints satisfaction'.split(' '),
      concern:
        'groupType group label index dissatisfied distrust complaints informalPayments connections'.split(
          ' ',
        ),
      drivers: 'group label aspect aspectLabel r n importance mean'.split(' '),
      channels: 'service corpN corpSatisfaction bodyN bodySatisfaction diff'.split(' '),
      demographics: 'service dimension band label n satisfaction mean'.split(' '),
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

  it('computes distributions by channel, agency, region, local bodies, the State Corporation, service and in total', () => {
    const distribution = table(r, 'distribution')
    // Derived categories are keys with their label beside them; survey labels are both.
    expect(distribution.rows.map((x) => `${x.groupType}:${x.group}:${x.label}`)).toEqual([
      'channel:body:Мемлекеттік орган',
      'channel:corp:Мемкорпорация (ХҚКО)',
      `agency:${БП}:${БП}`,
      `agency:${ЖАО}:${ЖАО}`,
      'region:Алматы:Алматы',
      'region:Астана:Астана',
      // Local bodies (ЖАО) by region: rows 1–3; the State Corporation by region: rows 2, 3, 6.
      'localRegion:Алматы:Алматы',
      'localRegion:Астана:Астана',
      'corpRegion:Алматы:Алматы',
      'corpRegion:Астана:Астана',
      // The State Corporation's central (БП: row 6) and local (ЖАО: rows 2, 3) services.
      'corpLevel:central:Орталық мемлекеттік органдар',
      'corpLevel:local:Жергілікті атқарушы органдар',
      'service:A:A',
      'service:B:B',
      'service:C:C',
      'total:total:Барлығы',
    ])
    expect(row(distribution, { groupType: 'total' })).toMatchObject({
      n: 6,
      p2: 1 / 6,
      p3: 1 / 6,
      p4: 1 / 6,
      p5: 0.5,
      n5: 3,
    })
    // Astana's local bodies: rows 1 and 2 (a 5 and a 4).
    expect(row(distribution, { groupType: 'localRegion', group: 'Астана' })).toMatchObject({
      n: 2,
      p4: 0.5,
      p5: 0.5,
      n4: 1,
      n5: 1,
    })
    // Almaty at the State Corporation: row 3 (a 2); row 6 has no overall score.
    expect(row(distribution, { groupType: 'corpRegion', group: 'Алматы' })).toMatchObject({
      n: 1,
      p2: 1,
      n2: 1,
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

  it('lists central agencies only, local bodies and the State Corporation by region, each with its total', () => {
    const concern = table(r, 'concern')
    expect(concern.rows.map((x) => `${x.groupType}:${x.group}:${x.label}`)).toEqual([
      `agency:${БП}:${БП}`,
      'agency:total:Барлығы',
      'localRegion:Алматы:Алматы',
      'localRegion:Астана:Астана',
      'localRegion:total:Барлығы',
      'corpRegion:Алматы:Алматы',
      'corpRegion:Астана:Астана',
      'corpRegion:total:Барлығы',
    ])
    // The Prosecutor General's Office, rows 4–7: overall 5, 5, 3 (none at 1–2); trust 5, 4, 3, 2
    // (one of four at 1–2); complaints 0 of 3; payments 1 of 3; connections 0 of 3.
    const prosecutor = { dissatisfied: 0, distrust: 0.25, complaints: 0, informalPayments: 1 / 3 }
    expect(row(concern, { groupType: 'agency', group: БП })).toMatchObject({
      ...prosecutor,
      connections: 0,
    })
    expect(row(concern, { groupType: 'agency', group: БП }).index).toBeCloseTo(
      (0.25 + 1 / 3) / 5,
      12,
    )
    // The only central agency: its groupType's total is the same.
    expect(row(concern, { groupType: 'agency', group: 'total' })).toMatchObject(prosecutor)
    // Almaty's local bodies, row 3: overall 2, trust 1, a complaint, no payment, no connections.
    expect(row(concern, { groupType: 'localRegion', group: 'Алматы' })).toMatchObject({
      dissatisfied: 1,
      distrust: 1,
      complaints: 1,
      informalPayments: 0,
      connections: 0,
    })
    expect(row(concern, { groupType: 'localRegion', group: 'Алматы' }).index).toBeCloseTo(0.6, 12)
    // Local bodies in total, rows 1–3: overall 5, 4, 2; trust 5, 4, 1; complaints 1 of 3;
    // connections 1 of 3.
    const local = row(concern, { groupType: 'localRegion', group: 'total' })
    expect(local).toMatchObject({ dissatisfied: 1 / 3, distrust: 1 / 3, complaints: 1 / 3 })
    expect(local.index).toBeCloseTo(4 / 3 / 5, 12)
    // The State Corporation, rows 2, 3, 6: overall 4, 2 (row 6 blank); trust 4, 1, 3;
    // complaints 1 of 2, connections 1 of 2.
    const corp = row(concern, { groupType: 'corpRegion', group: 'total' })
    expect(corp).toMatchObject({ dissatisfied: 0.5, complaints: 0.5, connections: 0.5 })
    expect(corp.distrust).toBeCloseTo(1 / 3, 12)
  })

  it('correlates each aspect with the overall score per provider group', () => {
    const drivers = table(r, 'drivers')
    const total = drivers.rows.filter((x) => x.group === 'total')
    expect(total.map((x) => [x.label, x.aspect, x.aspectLabel])).toEqual([
      ['Барлығы', 'trust', 'Қызмет ұсынушыға сенім'],
      ['Барлығы', 'timeliness', 'Қызмет ұсыну мерзімдері'],
    ])
    expect(total[0].n).toBe(6)
    expect(total[0].r as number).toBeGreaterThan(total[1].r as number)
    // numpy.corrcoef over the six rated rows:
    //   overall = [5, 4, 2, 5, 5, 3], trust = [5, 4, 1, 5, 4, 2], timeliness = [5, 4, 3, 4, 5, 3]
    //   np.corrcoef(overall, trust)[0, 1] → 0.9622504486493763
    //   np.corrcoef(overall, timeliness)[0, 1] → 0.8838834764831843
    expect(total[0].r).toBeCloseTo(0.9622504486493763, 12)
    expect(total[1].r).toBeCloseTo(0.8838834764831843, 12)
    // Relative importance: the items' shares of R², summing to 1.
    expect((total[0].importance as number) + (total[1].importance as number)).toBeCloseTo(1, 12)
    // Groups as keys: central (rows 4, 5, 7), local (row 1: its own delivery), corp (rows 2, 3, 6).
    expect([...new Set(drivers.rows.map((x) => `${x.group}:${x.label}`))]).toEqual([
      'central:Орталық мемлекеттік органдар',
      'local:Жергілікті атқарушы органдар',
      'corp:Мемкорпорация (ХҚКО)',
      'total:Барлығы',
    ])
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

  it('groups by age band and gender, over all services and per service', () => {
    const demographics = table(r, 'demographics')
    expect(
      demographics.rows.map((x) => `${x.service}:${x.dimension}:${x.band}:${x.label}:${x.n}`),
    ).toEqual([
      'null:age:18-21:18-21:1',
      'null:age:22-29:22-29:1',
      'null:age:30-39:30-39:1',
      'null:age:40-49:40-49:1',
      'null:age:50-59:50-59:1',
      'null:age:60+:60+:1',
      'null:gender:male:Ер:4',
      'null:gender:female:Әйел:2',
      // A: rows 1–3; B: rows 4–6 (row 6, 38 and female, has no overall score); C: row 7.
      'A:age:18-21:18-21:1',
      'A:age:22-29:22-29:1',
      'A:age:40-49:40-49:1',
      'A:gender:male:Ер:1',
      'A:gender:female:Әйел:2',
      'B:age:30-39:30-39:1',
      'B:age:60+:60+:1',
      'B:gender:male:Ер:2',
      'B:gender:female:Әйел:0',
      'C:age:50-59:50-59:1',
      'C:gender:male:Ер:1',
    ])
    expect(row(demographics, { service: 'A', band: 'female' })).toMatchObject({
      satisfaction: 0,
      mean: 3,
    })
    expect(row(demographics, { service: 'B', band: 'female' })).toMatchObject({
      satisfaction: null,
      mean: null,
    })
  })

  it('lists each service by place with its aspects', () => {
    const places = table(r, 'places')
    expect(places.rows.map((x) => `${x.service}:${x.channel}:${x.label}:${x.n}`)).toEqual([
      'A:body:Мемлекеттік орган:1',
      'A:corp:Мемкорпорация (ХҚКО):2',
      'B:body:Мемлекеттік орган:2',
      'B:corp:Мемкорпорация (ХҚКО):0',
      'C:body:Мемлекеттік орган:1',
    ])
    // A at the State Corporation, rows 2 and 3: overall 4, 2; trust 4, 1; timeliness 4, 3.
    expect(row(places, { service: 'A', channel: 'corp' })).toMatchObject({
      satisfaction: 0,
      mean: 3,
      trust: 2.5,
      timeliness: 3.5,
      infoAccess: null,
    })
  })

  it('labels tables in Russian and English', () => {
    const ru = report({ header, rows }, { locale: 'ru', tables: ['rating'] })
    expect(ru.tables).toHaveLength(1)
    expect(ru.tables[0].title).toBe('Рейтинг услуг')
    const label = (t: Table, key: string) => t.columns.find((c) => c.key === key)?.label
    expect(label(ru.tables[0], 'satisfaction')).toBe('Удовлетворенность')
    const en = report({ header, rows }, { locale: 'en', tables: ['distribution'] })
    expect(en.tables[0].rows[0]).toMatchObject({ group: 'body', label: 'State body' })
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

  it('name a code outside the dictionary in a column no role reads', () => {
    const unused = new Int16Array(3)
    unused[2] = 7
    expect(() =>
      report({
        header: ['Қызмет', 'Жалпы баға', 'Ескерту'],
        columns: [
          { dict: ['A'], codes: new Int8Array(3) },
          { dict: [5], codes: new Int8Array(3) },
          { dict: ['x', 'y'], codes: unused },
        ],
      }),
    ).toThrow('column 3: code 7 at position 2 is not -1 or an index into its dict')
  })

  it.each([
    ['Int8Array', (n: number) => new Int8Array(n)],
    ['Int16Array', (n: number) => new Int16Array(n)],
    ['Int32Array', (n: number) => new Int32Array(n)],
  ])('name a code outside the dictionary in typed codes (%s), past the first block', (_, make) => {
    // 20,000 codes: the bad one lies in the second block of 16,384 that decoding reads.
    for (const [at, bad] of [
      [19_999, 1],
      [16_384, -2],
      [3, 2],
    ]) {
      const codes = make(20_000)
      codes[at] = bad
      const overall = make(20_000).fill(-1)
      expect(() =>
        report({
          header: ['Қызмет', 'Жалпы баға'],
          columns: [
            { dict: ['A'], codes },
            { dict: [5], codes: overall },
          ],
        }),
      ).toThrow(`column 1: code ${bad} at position ${at} is not -1 or an index into its dict`)
    }
  })

  it('name a bad Int8 code in a score column whose dictionary holds a bad value, and keep its issues in row order', () => {
    const header = ['Қызмет', 'Жалпы баға']
    const service = { dict: ['A'], codes: new Int8Array([0, 0, 0, 0]) }
    // 'x' is not a score: rows 3 and 5 are data issues, named in row order.
    const overall = { dict: [5, 'x'], codes: new Int8Array([1, 0, 1, -1]) }
    const { issues } = report({ header, columns: [service, overall] })
    expect(issues.map((issue) => [issue.row, issue.value])).toEqual([
      [2, 'x'],
      [4, 'x'],
    ])
    overall.codes[3] = 7
    expect(() => report({ header, columns: [service, overall] })).toThrow(
      'column 2: code 7 at position 3 is not -1 or an index into its dict',
    )
  })

  it('count as respondents in Int8 codes the rows any column answers, whichever column answers every row', () => {
    const header = ['Қызмет', 'Жалпы баға', 'Сенім']
    const form = (codes: number[][]) => ({
      header,
      columns: [
        { dict: ['A'], codes: new Int8Array(codes[0]) },
        { dict: [5, 4], codes: new Int8Array(codes[1]) },
        { dict: [3], codes: new Int8Array(codes[2]) },
      ],
    })
    // Rows 1–5 by hand: answered in the service only (row 4) or the trust item only (row 5)
    // still make a respondent; row 3, blank everywhere, does not.
    const someBlank = [
      [0, -1, -1, 0, -1],
      [0, 1, -1, -1, -1],
      [-1, -1, -1, -1, 0],
    ]
    expect(report(form(someBlank)).summary.respondents).toBe(4)
    // The overall score answers every row: the trust item adds none.
    expect(
      report(
        form([
          [0, -1, -1, 0, -1],
          [0, 1, 1, 0, 0],
          [-1, -1, -1, -1, 0],
        ]),
      ).summary.respondents,
    ).toBe(5)
    // The service answers every row, the later columns cannot add to that.
    expect(
      report(
        form([
          [0, 0, 0, 0, 0],
          [0, -1, -1, -1, 1],
          [-1, -1, -1, -1, -1],
        ]),
      ).summary.respondents,
    ).toBe(5)
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
