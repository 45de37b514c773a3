/**
 * Any scale from 0 or 1 up to 5..10 (DESIGN §3, §4; issue 13 item 2): every measure of the
 * report on a 0..10 and a 1..7 scale, computed by hand from the rows below.
 */
import { describe, expect, it } from 'vitest'
import { type Cell, report, SurveyError } from '../../engine'
import { expectClose, row, table } from '../support/tables'

const header = [
  'Қызмет',
  'Мемлекеттік орган',
  'Өңір',
  'Қызметке жалпы баға',
  'Қызмет ұсынушыға сенім',
  'Қызмет ұсыну мерзімдері',
  'Шағым берді',
  'Бейресми сыйақы',
  'Тамыр-таныстарды пайдалану',
]
const justice = 'Әділет министрлігі' // a central agency
const local = 'Жергілікті атқарушы органдар'

describe('a 0..10 scale', () => {
  // service, agency, region, overall, trust, timeliness, complaint, payment, connections
  const rows: Cell[][] = [
    ['S', justice, 'Астана', 10, 10, 10, 'Иә', 'Жоқ', 'Жоқ'],
    ['S', justice, 'Астана', 10, 9, 10, 'Жоқ', 'Жоқ', 'Жоқ'],
    ['S', justice, 'Алматы', 9, 9, 8, 'Жоқ', 'Жоқ', 'Жоқ'],
    ['S', justice, 'Алматы', 8, 8, 8, 'Жоқ', 'Жоқ', 'Жоқ'],
    ['S', justice, 'Алматы', 0, 0, 2, 'Иә', 'Жоқ', 'Жоқ'],
    ['S', justice, 'Астана', 1, 1, 4, 'Жоқ', 'Жоқ', 'Жоқ'],
    ['T', local, 'Астана', 5, 6, 5, 'Жоқ', 'Жоқ', 'Жоқ'],
    ['T', local, 'Астана', 7, 7, 7, 'Жоқ', 'Иә', 'Жоқ'],
    ['T', local, 'Алматы', 10, 2, 9, 'Жоқ', 'Жоқ', 'Жоқ'],
    ['T', local, 'Алматы', '', 0, '', 'Жоқ', 'Жоқ', 'Жоқ'],
  ]
  const r = report({ header, rows }, { scale: { min: 0, max: 10 }, minBase: 1 })

  it('states the scale in the summary and computes the headline on it', () => {
    // Nine overall scores: 10, 10, 9, 8, 0, 1, 5, 7, 10 — three 10s, sum 60.
    expect(r.summary).toMatchObject({ scale: { min: 0, max: 10 }, respondents: 10, rated: 9 })
    expect(r.summary.satisfaction).toBeCloseTo(3 / 9, 15)
    expect(r.summary.mean).toBeCloseTo(60 / 9, 14)
    expect(r.summary.issueCount).toBe(0)
  })

  it('rates each service: top point, top two, mean, 10 × mean / max', () => {
    const rating = table(r, 'rating')
    // S: 10, 10, 9, 8, 0, 1 → two 10s of 6, one 9; sum 38.
    const s = row(rating, { service: 'S' })
    expect(s).toMatchObject({ n: 6, agency: justice })
    expectClose(s.satisfaction, 2 / 6, 1e-15)
    expectClose(s.top2, 3 / 6, 1e-15)
    expectClose(s.mean, 38 / 6, 1e-15)
    expectClose(s.score10, 38 / 6, 1e-15) // 10 × mean / 10
    // T: 5, 7, 10 (the fourth row has no overall score) → one 10 of 3, sum 22.
    const t = row(rating, { service: 'T' })
    expect(t.n).toBe(3)
    expectClose(t.satisfaction, 1 / 3, 1e-15)
    expectClose(t.top2, 1 / 3, 1e-15)
    expectClose(t.mean, 22 / 3, 1e-15)
    expectClose(t.score10, 22 / 3, 1e-15)
  })

  it('has one distribution column per point, p0..p10 and n0..n10', () => {
    const distribution = table(r, 'distribution')
    const points = Array.from({ length: 11 }, (_, k) => k)
    expect(distribution.columns.map((c) => c.key)).toEqual([
      'groupType',
      'group',
      'label',
      'n',
      ...points.map((k) => `p${k}`),
      ...points.map((k) => `n${k}`),
      'sigSatisfaction',
      'sigMean',
    ])
    const s = row(distribution, { groupType: 'service', group: 'S' })
    expect(s).toMatchObject({ n: 6, n0: 1, n1: 1, n2: 0, n7: 0, n8: 1, n9: 1, n10: 2 })
    expect(s).toMatchObject({ p0: 1 / 6, p1: 1 / 6, p5: 0, p8: 1 / 6, p9: 1 / 6, p10: 2 / 6 })
    const total = row(distribution, { groupType: 'total' })
    expect(total).toMatchObject({ n: 9, n0: 1, n1: 1, n5: 1, n7: 1, n8: 1, n9: 1, n10: 3 })
    expect(total).toMatchObject({ p3: 0, p5: 1 / 9, p10: 3 / 9 })
  })

  it('rates the aspects on the scale', () => {
    const aspects = table(r, 'aspects')
    // S's trust 10, 9, 9, 8, 0, 1 (sum 37); timeliness 10, 10, 8, 8, 2, 4 (sum 42).
    const s = row(aspects, { groupType: 'service', group: 'S' })
    expectClose(s.trust, 37 / 6, 1e-15)
    expectClose(s.timeliness, 7, 1e-15)
    expectClose(s.overall, 38 / 6, 1e-15)
    expectClose(s.delta, 38 / 6 - 60 / 9, 1e-13)
    // T's trust 6, 7, 2, 0 (sum 15); timeliness 5, 7, 9.
    const t = row(aspects, { groupType: 'service', group: 'T' })
    expectClose(t.trust, 15 / 4, 1e-15)
    expectClose(t.timeliness, 7, 1e-15)
    expectClose(aspects.total?.trust, 5.2, 1e-15) // 52 / 10
    expectClose(aspects.total?.timeliness, 7, 1e-15) // 63 / 9
  })

  it('counts the dissatisfied and the distrustful at the two lowest points, 0 and 1', () => {
    const concern = table(r, 'concern')
    // The Ministry of Justice (S): overall 0 and 1 of 6; trust 0 and 1 of 6; two complaints of 6.
    const s = row(concern, { groupType: 'agency', group: justice })
    expect(s).toMatchObject({ informalPayments: 0, connections: 0 })
    expectClose(s.dissatisfied, 2 / 6, 1e-15)
    expectClose(s.distrust, 2 / 6, 1e-15)
    expectClose(s.complaints, 2 / 6, 1e-15)
    expectClose(s.index, 0.2, 1e-15)
    // Almaty's local bodies (T rows 3, 4): overall 10; trust 2 and 0 → distrust 1 of 2.
    const almaty = row(concern, { groupType: 'localRegion', group: 'Алматы' })
    expect(almaty).toMatchObject({ dissatisfied: 0, distrust: 0.5, complaints: 0 })
    // Everyone: dissatisfied 2/9, distrust 3/10 (trust 0, 1, 0), complaints 2/10, payments 1/10.
    const total = concern.total ?? {}
    expectClose(total.dissatisfied, 2 / 9, 1e-15)
    expectClose(total.distrust, 0.3, 1e-15)
    expectClose(total.complaints, 0.2, 1e-15)
    expectClose(total.informalPayments, 0.1, 1e-15)
    expect(total.connections).toBe(0)
    expectClose(total.index, (2 / 9 + 0.3 + 0.2 + 0.1) / 5, 1e-14)
  })

  it('gives the regions their 10-point score', () => {
    const regions = table(r, 'regions')
    // Astana: 10, 10, 1, 5, 7 (sum 33); Almaty: 9, 8, 0, 10 (sum 27).
    const astana = row(regions, { region: 'Астана' })
    expect(astana.n).toBe(5)
    expectClose(astana.mean, 6.6, 1e-15)
    expectClose(astana.score10, 6.6, 1e-15)
    expectClose(astana.satisfaction, 0.4, 1e-15)
    const almaty = row(regions, { region: 'Алматы' })
    expectClose(almaty.mean, 6.75, 1e-15)
    expectClose(almaty.score10, 6.75, 1e-15)
  })

  it('correlates the aspects over the eleven points', () => {
    // numpy.corrcoef over the nine rows with an overall score:
    //   overall    = [10, 10, 9, 8, 0, 1, 5, 7, 10]
    //   trust      = [10, 9, 9, 8, 0, 1, 6, 7, 2]   → 0.7501335351207947
    //   timeliness = [10, 10, 8, 8, 2, 4, 5, 7, 9]  → 0.9738516810963534
    const total = table(r, 'drivers').rows.filter((x) => x.group === 'total')
    expect(total.map((x) => [x.aspect, x.n])).toEqual([
      ['timeliness', 9],
      ['trust', 9],
    ])
    expectClose(total[0].r, 0.9738516810963534, 1e-12)
    expectClose(total[1].r, 0.7501335351207947, 1e-12)
    expectClose(total[0].mean, 7, 1e-15)
  })

  it('names the scale’s own points in the labels of top-2, dissatisfied and distrust', () => {
    // On 0..10 the top two points are 9 and 10 and the two lowest 0 and 1: a label that says
    // «4» and «5» or «1»–«2» describes another scale.
    const ru = report({ header, rows }, { scale: { min: 0, max: 10 }, locale: 'ru' })
    const label = (id: 'rating' | 'concern', key: string) =>
      table(ru, id).columns.find((c) => c.key === key)?.label ?? ''
    expect(label('rating', 'top2')).toMatch(/9.*10/)
    expect(label('concern', 'dissatisfied')).toMatch(/0.*1/)
    expect(label('concern', 'dissatisfied')).not.toContain('«1»–«2»')
    expect(label('concern', 'distrust')).not.toContain('«1»–«2»')
  })
})

describe('a 1..7 scale', () => {
  const header7 = ['Қызмет', 'Қызметке жалпы баға', 'Қызмет ұсынушыға сенім']
  const rows: Cell[][] = [
    ['U', 7, 7],
    ['U', 7, 6],
    ['U', 6, 6],
    ['U', 5, 5],
    ['U', 1, 2],
    ['U', 2, 1],
    ['V', 4, 4],
    ['V', 3, 3],
    ['V', 7, 5],
  ]
  const r = report({ header: header7, rows }, { scale: { min: 1, max: 7 }, minBase: 1 })

  it('rates each service: 7 is the top point, 6 and 7 the top two, 10 × mean / 7', () => {
    const rating = table(r, 'rating')
    // U: 7, 7, 6, 5, 1, 2 → sum 28; V: 4, 3, 7 → sum 14.
    const u = row(rating, { service: 'U' })
    expectClose(u.satisfaction, 2 / 6, 1e-15)
    expectClose(u.top2, 3 / 6, 1e-15)
    expectClose(u.mean, 28 / 6, 1e-15)
    expectClose(u.score10, 20 / 3, 1e-15) // 10 × (28/6) / 7
    const v = row(rating, { service: 'V' })
    expectClose(v.satisfaction, 1 / 3, 1e-15)
    expectClose(v.top2, 1 / 3, 1e-15)
    expectClose(v.mean, 14 / 3, 1e-15)
    expectClose(v.score10, 20 / 3, 1e-15)
    expect(r.summary.satisfaction).toBeCloseTo(3 / 9, 15)
    expect(r.summary.mean).toBeCloseTo(42 / 9, 14)
  })

  it('has distribution columns p1..p7 and n1..n7 only', () => {
    const distribution = table(r, 'distribution')
    const keys = distribution.columns.map((c) => c.key)
    expect(keys.filter((k) => /^[pn]\d+$/.test(k))).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((k) => `p${k}`),
      ...[1, 2, 3, 4, 5, 6, 7].map((k) => `n${k}`),
    ])
    const total = row(distribution, { groupType: 'total' })
    expect(total).toMatchObject({ n: 9, n1: 1, n2: 1, n3: 1, n4: 1, n5: 1, n6: 1, n7: 3 })
    expect(total).toMatchObject({ p1: 1 / 9, p6: 1 / 9, p7: 3 / 9 })
    const u = row(distribution, { groupType: 'service', group: 'U' })
    expect(u).toMatchObject({ p3: 0, p4: 0, p5: 1 / 6, p6: 1 / 6, p7: 2 / 6 })
  })

  it('counts the dissatisfied at 1 and 2, and trust on the scale', () => {
    const concern = table(r, 'concern').total ?? {}
    expectClose(concern.dissatisfied, 2 / 9, 1e-15) // overall 1 and 2
    expectClose(concern.distrust, 2 / 9, 1e-15) // trust 2 and 1
    expect(concern.complaints).toBeNull() // no complaint column
    expect(concern.index).toBeNull()
    const aspects = table(r, 'aspects')
    expectClose(row(aspects, { groupType: 'service', group: 'U' }).trust, 27 / 6, 1e-15)
    expectClose(row(aspects, { groupType: 'service', group: 'V' }).trust, 4, 1e-15)
  })

  it('correlates trust with the overall score over the seven points', () => {
    // np.corrcoef([7, 7, 6, 5, 1, 2, 4, 3, 7], [7, 6, 6, 5, 2, 1, 4, 3, 5])[0, 1] → 0.9274260335029677
    const trust = row(table(r, 'drivers'), { group: 'total', aspect: 'trust' })
    expectClose(trust.r, 0.9274260335029677, 1e-12)
  })
})

describe('cells on another scale', () => {
  const header3 = ['Қызмет', 'Қызметке жалпы баға', 'Қызмет ұсынушыға сенім']

  it('refuse the words of the 5-point scale, as data issues naming the scale', () => {
    const rows: Cell[][] = [
      ['A', 'жақсы', 'өте жақсы'],
      ['A', 'Отлично', 8],
      ['A', 9, 'good'],
    ]
    const r = report({ header: header3, rows }, { scale: { min: 0, max: 10 }, minBase: 1 })
    expect(r.issues).toEqual([
      {
        row: 2,
        column: 'Қызметке жалпы баға',
        value: 'жақсы',
        reason: 'a word of the 5-point scale, not a score 0..10',
      },
      {
        row: 2,
        column: 'Қызмет ұсынушыға сенім',
        value: 'өте жақсы',
        reason: 'a word of the 5-point scale, not a score 0..10',
      },
      {
        row: 3,
        column: 'Қызметке жалпы баға',
        value: 'Отлично',
        reason: 'a word of the 5-point scale, not a score 0..10',
      },
      {
        row: 4,
        column: 'Қызмет ұсынушыға сенім',
        value: 'good',
        reason: 'a word of the 5-point scale, not a score 0..10',
      },
    ])
    expect(r.summary).toMatchObject({ rated: 1, mean: 9 })
    // The same words are scores on the 5-point scale.
    const five = report({ header: header3, rows: [['A', 'жақсы', 'өте жақсы']] }, { minBase: 1 })
    expect(five.summary).toMatchObject({ mean: 4, issueCount: 0 })
    expect(table(five, 'aspects').total?.trust).toBe(5)
  })

  it('list scores outside the scale as data issues, with the scale in the reason', () => {
    const rows: Cell[][] = [
      ['A', 0, 8],
      ['A', 8, 7],
      ['A', 7, '7,5'],
      ['A', '5 балл', 1],
    ]
    const r = report({ header: header3, rows }, { scale: { min: 1, max: 7 }, minBase: 1 })
    expect(r.issues.map(({ row, value, reason }) => [row, value, reason])).toEqual([
      [2, '0', 'outside the scale 1..7'],
      [2, '8', 'outside the scale 1..7'],
      [3, '8', 'outside the scale 1..7'],
      [4, '7,5', 'not a whole score 1..7'],
    ])
    // Rows 4 and 5 score 7 and 5; trust 7 and 1.
    expect(r.summary).toMatchObject({ rated: 2, mean: 6, satisfaction: 0.5 })
    expect(table(r, 'aspects').total?.trust).toBe(4)
    const ten = report(
      {
        header: header3,
        rows: [
          ['A', 11, -1],
          ['A', 0, 10],
        ],
      },
      { scale: { min: 0, max: 10 }, minBase: 1 },
    )
    expect(ten.issues.map(({ row, value, reason }) => [row, value, reason])).toEqual([
      [2, '11', 'outside the scale 0..10'],
      [2, '-1', 'outside the scale 0..10'],
    ])
    expect(ten.summary).toMatchObject({ rated: 1, mean: 0, satisfaction: 0 })
  })

  it('refuse a survey with no valid overall score on the scale, naming the scale', () => {
    const attempt = () =>
      report({ header: header3, rows: [['A', 11, 10]] }, { scale: { min: 0, max: 10 } })
    expect(attempt).toThrow(SurveyError)
    expect(attempt).toThrow(
      'No valid overall score 0..10 in column "Қызметке жалпы баға" (1 respondents read, 1 data issues)',
    )
  })
})

describe('options.scale', () => {
  const survey = { header: ['Қызмет', 'Жалпы баға'], rows: [['A', 5]] as Cell[][] }
  const refused = (scale: unknown) => () => report(survey, { scale: scale as never })

  it.each([
    [{ min: 2, max: 5 }, '{"min":2,"max":5}'],
    [{ min: 1, max: 4 }, '{"min":1,"max":4}'],
    [{ min: 0, max: 11 }, '{"min":0,"max":11}'],
    [{ min: 1, max: 7.5 }, '{"min":1,"max":7.5}'],
    [{ min: '1', max: 10 }, '{"min":"1","max":10}'],
    [{ max: 10 }, '{"max":10}'],
    ['1..10', '"1..10"'],
    [[1, 10], '[1,10]'],
  ])('refuses %j, saying what a scale is and what it got', (scale, got) => {
    expect(refused(scale)).toThrow(SurveyError)
    expect(refused(scale)).toThrow(`the scale must be {"min": 0 or 1, "max": 5..10}, got ${got}`)
    try {
      refused(scale)()
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad_input', details: { field: 'scale' } })
    }
  })

  it('accepts every scale from 0 or 1 up to 5..10', () => {
    for (const min of [0, 1]) {
      for (let max = 5; max <= 10; max++) {
        const r = report({ header: survey.header, rows: [['A', max]] }, { scale: { min, max } })
        expect(r.summary.scale).toEqual({ min, max })
        expect(r.summary.satisfaction).toBe(1)
      }
    }
  })
})
