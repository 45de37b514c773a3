/** @module Weighting: raking a survey to population margins (DESIGN §4, Raking). */
export { weightingEfficiency } from './efficiency'
export { RakeError, type RakeRefusal } from './error'
export { RAKE_MAX_ITERATIONS, RAKE_TOLERANCE, rake } from './rake'
export { SHARE_SUM_TOLERANCE } from './table'
export type {
  MarginCheck,
  RakeCell,
  RakeInput,
  RakeResult,
  RakeSummary,
  RakeTrim,
  RoleMargins,
} from './types'
