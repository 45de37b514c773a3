/** @module Report table 104: the social-concern index by agency and by region per provider. */
import { category, TITLES } from '../labels'
import { type ConcernParts, dissatisfied, socialConcern } from '../measures'
import type { Table } from '../types'
import { barrierGroups } from './barriers'
import {
  aspectOf,
  barrierShare,
  columns,
  overallOf,
  TableBuilder,
  type TableContext,
} from './context'

const TRUST = 7
const [COMPLAINT, INFORMAL_PAYMENT, CONNECTIONS] = [0, 1, 2]

export function concernTable(context: TableContext): Table {
  const { state, locale } = context
  const table = new TableBuilder(
    'concern',
    TITLES.concern[locale],
    columns(locale, [
      ['groupType', 'text'],
      ['group', 'text'],
      ['index', 'percent'],
      ['dissatisfied', 'percent'],
      ['distrust', 'percent'],
      ['complaints', 'percent'],
      ['informalPayments', 'percent'],
      ['connections', 'percent'],
    ]),
  )
  const row = (groupType: string, group: string, counts: number[]) => {
    const parts: ConcernParts = {
      dissatisfied: dissatisfied(overallOf(counts)),
      distrust: dissatisfied(aspectOf(counts, TRUST)),
      complaints: barrierShare(counts, COMPLAINT),
      informalPayments: barrierShare(counts, INFORMAL_PAYMENT),
      connections: barrierShare(counts, CONNECTIONS),
    }
    const { index, missing } = socialConcern(parts)
    return { row: { groupType, group, index, ...parts }, missing }
  }
  const add = (groupType: string, group: string, counts: number[], total = false) => {
    const { row: r, missing } = row(groupType, group, counts)
    const why = (key: string) =>
      key === 'index' ? `missing part: ${missing.join(', ')}` : 'nobody answered'
    if (total) table.setTotal(r, why)
    else table.add(r, why)
  }
  for (const [groupType, key, counts] of barrierGroups(context, [
    'agency',
    'localRegion',
    'corpRegion',
  ])) {
    add(groupType, key, counts)
  }
  const total = state.groups.total.total
  if (total) add('total', category('total', locale), total, true)
  return table.build()
}
