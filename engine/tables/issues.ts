/** @module The data issues: every cell the engine could not read, with where and why. */
import { TITLES } from '../labels'
import { issuesOf } from '../state'
import type { Table } from '../types'
import { columns, TableBuilder, type TableContext } from './context'

export function issuesTable({ state, locale }: TableContext): Table {
  const table = new TableBuilder(
    'issues',
    TITLES.issues[locale],
    columns(locale, [
      ['row', 'integer'],
      ['column', 'text'],
      ['value', 'text'],
      ['reason', 'text'],
    ]),
  )
  for (const issue of issuesOf(state)) table.add({ ...issue })
  return table.build()
}
