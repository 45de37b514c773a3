/** @module Report tables 30, 32, 34: satisfaction by age band and gender, over all services and per service. */
import { TITLES } from '../labels'
import type { Table } from '../types'
import { AGE_BANDS, categoryLabel, GENDERS, type Gender } from '../vocabulary'
import { columns, compareLabels, Reader, TableBuilder, type TableContext } from './context'

export function demographicsTable({ cube, locale }: TableContext): Table {
  const read = new Reader(cube.peopleLayout)
  const table = new TableBuilder(
    'demographics',
    TITLES.demographics[locale],
    columns(locale, [
      ['service', 'text'],
      ['dimension', 'text'],
      ['band', 'key'],
      ['label', 'text'],
      ['n', 'integer'],
      ['satisfaction', 'percent'],
      ['mean', 'decimal'],
    ]),
  )
  const bandOrder = (band: string) => {
    const i = (AGE_BANDS as readonly string[]).indexOf(band)
    return i < 0 ? AGE_BANDS.length : i
  }
  const services = cube.state.labels.service
  for (const byService of [false, true]) {
    const rows: {
      service: string | null
      dimension: 'age' | 'gender'
      band: string
      counts: Float64Array
    }[] = []
    for (const dimension of ['age', 'gender'] as const) {
      for (const { codes, counts } of cube.people(dimension, byService).values()) {
        rows.push({
          service: codes[0] < 0 ? null : services[codes[0]],
          dimension,
          band: cube.band(dimension, codes[1]),
          counts,
        })
      }
    }
    rows.sort(
      (a, b) =>
        compareLabels(a.service ?? '', b.service ?? '') ||
        (a.dimension === b.dimension ? 0 : a.dimension === 'age' ? -1 : 1) ||
        (a.dimension === 'age'
          ? bandOrder(a.band) - bandOrder(b.band) || compareLabels(a.band, b.band)
          : GENDERS.indexOf(a.band as Gender) - GENDERS.indexOf(b.band as Gender)),
    )
    for (const { service, dimension, band, counts } of rows) {
      table.add(
        {
          service,
          dimension,
          band,
          label: dimension === 'gender' ? categoryLabel(band, locale) : band,
          n: read.rated(counts),
          satisfaction: read.satisfaction(counts),
          mean: read.mean(counts),
        },
        () => 'no valid overall scores',
      )
    }
  }
  return table.build()
}
