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
import { placesTable } from './places'
import { questionsTable } from './questions'
import { ratingTable } from './rating'
import { regionsTable } from './regions'
import { wavesTable } from './waves'

export type { TableContext } from './context'

/** Each table's builder; null when the survey has nothing for it (no questions, no previous wave). */
export const BUILDERS: Record<TableId, (context: TableContext) => Table | null> = {
  rating: ratingTable,
  distribution: distributionTable,
  aspects: aspectsTable,
  places: placesTable,
  regions: regionsTable,
  barriers: barriersTable,
  concern: concernTable,
  drivers: driversTable,
  channels: channelsTable,
  demographics: demographicsTable,
  questions: (context) => (context.state.questions.length > 0 ? questionsTable(context) : null),
  waves: wavesTable,
  issues: issuesTable,
}
