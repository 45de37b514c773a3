/**
 * @module Key drivers (the report's conclusions): each rated item's correlation with the overall
 * score per group (central bodies, local bodies, State Corporation, and all), its relative
 * importance (Johnson's relative weights: its share of the R² of the overall score on all
 * items) and its mean, for an importance–performance chart. All from the mergeable state's
 * joint counts, so a fan-out gives the same.
 */
import { TITLES } from '../labels'
import { correlation } from '../measures/index'
import { pairwiseCorrelations, relativeWeights } from '../stats/index'
import type { Table } from '../types'
import { categoryLabel, DRIVER_GROUPS } from '../vocabulary'
import { questionLabels } from './aspects'
import { columns, descending, Reader, TableBuilder, type TableContext } from './context'

export function driversTable(context: TableContext): Table {
  const { cube, locale } = context
  const read = new Reader(cube.layout)
  const { ratings } = cube.layout.schema
  const { points } = cube.pairs
  const names = questionLabels(context)
  const itemLabel = (key: string) => names.get(key) ?? categoryLabel(key, locale)
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
      ['importance', 'percent'],
      ['mean', 'decimal'],
    ]),
  )
  const excluded = new Set(context.driversExclude)
  const values = Array.from({ length: points }, (_, k) => k)
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
    // Variable 0 is the overall score, r + 1 the r-th rated item; the model leaves out the
    // excluded items (recommendation 16: trust concerns the body, not the service).
    const matrix = pairwiseCorrelations(joint, values, cube.pairs.variables)
    const kept = ratings.flatMap((key, r) => (excluded.has(key) ? [] : [r + 1]))
    const model =
      kept.length > 0
        ? relativeWeights(
            kept.map((a) => kept.map((b) => matrix.r[a][b])),
            kept.map((a) => matrix.r[0][a]),
          )
        : null
    if (model?.rSquared != null) {
      table.notes.push(`${categoryLabel(group, locale)}: R² = ${model.rSquared.toFixed(3)}`)
    }
    const rows = ratings
      .map((aspect, r) => {
        const k = kept.indexOf(r + 1)
        return {
          aspect,
          mean: read.itemMean(counts, aspect),
          importance: k < 0 || !model ? null : model.shares[k],
          excluded: excluded.has(aspect),
          ...correlation(joint, cube.pairs.pair(0, r + 1), points),
        }
      })
      .sort(
        (x, y) =>
          descending(x.r ?? -2, y.r ?? -2) || ratings.indexOf(x.aspect) - ratings.indexOf(y.aspect),
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
          importance: x.importance,
          mean: x.mean,
        },
        (key) =>
          key === 'importance'
            ? x.excluded
              ? 'left out of the model (drivers.exclude)'
              : 'no relative importance: the model has no variance to share'
            : key === 'r'
              ? (reason ?? 'no correlation')
              : 'no valid answers',
      )
    }
  }
  return table.build()
}
