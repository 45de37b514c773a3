/** @module Report tables 6, 9, 15, 109, 110: the mean of each aspect by service, agency, region, channel. */
import { CHANNELS } from '../cells'
import { category, REASONS, TITLES } from '../labels'
import { meanScore } from '../measures'
import type { Dimension } from '../state'
import { ASPECTS, type Table, type Value } from '../types'
import {
  aspectOf,
  columns,
  overallOf,
  ratedOf,
  sortedKeys,
  TableBuilder,
  type TableContext,
} from './context'

const GROUP_TYPES: Dimension[] = ['service', 'agency', 'region', 'channel']

export function aspectsTable({ state, locale }: TableContext): Table {
  const table = new TableBuilder(
    'aspects',
    TITLES.aspects[locale],
    columns(locale, [
      ['groupType', 'text'],
      ['group', 'text'],
      ['n', 'integer'],
      ['overall', 'decimal'],
      ['delta', 'decimal'],
      ...ASPECTS.map((a) => [a, 'decimal'] as [string, 'decimal']),
    ]),
  )
  const allMean = meanScore(overallOf(state.groups.total.total ?? []))
  const hasColumn = ASPECTS.map((a) => state.mapping[a] !== undefined)
  const row = (groupType: string, group: string, counts: number[]) => {
    const overall = meanScore(overallOf(counts))
    const out: Record<string, Value> = {
      groupType,
      group,
      n: ratedOf(counts),
      overall,
      delta: overall === null || allMean === null ? null : overall - allMean,
    }
    ASPECTS.forEach((a, i) => {
      out[a] = meanScore(aspectOf(counts, i))
    })
    return out
  }
  const why = (key: string) => {
    const a = ASPECTS.indexOf(key as (typeof ASPECTS)[number])
    if (a >= 0 && !hasColumn[a]) return REASONS.noColumn(key)[locale]
    return a >= 0 ? 'no valid answers' : 'no valid overall scores'
  }
  for (const dimension of GROUP_TYPES) {
    const groups = state.groups[dimension]
    const keys = dimension === 'channel' ? CHANNELS.filter((c) => c in groups) : sortedKeys(groups)
    for (const key of keys) {
      const label = dimension === 'channel' ? category(key, locale) : key
      table.add(row(dimension, label, groups[key]), why)
    }
  }
  const total = state.groups.total.total
  if (total) table.setTotal(row('total', category('total', locale), total), why)
  return table.build()
}
