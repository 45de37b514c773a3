/** @module Report table 1: services ranked by satisfaction; small bases listed after, unranked. */
import { scaleLabels, TITLES } from '../labels'
import { rankRanges } from '../stats/index'
import type { Table, Value } from '../types'
import {
  columns,
  compareLabels,
  descending,
  isSmallBase,
  Reader,
  TableBuilder,
  type TableContext,
} from './context'
import {
  type Estimate,
  estimate,
  Families,
  familySigns,
  meanInterval,
  meanTest,
  restEstimate,
  satisfactionInterval,
  satisfactionTest,
  significanceNote,
  type Test,
} from './significance'

interface Entry {
  service: string
  agency: string | null
  n: number
  satisfaction: number | null
  top2: number | null
  mean: number | null
  score10: number | null
  index100: number | null
  ci: [number, number] | null
  meanCi: [number, number] | null
  estimate: Estimate
  counts: Float64Array
  smallBase: boolean
}

export function ratingTable(context: TableContext): Table {
  const { cube, locale, minBase, order, significance } = context
  const read = new Reader(cube.layout)
  const agencies = agencyOfService(context)
  const entries: Entry[] = [...cube.rollUp({ by: ['service'] }).values()].map(
    ({ codes, counts }) => {
      const service = cube.text('service', codes[0])
      const e = estimate(read, counts)
      return {
        service,
        agency: agencies.get(codes[0]) ?? null,
        n: read.rated(counts),
        satisfaction: e.satisfaction,
        top2: read.top2(counts),
        mean: e.mean,
        score10: read.score10(counts),
        index100: read.index100(counts),
        ci: satisfactionInterval(e),
        meanCi: meanInterval(e, read.scale),
        estimate: e,
        counts,
        // Kish's effective base: a small base is small whatever the question.
        smallBase: isSmallBase(read.effectiveBase(counts), minBase),
      }
    },
  )
  const key = (e: Entry) =>
    (order === 'mean' ? e.mean : order === 'wilson' ? (e.ci?.[0] ?? null) : e.satisfaction) ?? -1
  entries.sort(
    (a, b) =>
      Number(a.smallBase) - Number(b.smallBase) ||
      descending(key(a), key(b)) ||
      descending(a.satisfaction ?? -1, b.satisfaction ?? -1) ||
      descending(a.mean ?? -1, b.mean ?? -1) ||
      b.n - a.n ||
      compareLabels(a.service, b.service),
  )
  const table = new TableBuilder(
    'rating',
    TITLES.rating[locale],
    columns(
      locale,
      [
        ['rank', 'integer'],
        ['rankLow', 'integer'],
        ['rankHigh', 'integer'],
        ['service', 'text'],
        ['agency', 'text'],
        ['n', 'integer'],
        ['satisfaction', 'percent'],
        ['top2', 'percent'],
        ['mean', 'decimal'],
        ['score10', 'decimal'],
        ['index100', 'decimal'],
        ['ciLow', 'percent'],
        ['ciHigh', 'percent'],
        ['meanCiLow', 'decimal'],
        ['meanCiHigh', 'decimal'],
        ['sigSatisfaction', 'sign'],
        ['sigMean', 'sign'],
        ['smallBase', 'text'],
      ],
      scaleLabels(read.scale, locale),
    ),
  )
  table.notes.push(significanceNote(significance.correction, significance.level, locale))
  const ranked = entries.filter((e) => !e.smallBase)
  const ranges = rankRangesOf(ranked, order, significance)
  const total = cube.total() as Float64Array
  const families = new Families(significance)
  let rank = 0
  entries.forEach((e, i) => {
    const range = e.smallBase ? undefined : ranges[rank]
    const row: Record<string, Value> = {
      rank: e.smallBase ? null : ++rank,
      rankLow: range?.low ?? null,
      rankHigh: range?.high ?? null,
      service: e.service,
      agency: e.agency,
      n: e.n,
      satisfaction: e.satisfaction,
      top2: e.top2,
      mean: e.mean,
      score10: e.score10,
      index100: e.index100,
      ciLow: e.ci?.[0] ?? null,
      ciHigh: e.ci?.[1] ?? null,
      meanCiLow: e.meanCi?.[0] ?? null,
      meanCiHigh: e.meanCi?.[1] ?? null,
      sigSatisfaction: null,
      sigMean: null,
      smallBase: e.smallBase,
    }
    families.add(e.estimate, restEstimate(read, total, e.counts), table, row, i)
    table.add(row)
  })
  families.resolve()
  table.explainRest((key) =>
    key === 'agency'
      ? 'no agency column'
      : key === 'rankLow' || key === 'rankHigh'
        ? 'small base: not ranked'
        : key.startsWith('meanCi') || key === 'ciLow' || key === 'ciHigh'
          ? 'too few respondents for an interval'
          : 'no valid overall scores',
  )
  return table.build()
}

/**
 * Each ranked service's best and worst rank given the pairwise differences that are significant
 * on the measure the rating is ordered by (satisfaction for the Wilson order), corrected
 * together across all pairs.
 */
function rankRangesOf(
  ranked: Entry[],
  order: TableContext['order'],
  significance: TableContext['significance'],
) {
  const n = ranked.length
  const { correction, level } = significance
  const test = order === 'mean' ? meanTest : satisfactionTest
  // The pairs (i < j) in order: one family of n(n − 1)/2 tests, kept in an array rather than
  // in a `Family` with a setter per test.
  const tests: Test[] = []
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) tests.push(test(ranked[i].estimate, ranked[j].estimate, level))
  }
  const signs = familySigns(tests, correction, level)
  return rankRanges(n, (i, j) => {
    const k = (i * (2 * n - i - 1)) / 2 + (j - i - 1) // pair (i, j)'s place in that order
    return signs[k] ?? 0
  })
}

/** Each service's agency: the one most of its respondents named (ties: first label). */
function agencyOfService({ cube }: TableContext): Map<number, string> {
  const read = new Reader(cube.layout)
  const best = new Map<number, [agency: string, n: number]>()
  for (const { codes, counts } of cube.rollUp({ by: ['service', 'agency'] }).values()) {
    const [service, code] = codes
    const agency = cube.text('agency', code)
    const current = best.get(service)
    const n = read.respondents(counts)
    if (!current || n > current[1] || (n === current[1] && compareLabels(agency, current[0]) < 0)) {
      best.set(service, [agency, n])
    }
  }
  return new Map([...best].map(([service, [agency]]) => [service, agency]))
}
