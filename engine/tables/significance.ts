/**
 * @module Which differences are real (DESIGN §4): a group's satisfaction and mean against the
 * rest of its table, the correction across the table, intervals, rank ranges. Every estimate's
 * variance is design-based (Taylor linearisation; the textbook formulas without weights).
 */
import type { Scale } from '../schema'
import {
  type Correction,
  direction,
  type Interval,
  meanTInterval,
  type Sign,
  significanceCutoff,
  twoProportionZTest,
  varianceOfMean,
  welchTTest,
  wilsonEffectiveBase,
  wilsonInterval,
} from '../stats/index'
import type { Value } from '../types'
import type { Locale } from '../vocabulary'
import type { Reader, TableBuilder } from './context'

/** A group's satisfaction and mean with the variances of their estimates. */
export interface Estimate {
  /** Unweighted respondents with a valid overall score. */
  m: number
  satisfaction: number | null
  satisfactionVariance: number | null
  mean: number | null
  meanVariance: number | null
  /** The design effective base of satisfaction (m without weights), for Wilson's interval. */
  effectiveBase: number | null
}

export function estimate(read: Reader, counts: Float64Array): Estimate {
  const { overall, overallW2, points: k } = read.layout
  const m = read.ratedCount(counts)
  let sumW = 0
  let sumW2 = 0
  for (let i = 0; i < k; i++) {
    sumW += counts[overall + i]
    sumW2 += counts[overallW2 + i]
  }
  const top = {
    sumW,
    sumW2,
    yesSumW: counts[overall + k - 1],
    yesSumW2: counts[overallW2 + k - 1],
    m,
  }
  const values = read.values
  const satisfaction = read.satisfaction(counts)
  const effectiveBase = wilsonEffectiveBase(top)
  return {
    m,
    satisfaction,
    // p(1 − p) over the design effective base: without weights the textbook p(1 − p)/n of the
    // unpooled two-proportion (Wald) test, with weights the design-based variance × (m − 1)/m.
    satisfactionVariance:
      satisfaction === null || effectiveBase === null || sumW === 0
        ? null
        : (satisfaction * (1 - satisfaction)) / effectiveBase,
    mean: read.mean(counts),
    meanVariance:
      sumW > 0
        ? varianceOfMean({ values, sumW: counts, sumW2: counts, m, at: overall, at2: overallW2 })
        : null,
    effectiveBase,
  }
}

/** The counts of a universe less one of its groups, into `out`: the group's complement (exact sums). */
function rest(universe: Float64Array, group: Float64Array, out: Float64Array): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = Math.max(0, universe[k] - group[k])
  return out
}

/** Where `restEstimate` writes each complement: read at once, so one array serves them all. */
let scratch = new Float64Array(0)

/** The estimate of a universe less one of its groups (its complement tested against the group). */
export function restEstimate(read: Reader, universe: Float64Array, group: Float64Array): Estimate {
  if (scratch.length !== universe.length) scratch = new Float64Array(universe.length)
  return estimate(read, rest(universe, group, scratch))
}

/** Wilson 95 % interval of satisfaction on the design effective base. */
export function satisfactionInterval(e: Estimate): Interval | null {
  return e.satisfaction === null || e.effectiveBase === null
    ? null
    : wilsonInterval(e.satisfaction, e.effectiveBase)
}

/** t-based 95 % interval of the mean, within the scale. */
export function meanInterval(e: Estimate, scale: Scale): Interval | null {
  return e.mean === null ? null : meanTInterval(e.mean, e.meanVariance, e.m, scale)
}

/**
 * A test of one quantity: its difference and two-sided p-value (null when not testable; 1 where
 * a test told its family's level cannot reach it, see `twoProportionZTest`).
 */
export interface Test {
  difference: number | null
  p: number | null
  /** Why there is no p-value. */
  reason?: string
}

/** Two-proportion z test of satisfaction, a against b (independent samples), for a family at `level`. */
export function satisfactionTest(a: Estimate, b: Estimate, level?: number): Test {
  const z = twoProportionZTest(
    { p: a.satisfaction, variance: a.satisfactionVariance },
    { p: b.satisfaction, variance: b.satisfactionVariance },
    level,
  )
  return {
    difference:
      a.satisfaction === null || b.satisfaction === null ? null : a.satisfaction - b.satisfaction,
    p: z.p,
    reason: z.p === null ? z.reason : undefined,
  }
}

/** Welch's t test of the mean (Satterthwaite df), a against b, for a family at `level`. */
export function meanTest(a: Estimate, b: Estimate, level?: number): Test {
  const t = welchTTest(
    { mean: a.mean, variance: a.meanVariance, m: a.m },
    { mean: b.mean, variance: b.meanVariance, m: b.m },
    level,
  )
  return {
    difference: a.mean === null || b.mean === null ? null : a.mean - b.mean,
    p: t.p,
    reason: t.p === null ? t.reason : undefined,
  }
}

/**
 * The tests of one column of a table, corrected together: each test's sign is written into its
 * row once the family is complete (Benjamini–Hochberg by default).
 */
export class Family {
  private readonly tests: { test: Test; set: (sign: Sign | null, reason?: string) => void }[] = []

  constructor(
    private readonly correction: Correction,
    readonly level: number,
  ) {}

  add(test: Test, set: (sign: Sign | null, reason?: string) => void) {
    this.tests.push({ test, set })
  }

  /**
   * Corrects the family's p-values and writes each sign (null, with the reason, when not
   * testable): a test is significant when its adjusted p ≤ the level, that is when its p ≤ the
   * family's cutoff.
   */
  resolve() {
    const tests = this.tests.map(({ test }) => test)
    const signs = familySigns(tests, this.correction, this.level)
    this.tests.forEach(({ test, set }, k) => {
      if (test.p === null) set(null, `not testable: ${test.reason ?? 'no estimate'}`)
      else set(signs[k])
    })
  }
}

/**
 * The signs of one family of tests corrected together (`Family`'s rule, for callers that keep
 * their tests in an array): a test is significant when its p ≤ the family's cutoff; null
 * where it has no p.
 */
export function familySigns(
  tests: readonly Test[],
  correction: Correction,
  level: number,
): (Sign | null)[] {
  const cutoff = significanceCutoff(
    tests.map((test) => test.p),
    correction,
    level,
  )
  return tests.map(({ p, difference }) =>
    p === null ? null : p <= cutoff ? direction(difference) : 0,
  )
}

/** A family's setter writing the sign into `row[key]` of row `at`, or why there is none. */
export function signInto(table: TableBuilder, row: Record<string, Value>, key: string, at: number) {
  return (sign: Sign | null, reason?: string) => {
    row[key] = sign
    if (reason) table.explain(at, key, reason)
  }
}

/**
 * A table's two families: satisfaction (z test) and mean (Welch t), each group tested against
 * the rest of its scope.
 */
export class Families {
  readonly satisfaction: Family
  readonly mean: Family
  constructor({ correction, level }: { correction: Correction; level: number }) {
    this.satisfaction = new Family(correction, level)
    this.mean = new Family(correction, level)
  }
  /** Tests `mine` against `others` into row `at`'s `keys` (default sigSatisfaction, sigMean). */
  add(
    mine: Estimate,
    others: Estimate,
    table: TableBuilder,
    row: Record<string, Value>,
    at: number,
    keys: [satisfaction: string, mean: string] = ['sigSatisfaction', 'sigMean'],
  ) {
    const { level } = this.satisfaction
    this.satisfaction.add(satisfactionTest(mine, others, level), signInto(table, row, keys[0], at))
    this.mean.add(meanTest(mine, others, level), signInto(table, row, keys[1], at))
  }
  resolve() {
    this.satisfaction.resolve()
    this.mean.resolve()
  }
}

/** What the sheets say under a table with significance. */
export function significanceNote(correction: Correction, level: number, locale: Locale): string {
  const confidence = `${Math.round((1 - level) * 1000) / 10} %`
  const names: Record<Correction, Record<Locale, string>> = {
    fdr: {
      kk: 'Бенджамини–Хохберг түзетуі (жалған ашулар үлесі)',
      ru: 'поправка Бенджамини–Хохберга (доля ложных открытий)',
      en: 'Benjamini–Hochberg correction (false discovery rate)',
    },
    holm: { kk: 'Холм түзетуі', ru: 'поправка Холма', en: 'Holm correction' },
    bonferroni: {
      kk: 'Бонферрони түзетуі',
      ru: 'поправка Бонферрони',
      en: 'Bonferroni correction',
    },
    none: { kk: 'түзетусіз', ru: 'без поправки', en: 'no correction' },
  }
  const text: Record<Locale, string> = {
    kk: `▲ ▼: топ қалғандарынан ${confidence} сенімділікпен жоғары немесе төмен (қанағаттанушылық: екі үлесті салыстыру z-тесті; орташа балл: Уэлч t-тесті; кестедегі барлық тексеріс бойынша ${names[correction].kk}).`,
    ru: `▲ ▼: группа выше или ниже остальных с доверием ${confidence} (удовлетворенность: z-тест двух долей; средний балл: t-тест Уэлча; ${names[correction].ru} по всем проверкам таблицы).`,
    en: `▲ ▼: the group is above or below the rest at ${confidence} confidence (satisfaction: two-proportion z test; mean: Welch's t test; ${names[correction].en} across the table's tests).`,
  }
  return text[locale]
}
