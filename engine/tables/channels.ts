/** @module Report table 12 (printed as 122): State Corporation against the state body, per service. */
import { TITLES } from '../labels'
import type { Table } from '../types'
import { categoryLabel } from '../vocabulary'
import { columns, ordered, Reader, TableBuilder, type TableContext } from './context'

export function channelsTable({ cube, locale }: TableContext): Table {
  const read = new Reader(cube.layout)
  const table = new TableBuilder(
    'channels',
    TITLES.channels[locale],
    columns(locale, [
      ['service', 'text'],
      ['corpN', 'integer'],
      ['corpSatisfaction', 'percent'],
      ['bodyN', 'integer'],
      ['bodySatisfaction', 'percent'],
      ['diff', 'percent'],
    ]),
  )
  const corp = cube.rollUp({ by: ['service'], where: { channel: 'corp' } })
  const body = cube.rollUp({ by: ['service'], where: { channel: 'body' } })
  const row = (service: string, c?: Float64Array | null, b?: Float64Array | null) => {
    const cs = c ? read.satisfaction(c) : null
    const bs = b ? read.satisfaction(b) : null
    return {
      service,
      corpN: c ? read.rated(c) : 0,
      corpSatisfaction: cs,
      bodyN: b ? read.rated(b) : 0,
      bodySatisfaction: bs,
      diff: cs === null || bs === null ? null : cs - bs,
    }
  }
  const why = (key: string) =>
    key === 'diff'
      ? 'needs respondents of both channels'
      : key.startsWith('corp')
        ? 'no State Corporation respondents with a valid score'
        : 'no state-body respondents with a valid score'
  for (const { codes } of ordered(cube, new Map([...corp, ...body]), ['service'])) {
    const key = String(codes[0])
    table.add(
      row(cube.text('service', codes[0]), corp.get(key)?.counts, body.get(key)?.counts),
      why,
    )
  }
  const corpAll = cube.total({ channel: 'corp' })
  const bodyAll = cube.total({ channel: 'body' })
  if (corpAll || bodyAll) {
    table.setTotal(
      { ...row('total', corpAll, bodyAll), label: categoryLabel('total', locale) },
      why,
    )
  }
  return table.build()
}
