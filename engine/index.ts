/** @module Sapa's scoring engine: pure functions, the same in Node, workerd and Apps Script. */
export {
  AGE_BANDS,
  ageBand,
  CHANNELS,
  type Channel,
  cellText,
  type Gender,
  isHardToSay,
  type Level,
  levelOfAgency,
  normalize,
  type Parsed,
  parseAge,
  parseChannel,
  parseGender,
  parseLabel,
  parseLevel,
  parseNumberText,
  parseScore,
  parseWeight,
  parseYesNo,
} from './cells'
export type { Coded, EncodedColumn, Survey, SurveyColumns } from './decode'
export { decodeSurvey, GENDERS, LEVELS, quantize, quantizeSquare, WEIGHT_GRID } from './decode'
export { SurveyError, type SurveyErrorCode } from './errors'
export {
  type ColumnIndex,
  columnName,
  type Detection,
  detectColumns,
  findColumns,
  HEADER_SCAN_ROWS,
  type HeaderLayout,
  locateHeader,
  matchKey,
  ROLE_NAMES,
} from './header'
export {
  ASPECT_LABELS,
  CATEGORY,
  category,
  columnLabel,
  displayValue,
  GROUP_TYPES,
  REASONS,
  TITLES,
} from './labels'
export {
  base,
  type ConcernParts,
  type Correlation,
  correlation,
  type Distribution,
  dissatisfied,
  effectiveBase,
  type Interval,
  meanInterval,
  meanScore,
  type NoCorrelation,
  satisfaction,
  score10,
  shares,
  socialConcern,
  topTwoBox,
  wilson,
  Z95,
} from './measures'
export { report, reportFromState } from './report'
export { aggregate, mergeStates, type PartialState } from './state'
export { readStates } from './state-check'
export {
  ASPECTS,
  type Aspect,
  BARRIERS,
  type Barrier,
  type Cell,
  type Column,
  type DataIssue,
  type Locale,
  type Mapping,
  type RatingOrder,
  REQUIRED_ROLES,
  type Report,
  type ReportOptions,
  ROLES,
  type Role,
  type Summary,
  TABLE_IDS,
  type Table,
  type TableId,
  type Value,
} from './types'
export { ENGINE_VERSION } from './version'
