/** @module The survey file of `sapa report`, its failures told as one-line CliErrors. */
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import {
  type Cell,
  type Detection,
  detectColumns,
  HEADER_SCAN_ROWS,
  type HeaderLayout,
  locateHeader,
  type Mapping,
  normalize,
  type Question,
  questionColumns,
  SurveyError,
} from '../engine/index'
import { selectColumns } from '../protocol/index'
import { CliError, EXIT, oneLine } from './errors'
import { readSurveyFile, type SheetValues, type SurveyFile } from './read-survey'
import type { RowSurvey } from './worker-client'

const EXTENSIONS = ['.xlsx', '.csv']

/**
 * Checks that `path` is a readable file of a known type, before anything slow starts.
 * @param flag names the flag that gave it in messages (`--previous`); none for the survey
 * @throws {CliError} exit 3: not found, a directory, unreadable, or an unknown extension.
 */
export async function checkInputFile(path: string, flag?: string): Promise<void> {
  const named = flag ? `${flag} ${path}` : path
  const extension = extname(path).toLowerCase()
  try {
    const info = await stat(path)
    if (info.isDirectory())
      throw new CliError(`${named}: is a directory, not a survey file`, EXIT.input)
  } catch (error) {
    if (error instanceof CliError) throw error
    throw fileError(named, error)
  }
  if (!EXTENSIONS.includes(extension)) {
    throw new CliError(
      `${named}: unknown file type "${extension || '(none)'}"; use .xlsx or .csv`,
      EXIT.input,
    )
  }
}

/** @throws {CliError} exit 3 when the service-account key file of `--credentials` is not there. */
export async function checkCredentialsFile(path: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) return
  } catch (error) {
    throw fileError(`--credentials ${path}`, error)
  }
  throw new CliError(`--credentials ${path}: not a file`, EXIT.input)
}

/** @throws {CliError} exit 3 naming the file and what is wrong with it. */
export async function readInputFile(path: string, sheet: string | undefined): Promise<SurveyFile> {
  try {
    return await readSurveyFile(path, sheet)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw fileError(path, error)
    const message = oneLine((error as Error).message)
    // read-survey's own messages already start with the path.
    if (message.startsWith(path)) throw new CliError(message, EXIT.input, { cause: error })
    const kind = extname(path).toLowerCase() === '.csv' ? 'CSV file' : '.xlsx workbook'
    throw new CliError(`${path}: not a readable ${kind} (${message})`, EXIT.input, {
      cause: error,
    })
  }
}

function fileError(path: string, error: unknown): CliError {
  const { code, message } = error as NodeJS.ErrnoException
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory, not a survey file'
          : `cannot read (${oneLine(message)})`
  return new CliError(`${path}: ${reason}`, EXIT.input, { cause: error })
}

/** A survey ready to send: its header found, only the columns the report reads. */
export interface PreparedSurvey {
  survey: RowSurvey
  /** Roles for which detection passed over another header that fitted. */
  choices: Detection['choices']
  /** Lines for the summary: how the file was read, where its header was. */
  notes: string[]
  /** Headers of the sheet's columns left out of the request: no role or question reads them. */
  dropped: string[]
}

/**
 * The survey of a sheet's values as the Worker gets it: the header found where a person
 * would see it (title rows above it, or a second header row under it, are no respondents:
 * they go as blank rows, so data issues keep the sheet's row numbers), then only the columns
 * the report reads (each role's, and the declared questions'), with the mapping written out
 * and the questions beside it (`declare` reads them against the header found).
 * @throws {CliError} exit 3 when no header names the required columns, with how a CSV was read
 */
export function prepareSurvey(
  values: SheetValues,
  mapping: Mapping,
  source: string,
  file?: Pick<SurveyFile, 'csv' | 'notes'>,
  declare: (header: readonly Cell[]) => Question[] = () => [],
): PreparedSurvey {
  const reading = file?.csv ? csvReading(file.csv) : undefined
  let layout: HeaderLayout
  try {
    layout = locateHeader([values.header, ...values.rows.slice(0, HEADER_SCAN_ROWS)], mapping)
  } catch (error) {
    if (!(error instanceof SurveyError)) throw error
    const read = reading ? ` (read as ${reading})` : ''
    throw new CliError(`${source}: ${oneLine(error.message)}${read}`, EXIT.input, { cause: error })
  }
  const skipped = layout.last - 1
  const blank: Cell[] = []
  const rows =
    skipped === 0 ? values.rows : values.rows.map((row, i) => (i < skipped ? blank : row))
  const questions = declare(layout.header)
  const keep = questions.flatMap(questionColumns)
  // A column declared as a question plays no role (the Worker detects roles so too): the
  // roles are detected without those columns, and the mapping sent names none of them.
  const asked = new Set(keep.map(normalize))
  const reserved = new Set<number>()
  layout.header.forEach((cell, c) => {
    if (asked.has(normalize(String(cell ?? '')))) reserved.add(c)
  })
  const detection =
    reserved.size > 0 ? detectColumns(layout.header, mapping, reserved) : layout.detection
  const selected = selectColumns(
    { header: layout.header, rows, mapping: reserved.size > 0 ? detection.mapping : mapping },
    keep,
  ) as RowSurvey
  const survey: RowSurvey = { header: selected.header, rows: selected.rows }
  // The mapping names no question's column: selectColumns leaves them out.
  if (selected.mapping) survey.mapping = selected.mapping
  if (questions.length > 0) survey.questions = [...questions]
  const sent = new Set(survey.header.map((cell) => normalize(String(cell ?? ''))))
  const dropped = layout.header
    .map((cell) => String(cell ?? '').trim())
    .filter((text) => text !== '' && !sent.has(normalize(text)))
  const notes = [...(reading ? [`Read as ${reading}`] : []), ...(file?.notes ?? [])]
  if (layout.last > layout.first) {
    notes.push(`Header in two rows (${layout.first}–${layout.last}), read together`)
  }
  if (layout.first > 1) {
    const above = layout.first === 2 ? 'row 1' : `rows 1–${layout.first - 1}`
    notes.push(`Header on row ${layout.first}: ${above} above it read as titles, not respondents`)
  }
  return { survey, choices: detection.choices, notes, dropped }
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const

function csvReading(csv: NonNullable<SurveyFile['csv']>): string {
  const bom = csv.bom ? ' with BOM' : ''
  const sep = csv.sepLine ? ', as its sep= line says' : ''
  return `${csv.encoding}${bom}, ${DELIMITER_NAMES[csv.delimiter]}-delimited${sep}`
}
