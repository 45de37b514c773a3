/** @module Report tables 8, 14, 106, 108, 111: satisfaction by region, overall, local bodies, State Corporation. */
import { category, TITLES } from '../labels'
import { meanScore, satisfaction, score10 } from '../measures'
import type { Table, Value } from '../types'
import {
  columns,
  overallOf,
  ratedOf,
  slice,
  sortedKeys,
  TableBuilder,
  type TableContext,
} from './context'

export function regionsTable({ state, locale }: TableContext): Table {
  const table = new TableBuilder(
    'regions',
    TITLES.regions[locale],
    columns(locale, [
      ['region', 'text'],
      ['n', 'integer'],
      ['satisfaction', 'percent'],
      ['mean', 'decimal'],
      ['score10', 'decimal'],
      ['localN', 'integer'],
      ['localSatisfaction', 'percent'],
      ['localMean', 'decimal'],
      ['corpN', 'integer'],
      ['corpSatisfaction', 'percent'],
      ['corpMean', 'decimal'],
    ]),
  )
  const local = slice(state, 'regionLevel', 'local')
  const corp = slice(state, 'regionChannel', 'corp')
  const localAll = state.groups.level.local
  const corpAll = state.groups.channel.corp
  const row = (region: string, counts: number[], l?: number[], c?: number[]) => {
    const d = overallOf(counts)
    const ld = l && overallOf(l)
    const cd = c && overallOf(c)
    return {
      region,
      n: ratedOf(counts),
      satisfaction: satisfaction(d),
      mean: meanScore(d),
      score10: score10(d),
      localN: l ? ratedOf(l) : 0,
      localSatisfaction: ld ? satisfaction(ld) : null,
      localMean: ld ? meanScore(ld) : null,
      corpN: c ? ratedOf(c) : 0,
      corpSatisfaction: cd ? satisfaction(cd) : null,
      corpMean: cd ? meanScore(cd) : null,
    } satisfies Record<string, Value>
  }
  const why = (key: string) =>
    key.startsWith('local')
      ? 'no local-body respondents with a valid score'
      : key.startsWith('corp')
        ? 'no State Corporation respondents with a valid score'
        : 'no valid overall scores'
  for (const region of sortedKeys(state.groups.region)) {
    table.add(row(region, state.groups.region[region], local[region], corp[region]), why)
  }
  const total = state.groups.total.total
  if (total) table.setTotal(row(category('total', locale), total, localAll, corpAll), why)
  return table.build()
}
