/** @module Key drivers (the report's conclusions): each aspect's correlation with the overall score. */
import { ASPECT_LABELS, category, TITLES } from '../labels'
import { correlation } from '../measures'
import { STRIDE } from '../state'
import { ASPECTS, type Table } from '../types'
import { columns, TableBuilder, type TableContext } from './context'

const GROUPS = ['central', 'local', 'corp'] as const

export function driversTable({ state, locale }: TableContext): Table {
  const table = new TableBuilder(
    'drivers',
    TITLES.drivers[locale],
    columns(locale, [
      ['group', 'text'],
      ['aspect', 'text'],
      ['r', 'correlation'],
      ['n', 'integer'],
    ]),
  )
  const sources: [string, number[] | undefined][] = [
    ...GROUPS.map((g) => [g, state.groups.driverGroup[g]] as [string, number[] | undefined]),
    ['total', state.groups.total.total],
  ]
  for (const [group, counts] of sources) {
    if (!counts) continue
    const rows = ASPECTS.map((aspect, a) => ({
      aspect,
      ...correlation(counts, STRIDE + a * 25),
    }))
      .filter((x) => state.mapping[x.aspect] !== undefined)
      .sort(
        (x, y) =>
          (y.r ?? -2) - (x.r ?? -2) || ASPECTS.indexOf(x.aspect) - ASPECTS.indexOf(y.aspect),
      )
    for (const x of rows) {
      const reason = 'reason' in x ? x.reason : undefined
      table.add(
        { group: category(group, locale), aspect: ASPECT_LABELS[x.aspect][locale], r: x.r, n: x.n },
        reason ? () => reason : undefined,
      )
    }
  }
  return table.build()
}
