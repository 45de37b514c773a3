/** @module Decoding: a survey (rows or compact columns) into typed columns plus data issues. */
import {
  CHANNELS,
  type Channel,
  cellText,
  formulaProblem,
  type Gender,
  type Level,
  levelOfAgency,
  type Parsed,
  parseAge,
  parseChannel,
  parseGender,
  parseLabel,
  parseLevel,
  parseScore,
  parseWeight,
  parseYesNo,
} from './cells'
import { SurveyError } from './errors'
import { findColumns } from './header'
import { ASPECTS, BARRIERS, type Cell, type Mapping, type Role } from './types'

/** DESIGN §6 compact column: plain values, or dictionary codes (-1 = blank). */
export type EncodedColumn = { values: Cell[] } | { dict: Cell[]; codes: number[] }

export interface Survey {
  header: Cell[]
  rows?: Cell[][]
  columns?: EncodedColumn[]
  mapping?: Mapping
}

/** A text column coded into a dictionary: `codes[i]` indexes `labels`, -1 = missing. */
export interface Coded {
  codes: Int32Array
  labels: string[]
}

/** A data issue before it is named: [sheet row, column index, value, reason]. */
export type IssueAt = [row: number, col: number, value: string, reason: string]

export interface SurveyColumns {
  header: string[]
  mapping: Mapping
  length: number
  /** 1 where the row has any answer in a mapped column; blank rows are not respondents. */
  present: Uint8Array
  service: Coded
  agency: Coded | null
  region: Coded | null
  age: Coded | null
  /** 0 missing, else index + 1 into GENDERS / CHANNELS / LEVELS. */
  gender: Uint8Array | null
  channel: Uint8Array | null
  level: Uint8Array | null
  /** 0 missing, else 1..5. */
  overall: Uint8Array
  aspects: (Uint8Array | null)[]
  /** -1 missing, 0 no, 1 yes. */
  barriers: (Int8Array | null)[]
  /** Quantised weights (0 = left out); null when the survey has no weight column. */
  weight: Float64Array | null
  issues: IssueAt[]
  issueCount: number
}

export const GENDERS: readonly Gender[] = ['male', 'female']
export const LEVELS: readonly Level[] = ['central', 'local']

/**
 * Weights are used on a grid of 2^-20 (about 1e-6): sums of them are exact in doubles, so
 * partial states merge in any order to the same bits.
 */
export const WEIGHT_GRID = 2 ** 20
export const quantize = (w: number) => Math.round(w * WEIGHT_GRID) / WEIGHT_GRID
/** w² on the same grid, so Σw² is exact too. */
export const quantizeSquare = (w: number) => Math.round(w * w * WEIGHT_GRID) / WEIGHT_GRID

/** One column's cells, whichever form the body used. */
interface Source {
  length: number
  /** The column's cells, row by row (absent when dictionary-coded, or read from rows). */
  cells?: ArrayLike<Cell>
  /** Distinct cells with the code of each row, when the column is dictionary-coded. */
  dict?: { values: Cell[]; codes: ArrayLike<number> }
}

export interface DecodeOptions {
  /** Sheet row number of the first data row (header = row 1). Default 2. */
  firstRow?: number
  /** Issues kept (all are counted). Default 1,000. */
  maxIssues?: number
}

export function decodeSurvey(survey: Survey, options: DecodeOptions = {}): SurveyColumns {
  const { firstRow = 2, maxIssues = 1000 } = options
  if (!Array.isArray(survey.header)) throw new SurveyError('bad_input', '"header" must be an array')
  const header = survey.header.map((h) => String(h ?? '').trim())
  const found = findColumns(header, survey.mapping)
  const sources = sourcesOf(survey, header.length)
  const length = sources.length
  const present = new Uint8Array(length)
  const issues: IssueAt[] = []
  let issueCount = 0

  /**
   * Decodes a role's column into `out`: each distinct cell is parsed once and `encode`d to a
   * number; blanks and «hard to say» leave `out` as it was; bad cells become issues.
   */
  function scan<T>(
    role: Role,
    parse: (cell: Cell) => Parsed<T>,
    encode: (value: T) => number,
    out: { [i: number]: number },
  ): boolean {
    const col = found[role]
    if (col === undefined) return false
    const MISSING = -1
    const ISSUE = -2
    const reasons = new Map<Cell, string>()
    // Values used with a data issue beside them (a label cut to a cell's size).
    const notes = new Map<Cell, string>()
    const codeOf = (cell: Cell): number => {
      const parsed = formulaProblem(cell) ?? parse(cell)
      if (parsed.ok) {
        if (parsed.note !== undefined) notes.set(cell, parsed.note)
        return encode(parsed.value)
      }
      if (parsed.reason === null) return MISSING
      reasons.set(cell, parsed.reason)
      return ISSUE
    }
    let kept = 0
    const issue = (i: number, cell: Cell, reason: string) => {
      issueCount++
      if (kept++ < maxIssues) issues.push([firstRow + i, col, cellText(cell), reason])
    }
    const source = sources.column(col)
    if (source.dict) {
      const { values, codes } = source.dict
      const decoded = Float64Array.from(values, codeOf)
      // Whether a dictionary entry makes its row a respondent, worked out once per entry.
      const answers = Uint8Array.from(values, (v, k) =>
        decoded[k] !== MISSING || !isBlank(v) ? 1 : 0,
      )
      for (let i = 0; i < length; i++) {
        const k = codes[i]
        if (k < 0) continue
        const code = decoded[k]
        if (code >= 0) {
          out[i] = code
          if (notes.size > 0 && notes.has(values[k]))
            issue(i, values[k], notes.get(values[k]) as string)
        } else if (code === ISSUE) issue(i, values[k], reasons.get(values[k]) as string)
        present[i] |= answers[k]
      }
      return true
    }
    const memo = new Map<Cell, number>()
    const small = new Int32Array(SMALL).fill(UNSEEN)
    const rows = survey.rows
    const cells = source.cells as ArrayLike<Cell>
    for (let i = 0; i < length; i++) {
      const cell = rows ? rows[i][col] : cells[i]
      if (cell === '' || cell === null || cell === undefined) continue
      let code: number | undefined
      if (typeof cell === 'number' && cell >= 0 && cell < SMALL && Number.isInteger(cell)) {
        // Scores, ages and codes: a flat cache is much cheaper than a Map lookup per cell.
        code = small[cell]
        if (code === UNSEEN) {
          code = codeOf(cell)
          small[cell] = code
        }
      } else if (typeof cell === 'object') {
        code = codeOf(cell) // a Date: never memoised by identity
      } else {
        code = memo.get(cell)
        if (code === undefined) {
          code = codeOf(cell)
          memo.set(cell, code)
        }
      }
      if (code >= 0) {
        out[i] = code
        if (notes.size > 0 && notes.has(cell)) issue(i, cell, notes.get(cell) as string)
      } else if (code === ISSUE) issue(i, cell, reasons.get(cell) as string)
      if (code !== MISSING || !isBlank(cell)) present[i] = 1
    }
    return true
  }

  const coded = (role: Role, parse: (cell: Cell) => Parsed<string> = parseLabel): Coded | null => {
    const codes = new Int32Array(length).fill(-1)
    const labels: string[] = []
    const index = new Map<string, number>()
    const encode = (label: string) => {
      let code = index.get(label)
      if (code === undefined) {
        code = labels.push(label) - 1
        index.set(label, code)
      }
      return code
    }
    return scan(role, parse, encode, codes) ? { codes, labels } : null
  }
  function enumerated<T>(role: Role, parse: (cell: Cell) => Parsed<T>, keys: readonly T[]) {
    const out = new Uint8Array(length)
    return scan(role, parse, (v) => keys.indexOf(v) + 1, out) ? out : null
  }
  const scores = (role: Role) => {
    const out = new Uint8Array(length)
    return scan(role, parseScore, (v) => v, out) ? out : null
  }
  const yesNo = (role: Role) => {
    const out = new Int8Array(length).fill(-1)
    return scan(role, parseYesNo, (v) => v, out) ? out : null
  }

  const service = coded('service') as Coded
  const overall = scores('overall') as Uint8Array
  const agency = coded('agency')
  const region = coded('region')
  const channel = enumerated<Channel>('channel', parseChannel, CHANNELS)
  let level = enumerated<Level>('level', parseLevel, LEVELS)
  if (!level && agency) {
    const byAgency = agency.labels.map((label) => LEVELS.indexOf(levelOfAgency(label)) + 1)
    level = new Uint8Array(length)
    for (let i = 0; i < length; i++) {
      if (agency.codes[i] >= 0) level[i] = byAgency[agency.codes[i]]
    }
  }
  const age = coded('age', parseAge)
  const gender = enumerated<Gender>('gender', parseGender, GENDERS)
  const aspects = ASPECTS.map(scores)
  const barriers = BARRIERS.map(yesNo)
  let weight: Float64Array | null = null
  if (found.weight !== undefined) {
    weight = new Float64Array(length)
    scan('weight', parseWeight, quantize, weight)
  }

  issues.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  issues.length = Math.min(issues.length, maxIssues)
  const mapping: Mapping = {}
  for (const [role, col] of Object.entries(found) as [Role, number][]) mapping[role] = header[col]
  return {
    header,
    mapping,
    length,
    present,
    service,
    agency,
    region,
    age,
    gender,
    channel,
    level,
    overall,
    aspects,
    barriers,
    weight,
    issues,
    issueCount,
  }
}

const SMALL = 256
const UNSEEN = -3

const isBlank = (cell: Cell) =>
  cell === '' ||
  cell === null ||
  cell === undefined ||
  (typeof cell === 'string' && cell.trim() === '')

/** Each column's cells: plain values, dictionary codes, or (for rows) read in place by `scan`. */
function sourcesOf(survey: Survey, width: number): { length: number; column(c: number): Source } {
  if (survey.columns !== undefined) {
    const columns = survey.columns
    if (!Array.isArray(columns) || columns.length !== width) {
      throw new SurveyError(
        'bad_input',
        `"columns" must have one entry per header cell (${width}), got ${Array.isArray(columns) ? columns.length : typeof columns}`,
      )
    }
    const lengths = columns.map((column, c) => columnLength(column, c))
    const length = lengths[0] ?? 0
    const uneven = lengths.findIndex((n) => n !== length)
    if (uneven >= 0) {
      throw new SurveyError(
        'bad_input',
        `column ${uneven + 1} ("${String(survey.header[uneven])}") has ${lengths[uneven]} cells, column 1 has ${length}`,
      )
    }
    return {
      length,
      column(c) {
        const column = columns[c]
        if ('values' in column) return { length, cells: column.values }
        return { length, dict: { values: column.dict, codes: column.codes } }
      },
    }
  }
  const rows = survey.rows
  if (!Array.isArray(rows)) throw new SurveyError('bad_input', 'the body needs "rows" or "columns"')
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new SurveyError('bad_input', `row ${i + 2} is not an array`)
  })
  // Read in place (scan indexes the rows): no copy of a million rows.
  return { length: rows.length, column: () => ({ length: rows.length }) }
}

function columnLength(column: EncodedColumn, c: number): number {
  if (column && Array.isArray((column as { values?: unknown }).values)) {
    return (column as { values: Cell[] }).values.length
  }
  if (column && 'dict' in column && Array.isArray(column.dict) && Array.isArray(column.codes)) {
    const bad = badCode(column.codes, column.dict.length)
    if (bad >= 0) {
      throw new SurveyError(
        'bad_input',
        `column ${c + 1}: code ${String(column.codes[bad])} at position ${bad} is not -1 or an index into its dict`,
      )
    }
    return column.codes.length
  }
  throw new SurveyError('bad_input', `column ${c + 1} must be {values} or {dict, codes}`)
}

/** Position of the first code that is not -1 or an index below `size`; -1 when all are good. */
function badCode(codes: readonly unknown[], size: number): number {
  // A plain loop: this runs once per cell of the body, a callback per code costs several times more.
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number
    if (!(code >= -1 && code < size && (code | 0) === code)) return i
  }
  return -1
}
