import { REASONS, TITLES } from '../labels'
import type { Table } from '../types'
import { categoryLabel } from '../vocabulary'
import {
  columns,
  type Format,
  GROUP_QUERIES,
  groupsOf,
  Reader,
  TableBuilder,
  type TableContext,
} from './context'

/** The report's barrier columns and the yes/no item each reads. */
export const BARRIER_KEYS = [
  ['connections', 'connections'],
  ['informalPayments', 'informalPayment'],
  ['complaints', 'complaint'],
] as const

export function barriersTable(context: TableContext): Table {
  const { state, cube, locale } = context
  const read = new Reader(cube.layout)
  const questions = state.questions.filter((q) => q.type === 'yesno')
  const table = new TableBuilder(
    'barriers',
    TITLES.barriers[locale],
    columns(
      locale,
      [
        ['groupType', 'text'],
        ['group', 'key'],
        ['label', 'text'],
        ['n', 'integer'],
        ['connections', 'percent'],
        ['informalPayments', 'percent'],
        ['complaints', 'percent'],
        ['satisfaction', 'percent'],
        ...questions.map((q): [string, Format] => [q.key, 'percent']),
      ],
      new Map(questions.map((q) => [q.key, q.header ?? q.key])),
    ),
  )
  const row = (groupType: string, group: string, label: string, counts: Float64Array) => {
    const out = table.row()
    out.groupType = groupType
    out.group = group
    out.label = label
    out.n = read.respondents(counts)
    for (const [key, item] of BARRIER_KEYS) out[key] = read.yesShare(counts, item)
    out.satisfaction = read.satisfaction(counts)
    for (const q of questions) out[q.key] = read.yesShare(counts, q.key)
    return out
  }
  const why = (key: string) => {
    const barrier = BARRIER_KEYS.find(([k]) => k === key)
    if (barrier && !cube.layout.schema.yesno.includes(barrier[1])) {
      return REASONS.noColumn(barrier[1])[locale]
    }
    return key === 'satisfaction' ? 'no valid overall scores' : 'nobody answered'
  }
  for (const groupType of ['service', 'agency', 'channel', 'localRegion', 'corpRegion'] as const) {
    for (const { group, label, counts } of groupsOf(context, GROUP_QUERIES[groupType])) {
      table.add(row(groupType, group, label, counts), why)
    }
  }
  const total = cube.total()
  if (total) table.setTotal(row('total', 'total', categoryLabel('total', locale), total), why)
  return table.build()
}
