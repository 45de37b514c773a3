/** @module Report tables 2, 11, 18, 107, 108: shares of each score by channel, agency, region. */
import { CHANNELS } from '../cells'
import { category, TITLES } from '../labels'
import { shares } from '../measures'
import type { Dimension } from '../state'
import type { Table } from '../types'
import { columns, overallOf, ratedOf, sortedKeys, TableBuilder, type TableContext } from './context'

const GROUP_TYPES: [groupType: string, dimension: Dimension][] = [
  ['channel', 'channel'],
  ['agency', 'agency'],
  ['region', 'region'],
  ['total', 'total'],
]

export function distributionTable({ state, locale }: TableContext): Table {
  const table = new TableBuilder(
    'distribution',
    TITLES.distribution[locale],
    columns(locale, [
      ['groupType', 'text'],
      ['group', 'text'],
      ['n', 'integer'],
      ...(['p1', 'p2', 'p3', 'p4', 'p5'] as const).map(
        (k) => [k, 'percent'] as [string, 'percent'],
      ),
      ...(['n1', 'n2', 'n3', 'n4', 'n5'] as const).map(
        (k) => [k, 'integer'] as [string, 'integer'],
      ),
    ]),
  )
  for (const [groupType, dimension] of GROUP_TYPES) {
    const groups = state.groups[dimension]
    const keys = dimension === 'channel' ? CHANNELS.filter((c) => c in groups) : sortedKeys(groups)
    for (const key of keys) {
      const d = overallOf(groups[key])
      const p = shares(d)
      const derived = dimension === 'channel' || dimension === 'total'
      table.add(
        {
          groupType,
          group: derived ? category(key, locale) : key,
          n: ratedOf(groups[key]),
          p1: p?.[0] ?? null,
          p2: p?.[1] ?? null,
          p3: p?.[2] ?? null,
          p4: p?.[3] ?? null,
          p5: p?.[4] ?? null,
          n1: d[0],
          n2: d[1],
          n3: d[2],
          n4: d[3],
          n5: d[4],
        },
        () => 'no valid overall scores',
      )
    }
  }
  return table.build()
}
