/**
 * @module Report tables 2, 11, 18, 107, 108 and the per-service distributions: the share of
 * each point of the scale, by channel, agency, region, local bodies and the State Corporation
 * by region, and service.
 */
import type { Cube, Query } from '../cube'
import { TITLES } from '../labels'
import { shares } from '../measures/index'
import type { Table } from '../types'
import { categoryLabel } from '../vocabulary'
import { columns, type Format, ordered, Reader, TableBuilder, type TableContext } from './context'

/** groupType → the roll-up it shows. */
export const DISTRIBUTION_GROUPS: [groupType: string, query: Query][] = [
  ['channel', { by: ['channel'] }],
  ['agency', { by: ['agency'] }],
  ['region', { by: ['region'] }],
  ['localRegion', { by: ['region'], where: { level: 'local' } }],
  ['corpRegion', { by: ['region'], where: { channel: 'corp' } }],
  ['service', { by: ['service'] }],
]

export function distributionTable({ cube, locale }: TableContext): Table {
  const read = new Reader(cube.layout)
  const { min, max } = read.scale
  const points = Array.from({ length: max - min + 1 }, (_, k) => min + k)
  const table = new TableBuilder(
    'distribution',
    TITLES.distribution[locale],
    columns(locale, [
      ['groupType', 'text'],
      ['group', 'key'],
      ['label', 'text'],
      ['n', 'integer'],
      ...points.map((s): [string, Format] => [`p${s}`, 'percent']),
      ...points.map((s): [string, Format] => [`n${s}`, 'integer']),
    ]),
  )
  const add = (groupType: string, group: string, label: string, counts: Float64Array) => {
    const d = read.overall(counts)
    const p = shares(d)
    const row: Record<string, string | number | null> = {
      groupType,
      group,
      label,
      n: read.rated(counts),
    }
    points.forEach((s, k) => {
      row[`p${s}`] = p?.[k] ?? null
    })
    points.forEach((s, k) => {
      row[`n${s}`] = d[k]
    })
    table.add(row, () => 'no valid overall scores')
  }
  for (const [groupType, query] of DISTRIBUTION_GROUPS) {
    for (const group of ordered(cube, cube.rollUp(query), query.by)) {
      const text = groupText(cube, query, group.codes)
      const derived = query.by[0] === 'channel'
      add(groupType, text, derived ? categoryLabel(text, locale) : text, group.counts)
    }
  }
  const total = cube.total()
  if (total) add('total', 'total', categoryLabel('total', locale), total)
  return table.build()
}

/** The text of a one-dimensional group. */
export function groupText(cube: Cube, query: Query, codes: number[]): string {
  return cube.text(query.by[0], codes[0])
}
