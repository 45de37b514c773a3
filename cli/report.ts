/** @module `sapa report`: read the survey, score it on the Worker, write what was asked for. */
import { type Cell, definedOnly, type Question, type ReportOptions } from '../engine/index'
import { CHUNK_ROWS } from '../protocol/index'
import { buildSheets, XLSX_LIMITS } from '../sheets/index'
import type { ReportCommand } from './args'
import { CliError, EXIT } from './errors'
import type { SheetsAccess } from './google-sheets'
import { startWorker } from './local-worker'
import { readMargins } from './margins'
import { checkOutputs, type Input, type Output, writeOutput, writingTo } from './output-files'
import { checkDriverKeys, readQuestionsFile, resolveQuestions } from './questions'
import {
  checkCredentialsFile,
  checkInputFile,
  type PreparedSurvey,
  prepareSurvey,
  readInputFile,
} from './read-input'
import type { SurveyFile } from './read-survey'
import { type SummaryContext, summaryText } from './summary'
import type { WorkerTarget } from './transport'
import { type ScoredSurvey, scoreSurvey } from './worker-client'
import { writeReportWorkbook } from './xlsx/write-report'

export interface ReportIO {
  stdout: { write(text: string): unknown }
  /** Progress (when on), debug lines and nothing else. */
  stderr: { write(text: string): unknown }
  /** Progress is shown on a terminal only. */
  stderrIsTTY: boolean
  env: NodeJS.ProcessEnv
  /** Google access for `--spreadsheet`; tests give a local API and a preset token. */
  sheets?: SheetsAccess
  /** Told how to stop the local Worker, so a signal handler can stop it too. */
  onWorker?: (stop: () => Promise<void>) => void
}

/** Runs one `sapa report`; failures are CliErrors carrying their exit code. */
export async function runReport(command: ReportCommand, io: ReportIO): Promise<void> {
  const progress = (step: string) => {
    if (io.stderrIsTTY && !command.quiet) io.stderr.write(`sapa · ${step}\n`)
  }
  const debug = (line: string) => {
    if (command.debug) io.stderr.write(`sapa [debug] ${line}\n`)
  }
  const given = command.worker ? remoteWorker(command.worker, io.env) : undefined
  const chunkRows = chunkRowsOf(io.env)
  const timed = (worker: WorkerTarget): WorkerTarget => ({
    url: worker.url,
    secret: worker.secret,
    timeoutMs: command.timeoutMs,
  })
  const { input, previous } = command

  if ('file' in input) {
    await checkInputFile(input.file)
    if (command.sheet !== undefined && input.file.toLowerCase().endsWith('.csv')) {
      throw new CliError(`--sheet ${command.sheet}: a .csv file has no sheets`, EXIT.usage)
    }
  } else if (input.credentials !== undefined) {
    await checkCredentialsFile(input.credentials)
  }
  if (previous) await checkInputFile(previous.file, '--previous')
  // Before anything slow: a report that cannot be written is not worth scoring.
  await checkOutputs(inputsOf(command), outputsOf(command))
  // The small files next: a bad declaration or margin fails before any Worker starts.
  const declared = await declarations(command)
  let stop: (() => Promise<void>) | undefined
  try {
    // The Worker starts while the survey is read: both take seconds.
    const startLocal = async () => {
      progress('starting Worker')
      const worker = await startWorker()
      stop = worker.stop
      io.onWorker?.(worker.stop)
      debug(`Worker under wrangler dev at ${worker.url}`)
      return worker
    }
    const starting = given ? Promise.resolve(given) : startLocal()
    const readPrevious = async (): Promise<PreparedSurvey | undefined> => {
      if (!previous) return undefined
      const read = await readInputFile(previous.file, undefined)
      return prepareSurvey(read.values, previous.mapping, previous.file, read)
    }
    const score = async (worker: WorkerTarget, prepared: Prepared, source: string) => {
      const rows = (survey: PreparedSurvey) => survey.survey.rows.length.toLocaleString('en-US')
      const before = prepared.previous ? ` and ${rows(prepared.previous)} of the previous wave` : ''
      progress(`scoring ${rows(prepared)} responses${before}`)
      const scored = await scoreSurvey(timed(worker), prepared.survey, declared.options, source, {
        previous: prepared.previous?.survey,
        json: command.jsonBody,
        chunkRows,
      })
      if (scored.chunks) debug(`sent in ${scored.chunks} chunks`)
      return scored
    }
    const context = (prepared: Prepared): SummaryContext => ({
      ...prepared,
      previous: prepared.previous && previous && { ...prepared.previous, source: previous.file },
      significance: declared.options.significance,
    })
    if ('file' in input) {
      progress(`reading ${input.file}`)
      const [worker, file] = await both(
        starting,
        Promise.all([
          readInputFile(input.file, command.sheet).then((read) => ({
            read,
            prepared: prepareSurvey(
              read.values,
              command.mapping,
              input.file,
              read,
              declared.questions(input.file),
            ),
          })),
          readPrevious(),
        ]),
      )
      const [{ read, prepared }, before] = file
      debug(`read ${read.values.rows.length} rows from sheet "${read.values.sheet}"`)
      const scored = await score(worker, { ...prepared, previous: before }, input.file)
      const outputs = await writeFiles(command, read, input.file, scored, progress)
      if (!command.quiet) {
        io.stdout.write(
          summaryText(scored.reply, outputs, context({ ...prepared, previous: before })),
        )
      }
    } else {
      // googleapis takes a second to load: only for this path.
      const { applyRequests, readSpreadsheet, sheetsApi, spreadsheetRequests } = await import(
        './google-sheets'
      )
      const api = sheetsApi(input.credentials, io.sheets)
      progress(`reading spreadsheet ${input.spreadsheet}`)
      const [worker, [read, before]] = await both(
        starting,
        Promise.all([readSpreadsheet(api, input.spreadsheet, command.sheet), readPrevious()]),
      )
      const source = `spreadsheet ${input.spreadsheet}, sheet "${read.values.sheet}"`
      const prepared = prepareSurvey(
        read.values,
        command.mapping,
        source,
        undefined,
        declared.questions(source),
      )
      const scored = await score(worker, { ...prepared, previous: before }, source)
      const outputs: string[] = []
      if (command.json) outputs.push(await writeJson(command.json, scored))
      progress('writing the report sheets')
      const sheets = buildSheets(scored.reply, { generatedAt: new Date().toISOString() })
      const requests = spreadsheetRequests(sheets, read.sheets, read.values.sheet)
      await applyRequests(api, input.spreadsheet, requests)
      outputs.push(
        `Updated https://docs.google.com/spreadsheets/d/${input.spreadsheet}: ${sheets.length} report sheets, in one batchUpdate of ${requests.length} requests`,
      )
      if (!command.quiet) {
        io.stdout.write(
          summaryText(scored.reply, outputs, context({ ...prepared, previous: before })),
        )
      }
    }
  } finally {
    await stop?.()
  }
}

/** The survey and, with --previous, the previous wave, ready to send. */
type Prepared = PreparedSurvey & { previous?: PreparedSurvey }

/**
 * What the flags and their files declare, read and checked: the options sent (scale from
 * --scale or the questions file, significance, drivers left out, raking margins) and how the
 * questions are read against the survey's header once it is found.
 * @throws {CliError} exit 2 for flags that disagree or name no item; exit 3 for a questions
 * or margins file that cannot be read or holds a bad line
 */
async function declarations(command: ReportCommand) {
  const file = command.questionsFile
  const [fromFile, margins] = await Promise.all([
    file === undefined ? undefined : readQuestionsFile(file),
    command.margins ? readMargins(command.margins.file) : undefined,
  ])
  const flagScale = command.options.scale
  if (flagScale && fromFile?.scale) {
    const same = flagScale.min === fromFile.scale.min && flagScale.max === fromFile.scale.max
    if (!same) {
      throw new CliError(
        `--scale ${flagScale.min}..${flagScale.max} and the scale of --questions ${file} (${fromFile.scale.min}..${fromFile.scale.max}) differ: give one`,
        EXIT.usage,
      )
    }
  }
  checkDriverKeys(command.excludeDrivers, [...(fromFile?.questions ?? []), ...command.questions])
  const options: ReportOptions = { ...command.options, scale: flagScale ?? fromFile?.scale }
  if (command.excludeDrivers.length > 0) options.drivers = { exclude: command.excludeDrivers }
  if (margins) {
    const { trim } = command.margins ?? {}
    options.weighting = { margins, ...(trim ? { trim } : {}) }
  }
  return {
    options: definedOnly(options),
    questions:
      (source: string) =>
      (header: readonly Cell[]): Question[] =>
        resolveQuestions(
          command.questions,
          fromFile && file !== undefined
            ? { path: file, questions: fromFile.questions }
            : undefined,
          header,
          source,
        ),
  }
}

/**
 * Rows of one request at most: `SAPA_CHUNK_ROWS` from the environment (tests force a fan-out
 * with it), or the protocol's CHUNK_ROWS.
 * @throws {CliError} exit 2 for a value that is not a positive whole number
 */
function chunkRowsOf(env: NodeJS.ProcessEnv): number {
  const value = env.SAPA_CHUNK_ROWS
  if (value === undefined || value === '') return CHUNK_ROWS
  const rows = Number(value)
  if (!(/^\d+$/.test(value) && Number.isSafeInteger(rows) && rows > 0)) {
    throw new CliError(`SAPA_CHUNK_ROWS=${value}: use a positive whole number of rows`, EXIT.usage)
  }
  return rows
}

/** `--worker URL` signs with the secret that Worker was deployed with. */
function remoteWorker(url: string, env: NodeJS.ProcessEnv): WorkerTarget {
  const secret = env.SAPA_HMAC_SECRET
  if (!secret) {
    throw new CliError(
      '--worker needs SAPA_HMAC_SECRET in the environment to sign its requests',
      EXIT.usage,
    )
  }
  return { url, secret }
}

function inputsOf(command: ReportCommand): Input[] {
  const inputs: Input[] = []
  if ('file' in command.input) inputs.push({ name: 'the input file', path: command.input.file })
  if (command.previous) {
    inputs.push({ name: 'the previous wave (--previous)', path: command.previous.file })
  }
  if (command.margins) inputs.push({ name: 'the margins (--margins)', path: command.margins.file })
  if (command.questionsFile !== undefined) {
    inputs.push({ name: 'the questions (--questions)', path: command.questionsFile })
  }
  return inputs
}

function outputsOf(command: ReportCommand): Output[] {
  const outputs: Output[] = []
  if (command.json !== undefined) outputs.push({ flag: '--json', path: command.json })
  if (command.out !== undefined) outputs.push({ flag: '--out', path: command.out })
  return outputs
}

async function writeFiles(
  command: ReportCommand,
  file: SurveyFile,
  inputPath: string,
  scored: ScoredSurvey,
  progress: (step: string) => void,
): Promise<string[]> {
  const outputs: string[] = []
  if (command.json) {
    progress(`writing ${command.json}`)
    outputs.push(await writeJson(command.json, scored))
  }
  if (command.out) {
    progress(`writing ${command.out}`)
    const inputSheets = file.workbook?.worksheets.length ?? 1
    const out = command.out
    const sheets = buildSheets(scored.reply, {
      generatedAt: new Date().toISOString(),
      limits: XLSX_LIMITS,
    })
    const { names, chartsNotCarried } = await writingTo({ flag: '--out', path: out }, () =>
      writeReportWorkbook(file, inputPath, sheets, out),
    )
    // exceljs writes no charts (docs/sheets.md): say how many the sheets in Google would have.
    const charts = chartsNotCarried
      ? ` (${chartsNotCarried} charts are not carried into .xlsx)`
      : ''
    outputs.push(
      `Wrote ${command.out}: ${inputSheets} input sheet${inputSheets === 1 ? '' : 's'} and ${names.length} report sheets${charts}`,
    )
  }
  return outputs
}

async function writeJson(path: string, scored: ScoredSurvey): Promise<string> {
  await writeOutput({ flag: '--json', path }, scored.bytes)
  return `Wrote ${path}: the Worker's response, ${scored.bytes.length.toLocaleString('en-US')} bytes`
}

/**
 * Both results, or the first failure once both have settled: a Worker that started
 * while the file failed to read is still handed over (and so stopped).
 */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b])
  if (first.status === 'rejected') throw first.reason
  if (second.status === 'rejected') throw second.reason
  return [first.value, second.value]
}
