/**
 * @module Fan-out for surveys too large for one request (DESIGN §6): the chunk bodies for
 * `POST /v1/aggregate` and the states body for `POST /v1/report`. Pure, no platform globals:
 * the command line and the add-on (`UrlFetchApp.fetchAll`) build their requests with it.
 */
import type { Cell, EncodedColumn, Mapping, PartialState, ReportOptions } from '../engine/index'
import { encodeColumns } from './encode-columns'

/**
 * Rows per chunk, and the size above which a survey is fanned out. Bound by the isolate's
 * 128 MB: a chunk's parsed body (≈ 21 numbers a row) and its typed columns stay near 50 MB,
 * and its compact JSON near 12 MB, well under UrlFetchApp's 50 MB and the Worker's limits.
 */
export const CHUNK_ROWS = 200_000

/** A survey as the client holds it: getValues-shaped rows, or columns already encoded. */
export type ClientSurvey =
  | { header: Cell[]; rows: Cell[][]; mapping?: Mapping }
  | { header: Cell[]; columns: EncodedColumn[]; mapping?: Mapping }

/** One chunk's body for `POST /v1/aggregate`. */
export interface AggregateBody {
  header: Cell[]
  columns: EncodedColumn[]
  mapping?: Mapping
  options: { firstRow: number }
}

/** Rows of a survey in either form. */
export function surveyLength(survey: ClientSurvey): number {
  if ('rows' in survey) return survey.rows.length
  const [first] = survey.columns
  if (!first) return 0
  return 'values' in first ? first.values.length : first.codes.length
}

/** Whether a survey of `rows` rows goes through `/v1/aggregate` rather than one `/v1/report`. */
export const needsFanOut = (rows: number, chunkRows = CHUNK_ROWS) => rows > chunkRows

/** [start, end) of each chunk: equal sizes (the last may be shorter), none empty. */
export function chunkRanges(rows: number, chunkRows = CHUNK_ROWS): [start: number, end: number][] {
  if (!(Number.isSafeInteger(chunkRows) && chunkRows > 0)) {
    throw new RangeError(`chunkRows must be a positive integer, got ${chunkRows}`)
  }
  const ranges: [number, number][] = []
  for (let start = 0; start < rows; start += chunkRows) {
    ranges.push([start, Math.min(rows, start + chunkRows)])
  }
  return ranges
}

/**
 * The `/v1/aggregate` body of each chunk, compact-coded, with the sheet row of its first data
 * row (the header is row 1) so data issues name the rows of the whole sheet.
 *
 * @example
 * const bodies = aggregateBodies({ header, rows }) // add-on: one UrlFetchApp request each
 */
export function aggregateBodies(survey: ClientSurvey, chunkRows = CHUNK_ROWS): AggregateBody[] {
  return chunkRanges(surveyLength(survey), chunkRows).map((range) => aggregateBody(survey, range))
}

/** The `/v1/aggregate` body of rows [start, end): one at a time keeps a client's memory low. */
export function aggregateBody(
  survey: ClientSurvey,
  [start, end]: [start: number, end: number],
): AggregateBody {
  return {
    header: survey.header,
    columns:
      'rows' in survey
        ? encodeColumns(survey.header, survey.rows.slice(start, end))
        : sliceColumns(survey.columns, start, end),
    ...(survey.mapping ? { mapping: survey.mapping } : {}),
    options: { firstRow: start + 2 },
  }
}

/** Rows [start, end) of compact columns; a dictionary stays whole (unused entries are harmless). */
export function sliceColumns(
  columns: EncodedColumn[],
  start: number,
  end: number,
): EncodedColumn[] {
  return columns.map((column) =>
    'values' in column
      ? { values: column.values.slice(start, end) }
      : { dict: column.dict, codes: column.codes.slice(start, end) },
  )
}

/** The `/v1/report` body that merges the chunks' states into the report of the whole survey. */
export function statesBody(states: PartialState[], options: ReportOptions = {}) {
  return Object.keys(options).length > 0 ? { states, options } : { states }
}
