/**
 * @module The per-service "by place" tables of the report's chapters: each service's
 * satisfaction, mean and aspects at the state body, the State Corporation and the portal.
 */
import { TITLES } from '../labels'
import type { Table } from '../types'
import { categoryLabel, type Locale } from '../vocabulary'
import { questionLabels, ratedKeys } from './aspects'
import { columns, type Format, ordered, Reader, TableBuilder, type TableContext } from './context'
import {
  estimate,
  Family,
  restEstimate,
  satisfactionTest,
  signInto,
  significanceNote,
} from './significance'

const placesNote: Record<Locale, string> = {
  kk: 'Әр орын сол қызметтің басқа орындарымен салыстырылады.',
  ru: 'Каждое место сравнивается с другими местами той же услуги.',
  en: "Each place is compared with the same service's other places.",
}

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
        ['sigSatisfaction', 'sign'],
        ...items.map((key): [string, Format] => [key, 'decimal']),
      ],
      questionLabels(context),
    ),
  )
  const { correction, level } = context.significance
  table.notes.push(significanceNote(correction, level, locale), placesNote[locale])
  const services = cube.rollUp({ by: ['service'] })
  const family = new Family(context.significance.correction, context.significance.level)
  const groups = ordered(cube, cube.rollUp({ by: ['service', 'channel'] }), ['service', 'channel'])
  for (const { codes, counts } of groups) {
    const channel = cube.text('channel', codes[1])
    const row = table.row()
    row.service = cube.text('service', codes[0])
    row.channel = channel
    row.label = categoryLabel(channel, locale)
    row.n = read.rated(counts)
    row.satisfaction = read.satisfaction(counts)
    row.mean = read.mean(counts)
    for (const key of items) row[key] = read.itemMean(counts, key)
    // Against the same service at its other places.
    const service = services.get(String(codes[0]))?.counts as Float64Array
    const at = table.rows.length
    family.add(
      satisfactionTest(estimate(read, counts), restEstimate(read, service, counts), family.level),
      signInto(table, row, 'sigSatisfaction', at),
    )
    table.add(row)
  }
  family.resolve()
  table.explainRest((key) => (items.includes(key) ? 'no valid answers' : 'no valid overall scores'))
  return table.build()
}
