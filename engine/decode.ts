/** @module Decoding: a survey (rows or compact columns) into typed columns plus data issues. */
import {
  cellText,
  formulaProblem,
  levelOfAgency,
  type Parsed,
  parseAge,
  parseChannel,
  parseChecked,
  parseGender,
  parseLabel,
  parseLevel,
  parseWeight,
  parseYesNo,
  scoreParser,
} from './cells'
import { SurveyError } from './errors'
import { flat } from './flat-text'
import { columnName, findColumns } from './header'
import {
  checkQuestions,
  checkScale,
  DEFAULT_SCALE,
  type DeclaredQuestion,
  headerKey,
  type Question,
  questionColumns,
  type Scale,
  type Schema,
  schemaOf,
} from './schema'
import type { Cell, Mapping } from './types'
import { ASPECTS, BARRIERS, CHANNELS, GENDERS, LEVELS, ROLES } from './vocabulary'
import { quantizeWeight } from './weights'

/** DESIGN §6 compact column: plain values, or dictionary codes (-1 = blank). */
export type EncodedColumn = { values: Cell[] } | { dict: Cell[]; codes: ArrayLike<number> }

export interface Survey {
  header: Cell[]
  rows?: Cell[][]
  columns?: EncodedColumn[]
  mapping?: Mapping
  /** Columns declared beside the roles (DESIGN §3). */
  questions?: Question[]
}

/** A text column coded into a dictionary: `codes[i]` indexes `labels`, -1 = missing. */
export interface Coded {
  codes: Int32Array
  labels: string[]
}

/** A data issue before it is named: [sheet row, column index, value, reason]. */
export type IssueAt = [row: number, col: number, value: string, reason: string]

/**
 * A survey decoded into typed columns, one per role or item. Every column marks a missing
 * answer the same way, -1: codes index their labels or the vocabulary's keys (CHANNELS,
 * LEVELS, GENDERS), scores are the point's index on the scale (0 = its minimum), yes/no is 1/0.
 */
export interface SurveyColumns {
  header: string[]
  /** role → header text actually used. */
  mapping: Mapping
  questions: DeclaredQuestion[]
  schema: Schema
  length: number
  /** 1 where the row has any answer in a column read; blank rows are not respondents. */
  present: Uint8Array
  service: Coded
  agency: Coded | null
  region: Coded | null
  age: Coded | null
  gender: Int8Array | null
  channel: Int8Array | null
  level: Int8Array | null
  overall: Int8Array
  /** One per `schema.ratings`. */
  ratings: Int8Array[]
  /** One per `schema.yesno`. */
  yesno: Int8Array[]
  /** Per `schema.multi` question, one per option; -1 only where the whole question is blank. */
  multi: Int8Array[][]
  /** One per `schema.choices`. */
  choices: Coded[]
  /** Weights as counted (`quantizeWeight`), 0 = left out; null when there is no weight column. */
  weight: Float64Array | null
  issues: IssueAt[]
  issueCount: number
}

export interface DecodeOptions {
  /** Sheet row number of the first data row (header = row 1). Default 2. */
  firstRow?: number
  /** Issues kept (all are counted). Default 1,000. */
  maxIssues?: number
  /** The answer scale; default 1..5. */
  scale?: Scale
}

/** One column's cells, whichever form the body used. */
interface Source {
  /** The column's cells, row by row (absent when dictionary-coded, or read from rows). */
  cells?: ArrayLike<Cell>
  /** Distinct cells with the code of each row, when the column is dictionary-coded. */
  dict?: { values: Cell[]; codes: ArrayLike<number> }
}

const MISSING = -1
const ISSUE = -2

/**
 * Decodes a survey into typed columns.
 * @throws {SurveyError} `bad_input` for a malformed body, a bad scale or question, or a
 * question's header used twice; `missing_column` for a required role or a question's header
 * that is not in the header
 */
export function decodeSurvey(survey: Survey, options: DecodeOptions = {}): SurveyColumns {
  const { firstRow = 2, maxIssues = 1000 } = options
  const scale = checkScale(options.scale ?? DEFAULT_SCALE)
  if (!Array.isArray(survey.header)) throw new SurveyError('bad_input', '"header" must be an array')
  // Flat (flat-text.ts): the header's texts go into the answer's summary and issues.
  const header = survey.header.map((h) => flat(String(h ?? '').trim()))
  const questions = declaredColumns(header, checkQuestions(survey.questions))
  const reserved = new Set(questions.flatMap((q) => q.columns))
  const found = findColumns(header, survey.mapping, reserved)
  for (const role of ROLES) {
    const col = found[role]
    if (col !== undefined && reserved.has(col)) {
      const question = questions.find((q) => q.columns.includes(col))
      throw new SurveyError(
        'bad_input',
        `Column ${columnName(col)} "${header[col]}" is mapped to ${role} and declared as question "${question?.key}": a column plays one part`,
        { column: header[col] },
      )
    }
  }
  const sources = sourcesOf(survey, header.length)
  const length = sources.length
  /** Columns whose dictionary codes `scan` has read (and so checked). */
  const scanned = new Set<number>()
  const present = new Uint8Array(length)
  const issues: IssueAt[] = []
  let issueCount = 0

  /**
   * Decodes column `col` into `out`: each distinct cell is parsed once and `encode`d to a
   * whole number; blanks and «hard to say» are MISSING; a bad cell is an issue and is
   * `onIssue` when given (else MISSING). `answers` says whether the column makes a row a
   * respondent. `out` is always an Int32Array, so the loops below see one kind of array
   * (others are filled from it): a loop over several kinds is several times slower.
   * With `int8`, a column of Int8 dictionary codes whose decoded codes fit a byte is decoded
   * into a new Int8Array instead, returned, and `out` is left untouched; else returns null.
   */
  function scan<T>(
    col: number,
    parse: (cell: Cell) => Parsed<T>,
    encode: (value: T) => number,
    out: Int32Array,
    marks: { onIssue?: number; answers?: boolean; int8?: boolean } = {},
  ): Int8Array | null {
    const { onIssue, answers = true, int8 = false } = marks
    const reasons = new Map<Cell, string>()
    // Values used with a data issue beside them (a label cut to a cell's size).
    const notes = new Map<Cell, string>()
    const codeOf = (cell: Cell): number => {
      const parsed = formulaProblem(cell) ?? parse(cell)
      if (parsed.ok) {
        if (parsed.note !== undefined) notes.set(cell, flat(parsed.note))
        return encode(parsed.value)
      }
      if (parsed.reason === null) return MISSING
      reasons.set(cell, flat(parsed.reason)) // flat once: it goes into the answer (flat-text.ts)
      return ISSUE
    }
    let kept = 0
    const issue = (i: number, cell: Cell, reason: string) => {
      issueCount++
      if (kept++ < maxIssues) issues.push([firstRow + i, col, cellText(cell), reason])
    }
    const source = sources.column(col)
    if (source.dict) {
      const { values } = source.dict
      const codes = source.dict.codes
      const decoded = Int32Array.from(values, codeOf)
      // Whether a dictionary entry makes its row a respondent, worked out once per entry.
      const answering = Uint8Array.from(values, (v, k) =>
        answers && (decoded[k] !== MISSING || !isBlank(v)) ? 1 : 0,
      )
      const noted = notes.size > 0
      const special = noted || reasons.size > 0
      const size = values.length
      scanned.add(col)
      const isFlagged = (k: number) =>
        decoded[k] === ISSUE || (noted && decoded[k] >= 0 && notes.has(values[k]))
      const table =
        int8 && codes instanceof Int8Array && int8Table(decoded, answering, isFlagged, onIssue)
      if (table) {
        const into8 = new Int8Array(length)
        flaggedRows ??= new Int32Array(length)
        const into = everyRowPresent ? null : present
        const { seen, flagged } = decodeInt8(codes as Int8Array, table, into8, into, flaggedRows)
        if (seen & INVALID) {
          const bad = (codes as Int8Array).findIndex((k) => (table[k & 255] & INVALID) !== 0)
          throw badCodeError(col, codes[bad], bad)
        }
        // A column every row answers makes every row a respondent: the others need not mark them.
        if ((seen & SILENT) === 0) everyRowPresent = true
        // The rows whose value is an issue or carries a note, in order, as the loop below.
        for (let j = 0; j < flagged; j++) {
          const i = flaggedRows[j]
          const k = codes[i]
          const cell = values[k]
          issue(i, cell, (decoded[k] >= 0 ? notes.get(cell) : reasons.get(cell)) as string)
        }
        return into8
      }
      out.fill(MISSING)
      for (let start = 0; start < length; start += BLOCK) {
        const end = Math.min(length, start + BLOCK)
        const block = int32Block(codes, start, end)
        for (let i = start; i < end; i++) {
          const k = block[i - start]
          if (k < 0) {
            if (k < -1) throw badCodeError(col, k, i)
            continue
          }
          if (k >= size) throw badCodeError(col, k, i)
          const code = decoded[k]
          present[i] |= answering[k]
          if (code >= 0) out[i] = code
          // Issues and notes are rare: one test keeps them out of the common path.
          if (!special) continue
          if (code >= 0) {
            if (noted && notes.has(values[k])) {
              issue(i, values[k], notes.get(values[k]) as string)
            }
          } else if (code === ISSUE) {
            issue(i, values[k], reasons.get(values[k]) as string)
            if (onIssue !== undefined) out[i] = onIssue
          }
        }
      }
      return null
    }
    out.fill(MISSING)
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
      } else if (code === ISSUE) {
        issue(i, cell, reasons.get(cell) as string)
        if (onIssue !== undefined) out[i] = onIssue
      }
      if (answers && (code !== MISSING || !isBlank(cell))) present[i] = 1
    }
    return null
  }

  /** Whether every row is already a respondent (`present` all ones). */
  let everyRowPresent = false
  /** Where `decodeInt8` lists a column's flagged rows: made on first use, shared by the columns. */
  let flaggedRows: Int32Array | undefined
  /** One column through `scan` into a small array (Int8Array): decoded in the shared scratch. */
  const scratch = new Int32Array(length)
  function small8<T>(
    col: number,
    parse: (cell: Cell) => Parsed<T>,
    encode: (value: T) => number,
    onIssue?: number,
  ): Int8Array {
    return scan(col, parse, encode, scratch, { onIssue, int8: true }) ?? Int8Array.from(scratch)
  }

  /** A text column coded into its own dictionary. */
  const coded = (col: number | undefined, parse: (cell: Cell) => Parsed<string>) => {
    if (col === undefined) return null
    const codes = new Int32Array(length)
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
    const small = scan(col, parse, encode, codes, { int8: true })
    if (small) codes.set(small)
    return { codes, labels }
  }
  /** A column of the vocabulary's keys, as their index. */
  function keyed<T>(col: number | undefined, parse: (cell: Cell) => Parsed<T>, keys: readonly T[]) {
    return col === undefined ? null : small8(col, parse, (v) => keys.indexOf(v))
  }
  const parseScore = scoreParser(scale)
  const scores = (col: number) => small8(col, parseScore, (v) => v - scale.min)
  const yesNo = (col: number) => small8(col, parseYesNo, (v) => v)

  const service = coded(found.service, parseLabel) as Coded
  const overall = scores(found.overall as number)
  const agency = coded(found.agency, parseLabel)
  const region = coded(found.region, parseLabel)
  const channel = keyed(found.channel, parseChannel, CHANNELS)
  let level = keyed(found.level, parseLevel, LEVELS)
  if (!level && agency) {
    const byAgency = agency.labels.map((label) => LEVELS.indexOf(levelOfAgency(label)))
    level = new Int8Array(length).fill(MISSING)
    for (let i = 0; i < length; i++) {
      if (agency.codes[i] >= 0) level[i] = byAgency[agency.codes[i]]
    }
  }
  const age = coded(found.age, parseAge)
  const gender = keyed(found.gender, parseGender, GENDERS)

  const mapping: Mapping = {}
  for (const role of ROLES) {
    const col = found[role]
    if (col !== undefined) mapping[role] = header[col]
  }
  // The items below are decoded in the schema's order: mapped aspects and barriers, then the
  // questions as declared.
  const schema = schemaOf(scale, mapping, questions, header)
  const ratings: Int8Array[] = []
  const yesno: Int8Array[] = []
  for (const aspect of ASPECTS) {
    const col = found[aspect]
    if (col !== undefined) ratings.push(scores(col))
  }
  for (const barrier of BARRIERS) {
    const col = found[barrier]
    if (col !== undefined) yesno.push(yesNo(col))
  }
  const multi: Int8Array[][] = []
  const choices: Coded[] = []
  for (const q of questions) {
    if (q.type === 'rating') ratings.push(scores(q.columns[0]))
    else if (q.type === 'yesno') yesno.push(yesNo(q.columns[0]))
    else if (q.type === 'choice') choices.push(coded(q.columns[0], parseLabel) as Coded)
    else multi.push(checkAll(q.columns))
  }

  /** A check-all-that-apply question: a blank option is "no" where any option is answered. */
  function checkAll(columns: number[]): Int8Array[] {
    const options = columns.map((col) => small8(col, parseChecked, (v) => v, ISSUE))
    for (let i = 0; i < length; i++) {
      let answered = false
      for (const out of options) if (out[i] !== MISSING) answered = true
      for (const out of options) {
        if (out[i] === ISSUE) out[i] = MISSING
        else if (answered && out[i] === MISSING) out[i] = 0
      }
    }
    return options
  }

  let weight: Float64Array | null = null
  if (found.weight !== undefined) {
    const col = found.weight
    // Each distinct weight once, as an index into `weights`; a bad one is weight 0.
    const weights: number[] = [0]
    const index = new Map<number, number>()
    const encode = (w: number) => {
      const q = quantizeWeight(w)
      let code = index.get(q)
      if (code === undefined) {
        code = weights.push(q) - 1
        index.set(q, code)
      }
      return code
    }
    scan(col, parseWeight, encode, scratch, { onIssue: 0, answers: false })
    weight = new Float64Array(length)
    let kept = 0
    for (let i = 0; i < length; i++) {
      const code = scratch[i]
      if (code >= 0) {
        weight[i] = weights[code]
        continue
      }
      // Still blank: a respondent whose weight is blank is a data issue, not a weight of 0.
      if (present[i] === 0) continue
      issueCount++
      if (kept++ < maxIssues) {
        issues.push([firstRow + i, col, '', 'blank weight: respondent left out of every measure'])
      }
    }
  }

  // The columns nothing read: their codes are still checked, a bad body is refused whole.
  for (let col = 0; col < header.length; col++) {
    const { dict } = sources.column(col)
    if (dict && !scanned.has(col)) checkCodes(dict.codes, dict.values.length, col)
  }

  issues.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  issues.length = Math.min(issues.length, maxIssues)
  return {
    header,
    mapping,
    questions,
    schema,
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
    ratings,
    yesno,
    multi,
    choices,
    weight,
    issues,
    issueCount,
  }
}

/**
 * Each question with the column(s) its header(s) name, matched regardless of case and runs of
 * spaces; each column read by one question.
 * @throws {SurveyError} `missing_column` for a header not in `header`; `bad_input` for a header
 * found twice, or a column declared by two questions
 */
export function declaredColumns(
  header: readonly string[],
  questions: Question[],
): DeclaredQuestion[] {
  const owner = new Map<number, string>()
  const normal = header.map(headerKey)
  return questions.map((q) => {
    const wanted = questionColumns(q)
    const columns = wanted.map((text) => {
      const key = headerKey(text)
      const matches = normal.flatMap((h, c) => (h === key ? [c] : []))
      if (matches.length === 0) {
        throw new SurveyError(
          'missing_column',
          `Column "${text}" of question "${q.key}" is not in the header. Headers found: ${header.map((h) => `"${h}"`).join(', ')}`,
          { question: q.key, column: text, headers: [...header] },
        )
      }
      if (matches.length > 1) {
        throw new SurveyError(
          'bad_input',
          `Columns ${columnName(matches[0])} and ${columnName(matches[1])} both have the header "${text}" of question "${q.key}": rename one`,
          { question: q.key, column: text },
        )
      }
      const [col] = matches
      const other = owner.get(col)
      if (other !== undefined) {
        throw new SurveyError(
          'bad_input',
          `Column ${columnName(col)} "${header[col]}" is declared by questions "${other}" and "${q.key}": a column plays one part`,
          { column: header[col] },
        )
      }
      owner.set(col, q.key)
      return col
    })
    return { ...q, columns }
  })
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
        if ('values' in column) return { cells: column.values }
        return { dict: { values: column.dict, codes: column.codes } }
      },
    }
  }
  const rows = survey.rows
  if (!Array.isArray(rows)) throw new SurveyError('bad_input', 'the body needs "rows" or "columns"')
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new SurveyError('bad_input', `row ${i + 2} is not an array`)
  })
  // Read in place (scan indexes the rows): no copy of a million rows.
  return { length: rows.length, column: () => ({}) }
}

function columnLength(column: EncodedColumn, c: number): number {
  if (column && Array.isArray((column as { values?: unknown }).values)) {
    return (column as { values: Cell[] }).values.length
  }
  if (column && 'dict' in column && Array.isArray(column.dict) && isCodes(column.codes)) {
    // Typed codes are whole numbers: their range is checked as `scan` reads them, in the same
    // pass (and after the scans, for the columns no role or question reads).
    if (Array.isArray(column.codes)) checkCodes(column.codes, column.dict.length, c)
    return column.codes.length
  }
  throw new SurveyError('bad_input', `column ${c + 1} must be {values} or {dict, codes}`)
}

/** Rows of codes read at a time: a block's Int32 copy stays in the cache (issue 17). */
const BLOCK = 16_384

/** One Int32Array of every block's codes, reused: no copy of a whole column is made. */
const SCRATCH = new Int32Array(BLOCK)

/**
 * Codes [start, end) as an Int32Array, so that the loop reading them sees one kind of array
 * whichever the body sent (Int8, Int16, Int32 or plain numbers): a view when they are Int32
 * already, else a copy into the shared scratch (valid until the next call).
 */
function int32Block(codes: ArrayLike<number>, start: number, end: number): Int32Array {
  if (codes instanceof Int32Array) return codes.subarray(start, end)
  const block = SCRATCH.subarray(0, end - start)
  if (codes instanceof Int8Array || codes instanceof Int16Array) {
    block.set(codes.subarray(start, end))
  } else {
    for (let i = start; i < end; i++) block[i - start] = codes[i]
  }
  return block
}

/**
 * A dictionary's decoding as one table indexed by an Int8 code's low byte (index 255 is the
 * blank code -1): bits 0–7 the value written (the decoded code, or `onIssue` for an issue),
 * bit 8 answering (else bit 11, silent), bit 9 not a valid code (below -1 or past the
 * dictionary), bit 10 an issue or a noted value. Null when a decoded code does not fit a byte.
 */
function int8Table(
  decoded: Int32Array,
  answering: Uint8Array,
  flagged: (k: number) => boolean,
  onIssue = MISSING,
): Int32Array | null {
  const table = new Int32Array(256).fill(INVALID | SILENT)
  table[255] = (MISSING & 255) | SILENT
  for (let k = 0; k < decoded.length && k < 128; k++) {
    const code = decoded[k] === ISSUE ? onIssue : decoded[k]
    if (code > 127 || code < -128) return null
    const flags = (answering[k] ? 1 << 8 : SILENT) | (flagged(k) ? FLAGGED : 0)
    table[k] = (code & 255) | flags
  }
  return table
}

const INVALID = 1 << 9
const FLAGGED = 1 << 10
/** The entry does not make its row a respondent (bit 8 clear). */
const SILENT = 1 << 11

/**
 * Int8 codes decoded through `int8Table` into `out`, each answering row marked in `present`
 * (unless null: every row is marked already), in one pass, the rows of flagged entries listed
 * in order in `flaggedRows`. Returns the table entries met, or-ed (whether any was invalid, or
 * silent), and how many rows were flagged.
 */
function decodeInt8(
  codes: Int8Array,
  table: Int32Array,
  out: Int8Array,
  present: Uint8Array | null,
  flaggedRows: Int32Array,
): { seen: number; flagged: number } {
  let seen = 0
  let flagged = 0
  // Two copies of the loop: one test per column, not per row.
  if (present) {
    for (let i = 0; i < codes.length; i++) {
      const entry = table[codes[i] & 255]
      out[i] = entry // an Int8 store keeps the low byte: the code, -1 included
      present[i] |= (entry >> 8) & 1
      seen |= entry
      // Issues are rare: a branch nearly never taken costs less than a second pass to find them.
      if ((entry & FLAGGED) !== 0) flaggedRows[flagged++] = i
    }
  } else {
    for (let i = 0; i < codes.length; i++) {
      const entry = table[codes[i] & 255]
      out[i] = entry
      seen |= entry
      if ((entry & FLAGGED) !== 0) flaggedRows[flagged++] = i
    }
  }
  return { seen, flagged }
}

/** Codes as JSON gives them (an array) or as the binary form does (a typed integer array). */
function isCodes(codes: unknown): codes is ArrayLike<number> {
  return (
    Array.isArray(codes) ||
    codes instanceof Int8Array ||
    codes instanceof Int16Array ||
    codes instanceof Int32Array
  )
}

/** Refuses codes with one that is not -1 or an index below `size`, naming the first. */
function checkCodes(codes: ArrayLike<unknown>, size: number, c: number) {
  const bad = badCode(codes, size)
  if (bad >= 0) throw badCodeError(c, codes[bad], bad)
}

const badCodeError = (c: number, code: unknown, position: number) =>
  new SurveyError(
    'bad_input',
    `column ${c + 1}: code ${String(code)} at position ${position} is not -1 or an index into its dict`,
  )

/** Position of the first code that is not -1 or an index below `size`; -1 when all are good. */
function badCode(codes: ArrayLike<unknown>, size: number): number {
  // Plain loops: this runs once per cell of the body, a callback per code costs several times more.
  if (Array.isArray(codes)) {
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number
      if (!(code >= -1 && code < size && (code | 0) === code)) return i
    }
    return -1
  }
  // Typed codes are whole numbers; read through one Int32 block, so the loop sees one kind of
  // array whichever width the body chose.
  const typed = codes as ArrayLike<number>
  for (let start = 0; start < typed.length; start += BLOCK) {
    const end = Math.min(typed.length, start + BLOCK)
    const block = int32Block(typed, start, end)
    for (let i = 0; i < block.length; i++) {
      const code = block[i]
      if (code < -1 || code >= size) return start + i
    }
  }
  return -1
}
