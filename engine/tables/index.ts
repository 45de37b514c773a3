/** @module Every table of DESIGN §5, built from one merged state. */
import type { Table, TableId } from '../types'
import { aspectsTable } from './aspects'
import { barriersTable } from './barriers'
import { channelsTable } from './channels'
import { concernTable } from './concern'
import type { TableContext } from './context'
import { demographicsTable } from './demographics'
import { distributionTable } from './distribution'
import { driversTable } from './drivers'
import { issuesTable } from './issues'
import { ratingTable } from './rating'
import { regionsTable } from './regions'

export type { TableContext } from './context'

export const BUILDERS: Record<TableId, (context: TableContext) => Table> = {
  rating: ratingTable,
  distribution: distributionTable,
  aspects: aspectsTable,
  regions: regionsTable,
  barriers: barriersTable,
  concern: concernTable,
  drivers: driversTable,
  channels: channelsTable,
  demographics: demographicsTable,
  issues: issuesTable,
}
