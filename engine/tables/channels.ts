/** @module Report table 12 (printed as 122): State Corporation against the state body, per service. */
import { category, TITLES } from '../labels'
import { satisfaction } from '../measures'
import type { Table } from '../types'
import {
  columns,
  overallOf,
  ratedOf,
  slice,
  sortedKeys,
  TableBuilder,
  type TableContext,
} from './context'

export function channelsTable({ state, locale }: TableContext): Table {
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
  const corp = slice(state, 'serviceChannel', 'corp')
  const body = slice(state, 'serviceChannel', 'body')
  const row = (service: string, c?: number[], b?: number[]) => {
    const cs = c ? satisfaction(overallOf(c)) : null
    const bs = b ? satisfaction(overallOf(b)) : null
    return {
      service,
      corpN: c ? ratedOf(c) : 0,
      corpSatisfaction: cs,
      bodyN: b ? ratedOf(b) : 0,
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
  for (const service of sortedKeys({ ...corp, ...body })) {
    table.add(row(service, corp[service], body[service]), why)
  }
  if (state.groups.channel.corp || state.groups.channel.body) {
    table.setTotal(
      row(category('total', locale), state.groups.channel.corp, state.groups.channel.body),
      why,
    )
  }
  return table.build()
}
