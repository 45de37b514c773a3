/**
 * @module Fan-out for surveys too large for one request (DESIGN §6): the chunk bodies for
 * `POST /v1/aggregate` and the states body for `POST /v1/report`, cut by the bytes of their
 * JSON. Pure, no platform globals: the command line and the add-on (`UrlFetchApp.fetchAll`)
 * build their requests with it.
 */
import {
  type Cell,
  definedOnly,
  type EncodedColumn,
  type Mapping,
  type PartialState,
  type Question,
  type ReportOptions,
  type Scale,
  type WeightingOptions,
} from '../engine/index'
import { encodeColumns } from './encode-columns'

/**
 * Bytes of one request body at most: under the Worker's MAX_BODY_BYTES (50 MB by default)
 * and UrlFetchApp's 50 MB payload, with room for the options beside the survey.
 */
export const CHUNK_BYTES = 32 * 1024 * 1024

/**
 * Rows of one request at most. Bound by the isolate's 128 MB: a chunk's parsed body (≈ 21
 * numbers a row) and its typed columns stay near 50 MB, whatever its JSON weighs.
 */
export const CHUNK_ROWS = 200_000

export interface ChunkLimits {
  /** Default CHUNK_BYTES. */
  maxBytes?: number
  /** Default CHUNK_ROWS. */
  maxRows?: number
}

/** A survey as the client holds it: getValues-shaped rows, or columns already encoded. */
export type ClientSurvey =
  | { header: Cell[]; rows: Cell[][]; mapping?: Mapping; questions?: Question[] }
  | { header: Cell[]; columns: EncodedColumn[]; mapping?: Mapping; questions?: Question[] }

/** What every chunk of a survey is aggregated with: its scale and, when raking, the margins. */
export interface ChunkOptions {
  scale?: Scale
  /** With the whole survey's raking `sample` for `/v1/aggregate`, without it for `/v1/rake-sample`. */
  weighting?: WeightingOptions
}

/**
 * One chunk's body for `POST /v1/aggregate` (and `POST /v1/rake-sample`). A type, not an
 * interface, so that it is an `encodeBinaryBody` input as it is.
 */
export type AggregateBody = ReturnType<typeof surveyBody> & {
  options: { firstRow: number } & ChunkOptions
}

/** A survey's part of a request body: compact columns, the mapping, the questions when declared. */
export function surveyBody(survey: {
  header: Cell[]
  columns: EncodedColumn[]
  mapping?: Mapping
  questions?: Question[]
}): { header: Cell[]; columns: EncodedColumn[]; mapping?: Mapping; questions?: Question[] } {
  return {
    header: survey.header,
    columns: survey.columns,
    ...(survey.mapping ? { mapping: survey.mapping } : {}),
    ...(survey.questions?.length ? { questions: survey.questions } : {}),
  }
}

/** Rows of a survey in either form. */
export function surveyLength(survey: ClientSurvey): number {
  if ('rows' in survey) return survey.rows.length
  const [first] = survey.columns
  if (!first) return 0
  return 'values' in first ? first.values.length : first.codes.length
}

/**
 * Whether a survey goes through `/v1/aggregate` in chunks rather than in one `/v1/report`:
 * its body would be over `maxBytes`, or it has more than `maxRows` rows.
 */
export function needsFanOut(survey: ClientSurvey, limits: ChunkLimits = {}): boolean {
  return chunkPlan(survey, limits).length > 1
}

/**
 * Whether a survey and its previous wave go to the Worker in one `/v1/report`: their rows
 * together within `maxRows` (the isolate's memory bound) and each wave's body within half of
 * `CHUNK_BYTES` (the request's bound), as every client decides.
 */
export function fitsOneRequest(
  survey: ClientSurvey,
  previous: ClientSurvey,
  maxRows = CHUNK_ROWS,
): boolean {
  if (surveyLength(survey) + surveyLength(previous) > maxRows) return false
  const half = { maxRows, maxBytes: CHUNK_BYTES / 2 }
  return !needsFanOut(survey, half) && !needsFanOut(previous, half)
}

/**
 * [start, end) of each chunk, in order, none empty: as many rows as fit in `maxBytes` of
 * JSON (as `aggregateBody` writes it, counted in UTF-8 without encoding it) and `maxRows`.
 * @throws {RangeError} when a single row is over `maxBytes`
 * @example
 * chunkPlan({ header, rows }) // [[0, 200000], [200000, 312345]]
 */
export function chunkPlan(survey: ClientSurvey, limits: ChunkLimits = {}): [number, number][] {
  const { maxBytes = CHUNK_BYTES, maxRows = CHUNK_ROWS } = limits
  for (const [name, limit] of [
    ['maxBytes', maxBytes],
    ['maxRows', maxRows],
  ] as const) {
    if (!(Number.isSafeInteger(limit) && limit > 0)) {
      throw new RangeError(`${name} must be a positive integer, got ${limit}`)
    }
  }
  const length = surveyLength(survey)
  const coded = survey.header.map((_, c) => codedColumn(survey, c))
  const dicts = coded.filter((column): column is DictColumn => 'codes' in column)
  const valued = coded.filter((column): column is ValuesColumn => 'bytes' in column)
  // Per dictionary column: each entry's code in the current chunk, stamped with the chunk.
  const local = dicts.map((column) => new Int32Array(column.entries.length))
  const chunkOf = dicts.map((column) => new Int32Array(column.entries.length))
  const used = new Int32Array(dicts.length)
  let chunk = 1
  const fixed = envelopeBytes(survey)
  const ranges: [number, number][] = []
  const costs = new Float64Array(BLOCK)
  let start = 0
  let size = fixed
  // Rows are costed a block at a time, column by column (far kinder to memory than row by
  // row across hundreds of columns), as if the chunk went on; a cut inside the block starts
  // a new chunk there and costs the rest of the block again.
  for (let from = 0; from < length; ) {
    const to = Math.min(from + BLOCK, length)
    costs.fill(0)
    for (let k = 0; k < dicts.length; k++) {
      const { codes } = dicts[k]
      const stamps = chunkOf[k]
      const codesInChunk = local[k]
      for (let i = from; i < to; i++) {
        const code = codes[i]
        if (code < 0)
          costs[i - from] += 3 // "-1,"
        else if (stamps[code] === chunk) costs[i - from] += digits(codesInChunk[code]) + 1
        else {
          costs[i - from] += digits(used[k]) + 2 + dicts[k].entryBytes(code)
          stamps[code] = chunk
          codesInChunk[code] = used[k]++
        }
      }
    }
    for (const { bytes } of valued) {
      for (let i = from; i < to; i++) costs[i - from] += bytes[i] + 1
    }
    let i = from
    for (; i < to; i++) {
      const cost = costs[i - from]
      if (i > start && (size + cost > maxBytes || i - start >= maxRows)) break
      if (size + cost > maxBytes) {
        throw new RangeError(
          `row ${i + 2} alone makes a request of ${size + cost} bytes, over the limit of ${maxBytes}`,
        )
      }
      size += cost
    }
    if (i < to) {
      ranges.push([start, i])
      start = i
      size = fixed
      chunk++
      used.fill(0)
    }
    from = i
  }
  if (length > start) ranges.push([start, length])
  return ranges
}

const BLOCK = 2048

/** A column as the plan counts it: dictionary codes (-1 blank) with each entry's bytes. */
interface DictColumn {
  codes: ArrayLike<number>
  entries: readonly Cell[]
  entryBytes(code: number): number
}

/** A column sent as plain values: each row's bytes. */
interface ValuesColumn {
  bytes: Float64Array
}

/** Rows are coded as `encodeColumns` codes them (its Map keys), compact columns as they are. */
function codedColumn(survey: ClientSurvey, c: number): DictColumn | ValuesColumn {
  if ('columns' in survey) {
    const column = survey.columns[c]
    if ('values' in column) return { bytes: Float64Array.from(column.values, cellBytes) }
    return dictColumn(column.codes, column.dict)
  }
  const index = new Map<Cell, number>()
  const entries: Cell[] = []
  const codes = new Int32Array(survey.rows.length)
  survey.rows.forEach((row, i) => {
    const cell = row[c]
    if (cell === '' || cell === null || cell === undefined) {
      codes[i] = -1
      return
    }
    let code = index.get(cell)
    if (code === undefined) {
      code = entries.push(cell) - 1
      index.set(cell, code)
    }
    codes[i] = code
  })
  return dictColumn(codes, entries)
}

function dictColumn(codes: ArrayLike<number>, entries: readonly Cell[]): DictColumn {
  const bytes = new Float64Array(entries.length).fill(-1)
  return {
    codes,
    entries,
    entryBytes(code) {
      if (bytes[code] < 0) bytes[code] = cellBytes(entries[code])
      return bytes[code]
    },
  }
}

/** A cell's JSON bytes; numbers without JSON.stringify (String(n) is their JSON). */
function cellBytes(cell: Cell): number {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell).length : 4
  if (cell === null || cell === undefined) return 4
  if (typeof cell === 'boolean') return cell ? 4 : 5
  return jsonBytes(cell)
}

const digits = (n: number) => (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length)

/** Bytes of a chunk's body with no rows: header, mapping, the largest firstRow, brackets. */
function envelopeBytes(survey: ClientSurvey): number {
  const columns = survey.header.map((_, c) =>
    'columns' in survey && 'values' in survey.columns[c] ? { values: [] } : { dict: [], codes: [] },
  )
  return jsonBytes({
    header: survey.header,
    columns,
    ...(survey.mapping ? { mapping: survey.mapping } : {}),
    ...(survey.questions?.length ? { questions: survey.questions } : {}),
    // Room for the chunk options (scale, weighting with its sample) is left by CHUNK_BYTES.
    options: { firstRow: Number.MAX_SAFE_INTEGER },
  })
}

/**
 * Bytes of `value`'s JSON in UTF-8, counted without TextEncoder (Apps Script has none).
 * @example jsonBytes('Қызмет') // 14: two quotes and six two-byte letters
 */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? 'null'
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) continue
    if (unit < 0x800) bytes += 1
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 2 // with its low surrogate: 4 bytes for 2 units
      i++
    } else bytes += 2
  }
  return bytes
}

/** [start, end) of each chunk of `chunkRows` rows: equal sizes (the last may be shorter). */
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
 * The `/v1/aggregate` body of each chunk of `chunkPlan`, compact-coded, with the sheet row
 * of its first data row (the header is row 1) so data issues name the rows of the whole sheet.
 *
 * @example
 * const bodies = aggregateBodies({ header, rows }) // add-on: one UrlFetchApp request each
 */
export function aggregateBodies(
  survey: ClientSurvey,
  limits: ChunkLimits = {},
  options: ChunkOptions = {},
): AggregateBody[] {
  return chunkPlan(survey, limits).map((range) => aggregateBody(survey, range, options))
}

/** The `/v1/aggregate` body of rows [start, end): one at a time keeps a client's memory low. */
export function aggregateBody(
  survey: ClientSurvey,
  [start, end]: [start: number, end: number],
  options: ChunkOptions = {},
): AggregateBody {
  const columns =
    'rows' in survey
      ? encodeColumns(survey.header, survey.rows.slice(start, end))
      : sliceColumns(survey.columns, start, end)
  return {
    ...surveyBody({ ...survey, columns }),
    options: { firstRow: start + 2, ...definedOnly(options) },
  }
}

/** Rows [start, end) of compact columns; a dictionary keeps only the entries they use. */
export function sliceColumns(
  columns: EncodedColumn[],
  start: number,
  end: number,
): EncodedColumn[] {
  return columns.map((column) => {
    if ('values' in column) return { values: column.values.slice(start, end) }
    const renumbered = new Int32Array(column.dict.length).fill(-1)
    const dict: Cell[] = []
    const codes = new Array<number>(end - start)
    for (let i = start; i < end; i++) {
      const code = column.codes[i]
      if (code < 0) {
        codes[i - start] = -1
        continue
      }
      if (renumbered[code] < 0) renumbered[code] = dict.push(column.dict[code]) - 1
      codes[i - start] = renumbered[code]
    }
    return { dict, codes }
  })
}

/**
 * The `/v1/report` body that merges the chunks' states into the report of the whole survey;
 * with the previous wave's states when waves are compared.
 */
export function statesBody(
  states: PartialState[],
  options: ReportOptions = {},
  previous?: { states: PartialState[] },
) {
  return {
    states,
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(previous ? { previous } : {}),
  }
}
