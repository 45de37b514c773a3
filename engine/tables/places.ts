/**
 * @module The per-service "by place" tables of the report's chapters: each service's
 * satisfaction, mean and aspects at the state body, the State Corporation and the portal.
 */
import { TITLES } from '../labels'
import type { Table, Value } from '../types'
import { categoryLabel } from '../vocabulary'
import { questionLabels, ratedKeys } from './aspects'
import { columns, type Format, ordered, Reader, TableBuilder, type TableContext } from './context'

export function placesTable(context: TableContext): Table {
  const { cube, locale } = context
  const read = new Reader(cube.layout)
  const items = ratedKeys(context)
  const table = new TableBuilder(
    'places',
    TITLES.places[locale],
    columns(
      locale,
      [
        ['service', 'text'],
        ['channel', 'key'],
        ['label', 'text'],
        ['n', 'integer'],
        ['satisfaction', 'percent'],
        ['mean', 'decimal'],
        ...items.map((key): [string, Format] => [key, 'decimal']),
      ],
      questionLabels(context),
    ),
  )
  const groups = ordered(cube, cube.rollUp({ by: ['service', 'channel'] }), ['service', 'channel'])
  for (const { codes, counts } of groups) {
    const channel = cube.text('channel', codes[1])
    const row: Record<string, Value> = {
      service: cube.text('service', codes[0]),
      channel,
      label: categoryLabel(channel, locale),
      n: read.rated(counts),
      satisfaction: read.satisfaction(counts),
      mean: read.mean(counts),
    }
    for (const key of items) row[key] = read.itemMean(counts, key)
    table.add(row, (key) => (items.includes(key) ? 'no valid answers' : 'no valid overall scores'))
  }
  return table.build()
}
