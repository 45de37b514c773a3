/**
 * @module Report tables 2, 11, 18, 107, 108 and the per-service distributions: the share of
 * each point of the scale, by channel, agency, region, local bodies and the State Corporation
 * by region, and service.
 */
import type { Query } from '../cube'
import { TITLES } from '../labels'
import { shares } from '../measures/index'
import type { Table } from '../types'
import { categoryLabel } from '../vocabulary'
import {
  columns,
  type Format,
  GROUP_QUERIES,
  type GroupType,
  groupsOf,
  Reader,
  TableBuilder,
  type TableContext,
} from './context'
import { estimate, Families, restEstimate, significanceNote } from './significance'

/** The groupTypes shown, in order (their roll-ups are GROUP_QUERIES'). */
const DISTRIBUTION_GROUPS: GroupType[] = [
  'channel',
  'agency',
  'region',
  'localRegion',
  'corpRegion',
  'corpLevel',
  'service',
]

export function distributionTable(context: TableContext): Table {
  const { cube, locale, significance } = context
  const read = new Reader(cube.layout)
  const { min, max } = read.scale
  const points = Array.from({ length: max - min + 1 }, (_, k) => min + k)
  // Each point's keys made once: a key built per row is looked up in V8's string table per row.
  const shareKeys = points.map((s) => `p${s}`)
  const countKeys = points.map((s) => `n${s}`)
  const table = new TableBuilder(
    'distribution',
    TITLES.distribution[locale],
    columns(locale, [
      ['groupType', 'text'],
      ['group', 'key'],
      ['label', 'text'],
      ['n', 'integer'],
      ...shareKeys.map((key): [string, Format] => [key, 'percent']),
      ...countKeys.map((key): [string, Format] => [key, 'integer']),
      ['sigSatisfaction', 'sign'],
      ['sigMean', 'sign'],
    ]),
  )
  table.notes.push(significanceNote(significance.correction, significance.level, locale))
  const families = new Families(significance)
  const add = (
    groupType: string,
    group: string,
    label: string,
    counts: Float64Array,
    universe: Float64Array | null,
  ) => {
    const d = read.overall(counts)
    const p = shares(d)
    const row = table.row()
    row.groupType = groupType
    row.group = group
    row.label = label
    row.n = read.rated(counts)
    for (let k = 0; k < points.length; k++) {
      row[shareKeys[k]] = p?.[k] ?? null
      row[countKeys[k]] = d[k]
    }
    const at = table.rows.length
    if (universe) {
      families.add(estimate(read, counts), restEstimate(read, universe, counts), table, row, at)
    } else {
      table.explain(at, 'sigSatisfaction', 'the total is not tested')
      table.explain(at, 'sigMean', 'the total is not tested')
    }
    table.add(row)
  }
  for (const groupType of DISTRIBUTION_GROUPS) {
    const query: Query = GROUP_QUERIES[groupType]
    // Each group is tested against the rest of its own scope (local bodies, the State Corporation).
    const universe = cube.total(query.where)
    for (const { group, label, counts } of groupsOf(context, query)) {
      add(groupType, group, label, counts, universe)
    }
  }
  const total = cube.total()
  if (total) add('total', 'total', categoryLabel('total', locale), total, null)
  families.resolve()
  table.explainRest(() => 'no valid overall scores')
  return table.build()
}
