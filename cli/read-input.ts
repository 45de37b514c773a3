/** @module The survey file of `sapa report`, its failures told as one-line CliErrors. */
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { CliError, EXIT, oneLine } from './errors'
import { readSurveyFile, type SurveyFile } from './read-survey'

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
