/**
 * @module This wave against the previous one (DESIGN §4 waves, the report's recommendation 5):
 * per service both waves assessed, the change in satisfaction and mean with its significance,
 * and a total standardised to the common services; services in one wave only are listed as
 * such, never compared.
 */
import type { Cube } from '../cube'
import { TITLES } from '../labels'
import { normalTwoSidedP, significanceSign } from '../stats/index'
import type { Table, Value } from '../types'
import { categoryLabel, type Locale } from '../vocabulary'
import { columns, compareLabels, Reader, TableBuilder, type TableContext } from './context'
import {
  type Estimate,
  estimate,
  Family,
  meanTest,
  satisfactionTest,
  signInto,
  significanceNote,
  type Test,
} from './significance'

export function wavesTable(context: TableContext): Table | null {
  const { cube, locale, significance, previous } = context
  if (!previous) return null
  const read = new Reader(cube.layout)
  const before = new Reader(previous.cube.layout)
  const table = new TableBuilder(
    'waves',
    TITLES.waves[locale],
    columns(locale, [
      ['service', 'text'],
      ['n', 'integer'],
      ['satisfaction', 'percent'],
      ['mean', 'decimal'],
      ['previousN', 'integer'],
      ['previousSatisfaction', 'percent'],
      ['previousMean', 'decimal'],
      ['change', 'percent'],
      ['changeMean', 'decimal'],
      ['sigChange', 'sign'],
      ['sigChangeMean', 'sign'],
    ]),
  )
  table.notes.push(
    significanceNote(significance.correction, significance.level, locale),
    NOTES.standardised[locale],
  )
  const now = byService(cube)
  const then = byService(previous.cube)
  const services = [...new Set([...now.keys(), ...then.keys()])].sort(compareLabels)
  const changeFamily = new Family(significance.correction, significance.level)
  const meanFamily = new Family(significance.correction, significance.level)
  const common: Common[] = []
  for (const service of services) {
    const a = now.get(service)
    const b = then.get(service)
    const e = a ? estimate(read, a) : null
    const f = b ? estimate(before, b) : null
    const row: Record<string, Value> = {
      service,
      n: a ? read.rated(a) : 0,
      satisfaction: e?.satisfaction ?? null,
      mean: e?.mean ?? null,
      previousN: b ? before.rated(b) : 0,
      previousSatisfaction: f?.satisfaction ?? null,
      previousMean: f?.mean ?? null,
      change: null,
      changeMean: null,
      sigChange: null,
      sigChangeMean: null,
    }
    const at = table.rows.length
    if (e && f && e.satisfaction !== null && f.satisfaction !== null) {
      row.change = e.satisfaction - f.satisfaction
      row.changeMean = e.mean !== null && f.mean !== null ? e.mean - f.mean : null
      changeFamily.add(
        satisfactionTest(e, f, changeFamily.level),
        signInto(table, row, 'sigChange', at),
      )
      meanFamily.add(meanTest(e, f, meanFamily.level), signInto(table, row, 'sigChangeMean', at))
      common.push({ n: row.n as number, previousN: row.previousN as number, now: e, before: f })
    } else {
      const only = e?.satisfaction != null ? NOTES.onlyNow[locale] : NOTES.onlyThen[locale]
      for (const key of ['change', 'changeMean', 'sigChange', 'sigChangeMean']) {
        table.explain(at, key, only)
      }
    }
    table.add(row)
  }
  if (common.length > 0) {
    const row: Record<string, Value> = {
      service: 'total',
      label: categoryLabel('total', locale),
      ...standardised(common, significance.level),
    }
    table.setTotal(row, () => 'no common service with valid scores in both waves')
  }
  changeFamily.resolve()
  meanFamily.resolve()
  table.explainRest(() => 'no valid overall scores')
  return table.build()
}

function byService(cube: Cube): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>()
  for (const { codes, counts } of cube.rollUp({ by: ['service'] }).values()) {
    out.set(cube.text('service', codes[0]), counts)
  }
  return out
}

/**
 * Direct standardisation to the common services (each weighted by its share of this wave's
 * respondents among them): both waves' satisfaction and mean with this wave's service mix, so
 * that a change is not a change of which services were assessed; the change's variance is
 * Σ share² (v_now + v_then), its test a z test.
 */
interface Common {
  n: number
  previousN: number
  now: Estimate
  before: Estimate
}

function standardised(common: Common[], level: number) {
  const commonN = common.reduce((n, c) => n + c.n, 0)
  const share = (c: Common) => c.n / commonN
  const sum = (f: (c: (typeof common)[number]) => number | null) => {
    let total = 0
    for (const c of common) {
      const x = f(c)
      if (x === null) return null
      total += share(c) * x
    }
    return total
  }
  const variance = (f: (e: Estimate) => number | null) => {
    let total = 0
    for (const c of common) {
      const a = f(c.now)
      const b = f(c.before)
      if (a === null || b === null) return null
      total += share(c) * share(c) * (a + b)
    }
    return total
  }
  const test = (difference: number | null, v: number | null): Test =>
    difference === null || v === null || !(v > 0)
      ? { difference, p: null, reason: 'no variance' }
      : { difference, p: normalTwoSidedP(difference / Math.sqrt(v)) }
  const satisfaction = sum((c) => c.now.satisfaction)
  const previousSatisfaction = sum((c) => c.before.satisfaction)
  const mean = sum((c) => c.now.mean)
  const previousMean = sum((c) => c.before.mean)
  const change =
    satisfaction === null || previousSatisfaction === null
      ? null
      : satisfaction - previousSatisfaction
  const changeMean = mean === null || previousMean === null ? null : mean - previousMean
  const changeTest = test(
    change,
    variance((e) => e.satisfactionVariance),
  )
  const meanTestResult = test(
    changeMean,
    variance((e) => e.meanVariance),
  )
  const signOf = (t: Test) =>
    t.p === null || t.difference === null ? null : significanceSign(t.difference, t.p, level)
  return {
    n: commonN,
    satisfaction,
    mean,
    previousN: common.reduce((n, c) => n + c.previousN, 0),
    previousSatisfaction,
    previousMean,
    change,
    changeMean,
    sigChange: signOf(changeTest),
    sigChangeMean: signOf(meanTestResult),
  }
}

const NOTES = {
  standardised: {
    kk: 'Барлығы: тек екі толқында да бағаланған қызметтер бойынша, осы жылғы қызметтер құрамымен стандартталған (өткен жылмен салыстыру тек ортақ қызметтер бойынша).',
    ru: 'Всего: только по услугам, оценённым в обеих волнах, стандартизовано к составу услуг этого года (сравнение только по общим услугам).',
    en: "Total: over the services both waves assessed, standardised to this wave's mix of services (waves are compared on their common services only).",
  } satisfies Record<Locale, string>,
  onlyNow: {
    kk: 'тек осы толқында бағаланды: салыстырылмайды',
    ru: 'оценена только в этой волне: не сравнивается',
    en: 'assessed in this wave only: not compared',
  } satisfies Record<Locale, string>,
  onlyThen: {
    kk: 'тек өткен толқында бағаланды: салыстырылмайды',
    ru: 'оценена только в прошлой волне: не сравнивается',
    en: 'assessed in the previous wave only: not compared',
  } satisfies Record<Locale, string>,
}
