/** @module Report tables 3, 7, 10, 17: personal connections, informal payments, complaints. */
import { CHANNELS } from '../cells'
import { category, REASONS, TITLES } from '../labels'
import { satisfaction } from '../measures'
import { BARRIERS, type Table, type Value } from '../types'
import {
  barrierShare,
  columns,
  overallOf,
  slice,
  sortedKeys,
  TableBuilder,
  type TableContext,
} from './context'

/** Group types shared with the social-concern table: by service/agency, and by region per provider. */
export function barrierGroups({ state }: TableContext, types: string[]) {
  const out: [groupType: string, key: string, counts: number[]][] = []
  const add = (groupType: string, groups: Record<string, number[]>, keys = sortedKeys(groups)) => {
    if (types.includes(groupType)) for (const key of keys) out.push([groupType, key, groups[key]])
  }
  add('service', state.groups.service)
  add('agency', state.groups.agency)
  add(
    'channel',
    state.groups.channel,
    CHANNELS.filter((c) => c in state.groups.channel),
  )
  add('localRegion', slice(state, 'regionLevel', 'local'))
  add('corpRegion', slice(state, 'regionChannel', 'corp'))
  return out
}

const KEYS = ['complaints', 'informalPayments', 'connections'] as const

export function barriersTable(context: TableContext): Table {
  const { state, locale } = context
  const table = new TableBuilder(
    'barriers',
    TITLES.barriers[locale],
    columns(locale, [
      ['groupType', 'text'],
      ['group', 'text'],
      ['n', 'integer'],
      ['connections', 'percent'],
      ['informalPayments', 'percent'],
      ['complaints', 'percent'],
      ['satisfaction', 'percent'],
    ]),
  )
  const row = (groupType: string, group: string, counts: number[]) => {
    const out: Record<string, Value> = { groupType, group, n: counts[0] }
    BARRIERS.forEach((_, b) => {
      out[KEYS[b]] = barrierShare(counts, b)
    })
    out.satisfaction = satisfaction(overallOf(counts))
    return {
      groupType,
      group,
      n: out.n,
      connections: out.connections,
      informalPayments: out.informalPayments,
      complaints: out.complaints,
      satisfaction: out.satisfaction,
    }
  }
  const why = (key: string) => {
    const b = KEYS.indexOf(key as (typeof KEYS)[number])
    if (b >= 0 && state.mapping[BARRIERS[b]] === undefined) {
      return REASONS.noColumn(BARRIERS[b])[locale]
    }
    return b >= 0 ? 'nobody answered' : 'no valid overall scores'
  }
  const groups = ['service', 'agency', 'channel', 'localRegion', 'corpRegion']
  for (const [groupType, key, counts] of barrierGroups(context, groups)) {
    table.add(row(groupType, groupType === 'channel' ? category(key, locale) : key, counts), why)
  }
  const total = state.groups.total.total
  if (total) table.setTotal(row('total', category('total', locale), total), why)
  return table.build()
}
