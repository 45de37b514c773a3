/**
 * @module Report table 104: the social-concern index of central agencies, and of local bodies
 * and the State Corporation by region, each with its group's total.
 */
import type { Query } from '../cube'
import { scaleLabels, TITLES } from '../labels'
import { type ConcernParts, socialConcern } from '../measures/index'
import type { Table } from '../types'
import { categoryLabel } from '../vocabulary'
import {
  columns,
  GROUP_QUERIES,
  groupsOf,
  Reader,
  TableBuilder,
  type TableContext,
} from './context'

/** The report's three groups: central agencies, local bodies by region, State Corporation by region. */
const GROUPS: [groupType: string, query: Query][] = [
  ['agency', GROUP_QUERIES.centralAgency],
  ['localRegion', GROUP_QUERIES.localRegion],
  ['corpRegion', GROUP_QUERIES.corpRegion],
]

export function concernTable(context: TableContext): Table {
  const { cube, locale } = context
  const read = new Reader(cube.layout)
  const table = new TableBuilder(
    'concern',
    TITLES.concern[locale],
    columns(
      locale,
      [
        ['groupType', 'text'],
        ['group', 'key'],
        ['label', 'text'],
        ['index', 'percent'],
        ['dissatisfied', 'percent'],
        ['distrust', 'percent'],
        ['complaints', 'percent'],
        ['informalPayments', 'percent'],
        ['connections', 'percent'],
      ],
      scaleLabels(read.scale, locale),
    ),
  )
  const row = (groupType: string, group: string, label: string, counts: Float64Array) => {
    const parts: ConcernParts = {
      dissatisfied: read.dissatisfied(counts),
      distrust: read.itemLow(counts, 'trust'),
      complaints: read.yesShare(counts, 'complaint'),
      informalPayments: read.yesShare(counts, 'informalPayment'),
      connections: read.yesShare(counts, 'connections'),
    }
    const { index, missing } = socialConcern(parts)
    const why = (key: string) =>
      key === 'index' ? `missing part: ${missing.join(', ')}` : 'nobody answered'
    return { row: { groupType, group, label, index, ...parts }, why }
  }
  const totalLabel = categoryLabel('total', locale)
  for (const [groupType, query] of GROUPS) {
    for (const { group, label, counts } of groupsOf(context, query)) {
      const { row: r, why } = row(groupType, group, label, counts)
      table.add(r, why)
    }
    const total = cube.total(query.where)
    if (total) {
      const { row: r, why } = row(groupType, 'total', totalLabel, total)
      table.add(r, why)
    }
  }
  const total = cube.total()
  if (total) {
    const { row: r, why } = row('total', 'total', totalLabel, total)
    table.setTotal(r, why)
  }
  return table.build()
}
