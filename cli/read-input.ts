/** @module The survey file of `sapa report`, its failures told as one-line CliErrors. */
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import {
  type Cell,
  type Detection,
  HEADER_SCAN_ROWS,
  type HeaderLayout,
  locateHeader,
  type Mapping,
  SurveyError,
} from '../engine/index'
import { type ClientSurvey, selectColumns } from '../protocol/index'
import { CliError, EXIT, oneLine } from './errors'
import { readSurveyFile, type SheetValues, type SurveyFile } from './read-survey'

const EXTENSIONS = ['.xlsx', '.csv']

/**
 * Checks that `path` is a readable file of a known type, before anything slow starts.
 * @throws {CliError} exit 3: not found, a directory, unreadable, or an unknown extension.
 */
export async function checkInputFile(path: string): Promise<void> {
  const extension = extname(path).toLowerCase()
  try {
    const info = await stat(path)
    if (info.isDirectory())
      throw new CliError(`${path}: is a directory, not a survey file`, EXIT.input)
  } catch (error) {
    if (error instanceof CliError) throw error
    throw fileError(path, error)
  }
  if (!EXTENSIONS.includes(extension)) {
    throw new CliError(
      `${path}: unknown file type "${extension || '(none)'}"; use .xlsx or .csv`,
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
  survey: ClientSurvey & { rows: Cell[][] }
  /** Roles for which detection passed over another header that fitted. */
  choices: Detection['choices']
  /** Lines for the summary: how the file was read, where its header was. */
  notes: string[]
}

/**
 * The survey of a sheet's values as the Worker gets it: the header found where a person
 * would see it (title rows above it, or a second header row under it, are no respondents:
 * they go as blank rows, so data issues keep the sheet's row numbers), then only the columns
 * the report reads, with the mapping written out.
 * @throws {CliError} exit 3 when no header names the required columns, with how a CSV was read
 */
export function prepareSurvey(
  values: SheetValues,
  mapping: Mapping,
  source: string,
  file?: Pick<SurveyFile, 'csv' | 'notes'>,
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
  const survey = selectColumns({ header: layout.header, rows, mapping }) as PreparedSurvey['survey']
  const notes = [...(reading ? [`Read as ${reading}`] : []), ...(file?.notes ?? [])]
  if (layout.last > layout.first) {
    notes.push(`Header in two rows (${layout.first}–${layout.last}), read together`)
  }
  if (layout.first > 1) {
    const above = layout.first === 2 ? 'row 1' : `rows 1–${layout.first - 1}`
    notes.push(`Header on row ${layout.first}: ${above} above it read as titles, not respondents`)
  }
  return { survey, choices: layout.detection.choices, notes }
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const

function csvReading(csv: NonNullable<SurveyFile['csv']>): string {
  const bom = csv.bom ? ' with BOM' : ''
  const sep = csv.sepLine ? ', as its sep= line says' : ''
  return `${csv.encoding}${bom}, ${DELIMITER_NAMES[csv.delimiter]}-delimited${sep}`
}
