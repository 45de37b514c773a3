/**
 * This wave against the previous one (DESIGN §4 "Waves", §5 `waves`; issue 16 item 1): the
 * change per common service and its test, services of one wave listed and never compared, the
 * total standardised to the common services, on a hand-made pair of surveys.
 */
import { describe, expect, it } from 'vitest'
import { aggregate, type Cell, mergeStates, report, SurveyError } from '../../engine'
import { expectClose, row, table } from '../support/tables'

/** Counts of the scores 1..5 per service. */
const NOW: Record<string, number[]> = {
  A: [0, 2, 6, 20, 52], // m 80: 52 fives, sum 362
  B: [2, 2, 6, 12, 8], // m 30: 8 fives, sum 112
  C: [0, 1, 2, 3, 4], // this wave only: m 10, sum 40
}
const THEN: Record<string, number[]> = {
  A: [2, 4, 10, 24, 30], // m 70: 30 fives, sum 286
  B: [1, 2, 5, 9, 8], // m 25: 8 fives, sum 96
  D: [0, 0, 2, 4, 6], // the previous wave only: m 12, sum 52
}
const rowsOf = (counts: Record<string, number[]>): Cell[][] =>
  Object.entries(counts).flatMap(([service, c]) =>
    c.flatMap((k, i) => Array.from({ length: k }, () => [service, i + 1])),
  )
const now = { header: ['Қызмет', 'Қызметке жалпы баға'], rows: rowsOf(NOW) }
// The previous wave's file has its own headers (Russian): each wave is mapped on its own.
const then = { header: ['Услуга', 'Общая оценка'], rows: rowsOf(THEN) }
const options = { locale: 'en' as const, minBase: 5 }

/*
 * Oracle: /usr/bin/python3, scipy 1.10.1, statsmodels 0.13.5, on the scores expanded from the
 * counts (x = np.repeat([1, 2, 3, 4, 5], counts)); the variance of a proportion is
 * p(1 − p)/(m − 1), as in significance.test.ts:
 *   z = stats.ttest_ind(a == 5, b == 5, equal_var=False).statistic; p = 2 * stats.norm.sf(abs(z))
 *   t = stats.ttest_ind(a, b, equal_var=False)
 *   A: change 0.22142857142857147, z 2.761609032619393, p 0.0057517308170745175
 *      changeMean 0.43928571428571495, t 2.9503834314061947, p 0.0037960973516578487
 *   B: change −0.053333333333333344, p 0.6714465600205741; changeMean −0.10666666666666647,
 *      p 0.7271638552374394
 *   multipletests([pA, pB], method='fdr_bh')[1]: change [0.0115, 0.671], mean [0.00759, 0.727]
 * The total, standardised to this wave's mix of the common services (A 80/110, B 30/110), its
 * variance Σ share²·(v_now + v_then), a z test:
 *   satisfaction 0.5454545454545455, previous 0.39896103896103896, p 0.03035021988604482
 *   mean 4.3090909090909095, previous 4.018701298701298, p 0.03324658787485217
 */
describe('the waves table', () => {
  const r = report(now, options, then)
  const waves = table(r, 'waves')

  it('lists every service of either wave, in order', () => {
    expect(waves.rows.map((x) => [x.service, x.n, x.previousN])).toEqual([
      ['A', 80, 70],
      ['B', 30, 25],
      ['C', 10, 0],
      ['D', 0, 12],
    ])
  })

  it('gives each common service its change and the change’s significance', () => {
    const a = row(waves, { service: 'A' })
    expect(a).toMatchObject({ satisfaction: 0.65, mean: 4.525, sigChange: 1, sigChangeMean: 1 })
    expectClose(a.previousSatisfaction, 30 / 70, 1e-15)
    expectClose(a.previousMean, 286 / 70, 1e-15)
    expectClose(a.change, 0.22142857142857147, 1e-14)
    expectClose(a.changeMean, 0.43928571428571495, 1e-13)
    const b = row(waves, { service: 'B' })
    expect(b).toMatchObject({ previousSatisfaction: 0.32, previousMean: 3.84 })
    expect(b).toMatchObject({ sigChange: 0, sigChangeMean: 0 })
    expectClose(b.satisfaction, 8 / 30, 1e-15)
    expectClose(b.mean, 112 / 30, 1e-15)
    expectClose(b.change, -0.053333333333333344, 1e-13)
    expectClose(b.changeMean, -0.10666666666666647, 1e-12)
  })

  it('lists a service of one wave with its figures and no change, saying why', () => {
    const c = row(waves, { service: 'C' })
    expect(c).toMatchObject({
      n: 10,
      satisfaction: 0.4,
      mean: 4,
      previousN: 0,
      previousSatisfaction: null,
      previousMean: null,
      change: null,
      changeMean: null,
      sigChange: null,
      sigChangeMean: null,
    })
    const d = row(waves, { service: 'D' })
    expect(d).toMatchObject({ n: 0, satisfaction: null, mean: null, previousN: 12 })
    expect(d).toMatchObject({ change: null, changeMean: null, sigChange: null })
    expect(d.previousSatisfaction).toBe(0.5)
    expectClose(d.previousMean, 52 / 12, 1e-15)
    expect(waves.reasons?.['2.change']).toBe('assessed in this wave only: not compared')
    expect(waves.reasons?.['3.change']).toBe('assessed in the previous wave only: not compared')
  })

  it('totals the common services, standardised to this wave’s mix of them', () => {
    const total = waves.total ?? {}
    expect(total).toMatchObject({ service: 'total', label: 'Total', n: 110, previousN: 95 })
    // This wave: (52 + 8) / 110 and (362 + 112) / 110; the previous wave with this wave's
    // shares 80/110 and 30/110: (80 · 30/70 + 30 · 8/25) / 110 and (80 · 286/70 + 30 · 96/25) / 110.
    expectClose(total.satisfaction, 60 / 110, 1e-14)
    expectClose(total.mean, 474 / 110, 1e-14)
    expectClose(total.previousSatisfaction, ((80 * 30) / 70 + (30 * 8) / 25) / 110, 1e-14)
    expectClose(total.previousMean, ((80 * 286) / 70 + (30 * 96) / 25) / 110, 1e-14)
    expectClose(total.change, 0.5454545454545455 - 0.39896103896103896, 1e-13)
    expectClose(total.changeMean, 4.3090909090909095 - 4.018701298701298, 1e-12)
    expect(total).toMatchObject({ sigChange: 1, sigChangeMean: 1 })
  })

  it('leaves the headline of each wave as it is, and states the previous one', () => {
    // This wave over all its services: 64 fives of 120, sum 514.
    expectClose(r.summary.satisfaction, 64 / 120, 1e-15)
    expectClose(r.summary.mean, 514 / 120, 1e-15)
    expect(r.summary.previous).toEqual({
      issueCount: 0,
      respondents: 107,
      satisfaction: 44 / 107,
      mean: 434 / 107,
    })
  })

  it('is the same from the previous wave’s state (a fan-out of both waves)', () => {
    const state = aggregate(then)
    expect(report(now, options, state)).toEqual(r)
    const first = aggregate({ ...then, rows: then.rows.slice(0, 50) })
    const rest = aggregate({ ...then, rows: then.rows.slice(50) }, { firstRow: 52 })
    const merged = JSON.parse(JSON.stringify(mergeStates(rest, first)))
    expect(report(now, options, merged)).toEqual(r)
  })

  it('is absent without a previous wave, and the other tables are the same with or without', () => {
    const alone = report(now, options)
    expect(alone.tables.map((t) => t.id)).not.toContain('waves')
    expect(r.tables.filter((t) => t.id !== 'waves')).toEqual(alone.tables)
  })
})

describe('a previous wave on another scale', () => {
  it('is refused with both scales named', () => {
    const previous = aggregate(then, { scale: { min: 1, max: 10 } })
    const attempt = () => report(now, options, previous)
    expect(attempt).toThrow(SurveyError)
    expect(attempt).toThrow(
      'The previous wave is on the scale 1..10, this one on 1..5: waves are compared on one scale',
    )
  })
})
