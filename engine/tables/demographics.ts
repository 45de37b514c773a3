/** @module Report tables 30, 32, 34: satisfaction by age band and gender. */
import { AGE_BANDS } from '../cells'
import { GENDERS } from '../decode'
import { category, TITLES } from '../labels'
import { meanScore, satisfaction } from '../measures'
import type { Table } from '../types'
import {
  columns,
  compareLabels,
  overallOf,
  ratedOf,
  TableBuilder,
  type TableContext,
} from './context'

export function demographicsTable({ state, locale }: TableContext): Table {
  const table = new TableBuilder(
    'demographics',
    TITLES.demographics[locale],
    columns(locale, [
      ['dimension', 'text'],
      ['band', 'text'],
      ['n', 'integer'],
      ['satisfaction', 'percent'],
      ['mean', 'decimal'],
    ]),
  )
  const bandOrder = (band: string) => {
    const i = (AGE_BANDS as readonly string[]).indexOf(band)
    return i < 0 ? AGE_BANDS.length : i
  }
  const ages = Object.keys(state.groups.age).sort(
    (a, b) => bandOrder(a) - bandOrder(b) || compareLabels(a, b),
  )
  const add = (dimension: string, band: string, counts: number[]) => {
    const d = overallOf(counts)
    table.add(
      { dimension, band, n: ratedOf(counts), satisfaction: satisfaction(d), mean: meanScore(d) },
      () => 'no valid overall scores',
    )
  }
  for (const band of ages) add('age', band, state.groups.age[band])
  for (const gender of GENDERS) {
    const counts = state.groups.gender[gender]
    if (counts) add('gender', category(gender, locale), counts)
  }
  return table.build()
}
