/**
 * @module Key drivers (the report's conclusions): each rated item's correlation with the overall
 * score per group (central bodies, local bodies, State Corporation, and all), with its mean.
 */
import { TITLES } from '../labels'
import { correlation } from '../measures/index'
import type { Table } from '../types'
import { ASPECT_LABELS, ASPECTS, type Aspect, categoryLabel, DRIVER_GROUPS } from '../vocabulary'
import { questionLabels } from './aspects'
import { columns, Reader, TableBuilder, type TableContext } from './context'

export function driversTable(context: TableContext): Table {
  const { cube, locale } = context
  const read = new Reader(cube.layout)
  const { ratings } = cube.layout.schema
  const { points } = cube.pairs
  const names = questionLabels(context)
  const itemLabel = (key: string) =>
    (ASPECTS as readonly string[]).includes(key)
      ? ASPECT_LABELS[key as Aspect][locale]
      : (names.get(key) ?? key)
  const table = new TableBuilder(
    'drivers',
    TITLES.drivers[locale],
    columns(locale, [
      ['group', 'key'],
      ['label', 'text'],
      ['aspect', 'key'],
      ['aspectLabel', 'text'],
      ['r', 'correlation'],
      ['n', 'integer'],
      ['mean', 'decimal'],
    ]),
  )
  const slots = cube.driverGroups()
  const groups: [string, number | 'all', Float64Array | null][] = [
    ...DRIVER_GROUPS.map((g, slot): [string, number, Float64Array | null] => [
      g,
      slot,
      slots[slot],
    ]),
    ['total', 'all', cube.total()],
  ]
  for (const [group, slot, counts] of groups) {
    if (!counts || read.respondents(counts) === 0) continue
    const joint = cube.drivers(slot)
    const rows = ratings
      .map((aspect, r) => ({
        aspect,
        mean: read.itemMean(counts, aspect),
        // Variable 0 is the overall score, r + 1 the r-th rated item.
        ...correlation(joint, cube.pairs.pair(0, r + 1), points),
      }))
      .sort(
        (x, y) =>
          (y.r ?? -2) - (x.r ?? -2) || ratings.indexOf(x.aspect) - ratings.indexOf(y.aspect),
      )
    for (const x of rows) {
      const reason = 'reason' in x ? x.reason : undefined
      table.add(
        {
          group,
          label: categoryLabel(group, locale),
          aspect: x.aspect,
          aspectLabel: itemLabel(x.aspect),
          r: x.r,
          n: x.n,
          mean: x.mean,
        },
        reason ? (key) => (key === 'r' ? reason : 'no valid answers') : undefined,
      )
    }
  }
  return table.build()
}
