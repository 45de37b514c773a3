/**
 * Raking through report() (DESIGN §4 "Raking"; issue 16 item 2): a small survey raked to region
 * and gender margins against R's survey::rake, the margins' spellings, the refusals, and a
 * fan-out that rakes every chunk to the weights of one pass.
 */
import { describe, expect, it } from 'vitest'
import {
  aggregate,
  type Cell,
  mergeRakeSamples,
  mergeStates,
  report,
  reportFromState,
  SurveyError,
  surveyRakeSample,
  type WeightingOptions,
} from '../../engine'
import { expectClose, row, table } from '../support/tables'

const header = ['Қызмет', 'Өңір', 'Жынысы', 'Қызметке жалпы баға']
const A = 'Астана'
const L = 'Алматы'
const S = 'Шымкент'
const m = 'Ер'
const f = 'Әйел'
// Astana 10 respondents (6 men), Almaty 8 (2 men), Shymkent 6 (3 men): 11 men, 13 women.
const rows: Cell[][] = [
  ['A', A, m, 5],
  ['A', A, m, 4],
  ['A', A, f, 5],
  ['A', A, f, 5],
  ['B', A, m, 3],
  ['B', A, f, 5],
  ['B', A, f, 4],
  ['A', A, m, 5],
  ['B', A, m, 2],
  ['A', A, m, 5],
  ['A', L, m, 4],
  ['A', L, f, 3],
  ['B', L, f, 5],
  ['B', L, f, 2],
  ['A', L, f, 5],
  ['B', L, m, 4],
  ['A', L, f, 1],
  ['B', L, f, 5],
  ['A', S, m, 5],
  ['B', S, f, 4],
  ['A', S, f, 3],
  ['B', S, m, 5],
  ['A', S, f, 5],
  ['B', S, m, 4],
]
const weighting: WeightingOptions = {
  margins: {
    region: { [A]: 0.3, [L]: 0.45, [S]: 0.25 },
    gender: { [m]: 0.48, [f]: 0.52 },
  },
}

/*
 * Oracle: R 4, survey 4.1.1 (regions and genders written in ASCII; the rows in this order):
 *
 *   library(survey)
 *   d <- data.frame(
 *     service = c('A','A','A','A','B','B','B','A','B','A','A','A','B','B','A','B','A','B','A','B','A','B','A','B'),
 *     region = rep(c('Ast','Alm','Shy'), c(10, 8, 6)),
 *     gender = c('m','m','f','f','m','f','f','m','m','m', 'm','f','f','f','f','m','f','f', 'm','f','f','m','f','m'),
 *     y = c(5,4,5,5,3,5,4,5,2,5, 4,3,5,2,5,4,1,5, 5,4,3,5,5,4))
 *   d$w <- 1; n <- nrow(d)
 *   des <- svydesign(ids = ~1, weights = ~w, data = d)
 *   pop <- list(data.frame(region = c('Ast', 'Alm', 'Shy'), Freq = c(0.3, 0.45, 0.25) * n),
 *               data.frame(gender = c('m', 'f'), Freq = c(0.48, 0.52) * n))
 *   rk <- rake(des, list(~region, ~gender), pop, control = list(epsilon = 1e-14, maxit = 1000))
 *   w <- weights(rk)
 *   sum(w)^2 / (n * sum(w^2)); min(w) / mean(w); max(w) / mean(w)
 *   svymean(~I(as.numeric(y == 5)), rk); svymean(~y, rk)
 *   svyby(~I(as.numeric(y == 5)), ~service, rk, svymean); svyby(~y, ~service, rk, svymean)
 */
const R = {
  weights: {
    [`${A} ${m}`]: 0.7984267150073302,
    [`${A} ${f}`]: 0.60235992748900591,
    [`${L} ${m}`]: 1.6547662672186549,
    [`${L} ${f}`]: 1.2484112442604471,
    [`${S} ${m}`]: 1.1399690585062368,
    [`${S} ${f}`]: 0.86003094149376436,
  },
  efficiency: 0.91527959022577243,
  minWeight: 0.60235992748900591,
  maxWeight: 1.6547662672186549,
  satisfaction: 0.46198177994902445,
  mean: 4.0142410069457561,
  service: {
    A: [0.54101466624911154, 4.0785826640747205],
    B: [0.37377204494114191, 3.9424283629817753],
  },
}

describe('a survey raked to region and gender margins', () => {
  const raked = report({ header, rows }, { minBase: 1, weighting })

  it('says what raking did: converged, achieved the targets, efficiency and design effect', () => {
    const w = raked.summary.weighting
    expect(w).toBeDefined()
    if (!w) return
    expect(w.converged).toBe(true)
    expect(w.iterations).toBeGreaterThanOrEqual(2) // gender is unbalanced within regions
    expect(w.iterations).toBeLessThanOrEqual(100)
    expect(w.maxError).toBeLessThanOrEqual(1e-10)
    expect(w.margins.map((x) => [x.role, x.category, x.target]).sort()).toEqual(
      [
        ['gender', 'female', 0.52],
        ['gender', 'male', 0.48],
        ['region', A, 0.3],
        ['region', L, 0.45],
        ['region', S, 0.25],
      ].sort(),
    )
    for (const margin of w.margins) {
      expect(Math.abs(margin.achieved - margin.target), margin.category).toBeLessThanOrEqual(1e-10)
    }
    const sample = Object.fromEntries(w.margins.map((x) => [x.category, x.sample]))
    expect(sample).toEqual({
      [A]: 10 / 24,
      [L]: 8 / 24,
      [S]: 6 / 24,
      male: 11 / 24,
      female: 13 / 24,
    })
    expectClose(w.efficiency, R.efficiency, 1e-9)
    expectClose(w.designEffect, 1 / R.efficiency, 1e-9)
    expectClose(w.minWeight, R.minWeight, 1e-9)
    expectClose(w.maxWeight, R.maxWeight, 1e-9)
    expect(w).toMatchObject({ trimmed: 0, outside: 0 })
  })

  it("gives R's raked satisfaction and mean, overall and per service", () => {
    // Weights are counted to 24 significant bits: ratios agree to about 1e-7.
    expect(raked.summary.weighted).toBe(true)
    expectClose(raked.summary.satisfaction, R.satisfaction, 2e-7)
    expectClose(raked.summary.mean, R.mean, 2e-7)
    expectClose(raked.summary.rated, 24, 2e-7) // raked weights keep the base weights' mean, 1
    const rating = table(raked, 'rating')
    for (const [service, [satisfaction, mean]] of Object.entries(R.service)) {
      expectClose(row(rating, { service }).satisfaction, satisfaction, 2e-7)
      expectClose(row(rating, { service }).mean, mean, 2e-7)
    }
    // Each region now holds its target share of the weighted respondents.
    const regions = table(raked, 'regions')
    expectClose(row(regions, { region: L }).n, 0.45 * 24, 2e-7)
    // Almaty: 2 men (1.6547…) and 6 women (1.2484…); fives from 3 women.
    const almaty =
      (3 * R.weights[`${L} ${f}`]) / (2 * R.weights[`${L} ${m}`] + 6 * R.weights[`${L} ${f}`])
    expectClose(row(regions, { region: L }).satisfaction, almaty, 2e-7)
  })

  it('takes the margins in any spelling of a gender', () => {
    const spelled = report(
      { header, rows },
      {
        minBase: 1,
        weighting: {
          margins: { region: weighting.margins.region, gender: { male: 0.48, Female: 0.52 } },
        },
      },
    )
    expect(spelled).toEqual(raked)
  })

  const withChannel = [...header, 'Қызмет алынған орын']
  const channelRows = rows.map((r, i) => [...r, i % 3 === 0 ? 'ХҚКО' : 'Мемлекеттік орган'])
  const byChannel = (margins: Record<string, number>) =>
    report(
      { header: withChannel, rows: channelRows },
      { minBase: 1, weighting: { margins: { channel: margins } } },
    )

  it('takes the margins of a channel in any of its names', () => {
    const byWords = byChannel({ ЦОН: 0.6, 'Мемлекеттік орган': 0.4 })
    expect(byChannel({ Мемкорпорация: 0.6, госорган: 0.4 })).toEqual(byWords)
    // 8 of 24 at the State Corporation, raked to 60 %.
    const corp = byWords.summary.weighting?.margins.find((x) => x.category === 'corp')
    expect(corp).toMatchObject({ role: 'channel', target: 0.6, sample: 8 / 24 })
    expectClose(corp?.achieved, 0.6, 1e-10)
  })

  it('takes the margins of a channel by the keys the summary reports them by', () => {
    // summary.weighting names the channels corp and body: margins written so are the same.
    expect(byChannel({ corp: 0.6, body: 0.4 })).toEqual(
      byChannel({ ЦОН: 0.6, 'Мемлекеттік орган': 0.4 }),
    )
  })
})

describe('raking is refused', () => {
  const refusal = (survey: { header: string[]; rows: Cell[][] }, w: WeightingOptions) => {
    try {
      report(survey, { weighting: w })
    } catch (error) {
      expect(error).toBeInstanceOf(SurveyError)
      return error as SurveyError
    }
    throw new Error('not refused')
  }

  it('for a category of the data missing from the margins, naming it', () => {
    const error = refusal(
      { header, rows },
      { margins: { region: { [A]: 0.5, [L]: 0.5 }, gender: weighting.margins.gender } },
    )
    expect(error.code).toBe('bad_input')
    expect(error.message).toContain(S)
    expect(error.message).toContain('6 respondents')
    expect(error.details).toMatchObject({ reason: 'unlisted_category', categories: [S], count: 6 })
  })

  it('for a category of the margins no respondent has, naming it', () => {
    const error = refusal(
      { header, rows },
      { margins: { region: { ...weighting.margins.region, Ақтөбе: 0 } } },
    )
    expect(error.message).toContain('Ақтөбе')
  })

  it('for respondents without a region, with their count', () => {
    const blank = rows.map((r, i) => (i === 3 || i === 20 ? [r[0], '', r[2], r[3]] : r))
    const error = refusal({ header, rows: blank }, weighting)
    expect(error.message).toBe(
      "2 respondents (the first in row 5) have no region: raking on region needs every respondent's region; fill it in, or rake without region",
    )
    expect(error.details).toMatchObject({ role: 'region', count: 2, row: 5 })
  })

  it('for a role the survey has no column of', () => {
    expect(refusal({ header, rows }, { margins: { channel: { corp: 1 } } }).message).toBe(
      'Margins for "channel", but the survey has no channel column',
    )
  })
})

describe('a fan-out of a raked survey', () => {
  it('rakes every chunk to the weights of one pass: the merged report is the one-pass report', () => {
    const options = { minBase: 1, weighting }
    const one = report({ header, rows }, options)
    // Chunks cut inside a region, so that no chunk alone has the survey's mix.
    const chunks = [
      { rows: rows.slice(0, 13), firstRow: 2 },
      { rows: rows.slice(13), firstRow: 15 },
    ]
    const sample = chunks
      .map((c) => surveyRakeSample({ header, rows: c.rows }, { weighting, firstRow: c.firstRow }))
      .reduce(mergeRakeSamples)
    const states = chunks.map((c) =>
      JSON.parse(
        JSON.stringify(
          aggregate(
            { header, rows: c.rows },
            { weighting: { ...weighting, sample }, firstRow: c.firstRow },
          ),
        ),
      ),
    )
    expect(reportFromState(mergeStates(states[1], states[0]), options)).toEqual(one)
    // A chunk cannot be raked on its own: it lacks Shymkent, which the margins name.
    expect(() => aggregate({ header, rows: chunks[0].rows }, { weighting })).toThrow(
      `region "${S}" is in the margins but no respondent has it`,
    )
  })
})
