/** @module `sapa report`: read the survey, score it on the Worker, write what was asked for. */
import { buildSheets, XLSX_LIMITS } from '../sheets/index'
import type { ReportCommand } from './args'
import { CliError, EXIT } from './errors'
import type { SheetsAccess } from './google-sheets'
import { startWorker } from './local-worker'
import { checkOutputs, type Output, writeOutput, writingTo } from './output-files'
import { checkCredentialsFile, checkInputFile, prepareSurvey, readInputFile } from './read-input'
import type { SurveyFile } from './read-survey'
import { summaryText } from './summary'
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
  const timed = (worker: WorkerTarget): WorkerTarget => ({
    url: worker.url,
    secret: worker.secret,
    timeoutMs: command.timeoutMs,
  })
  const { input } = command

  if ('file' in input) {
    await checkInputFile(input.file)
    if (command.sheet !== undefined && input.file.toLowerCase().endsWith('.csv')) {
      throw new CliError(`--sheet ${command.sheet}: a .csv file has no sheets`, EXIT.usage)
    }
  } else if (input.credentials !== undefined) {
    await checkCredentialsFile(input.credentials)
  }
  // Before anything slow: a report that cannot be written is not worth scoring.
  await checkOutputs('file' in input ? input.file : undefined, outputsOf(command))
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
    if ('file' in input) {
      progress(`reading ${input.file}`)
      const [worker, file] = await both(
        starting,
        readInputFile(input.file, command.sheet).then((read) => ({
          read,
          prepared: prepareSurvey(read.values, command.mapping, input.file, read),
        })),
      )
      const { read, prepared } = file
      debug(`read ${read.values.rows.length} rows from sheet "${read.values.sheet}"`)
      progress(`scoring ${read.values.rows.length.toLocaleString('en-US')} responses`)
      const scored = await scoreSurvey(timed(worker), prepared.survey, command.options, input.file)
      const outputs = await writeFiles(command, read, input.file, scored, progress)
      if (!command.quiet) io.stdout.write(summaryText(scored.reply, outputs, prepared))
    } else {
      // googleapis takes a second to load: only for this path.
      const { applyRequests, readSpreadsheet, sheetsApi, spreadsheetRequests } = await import(
        './google-sheets'
      )
      const api = sheetsApi(input.credentials, io.sheets)
      progress(`reading spreadsheet ${input.spreadsheet}`)
      const [worker, read] = await both(
        starting,
        readSpreadsheet(api, input.spreadsheet, command.sheet),
      )
      const source = `spreadsheet ${input.spreadsheet}, sheet "${read.values.sheet}"`
      const prepared = prepareSurvey(read.values, command.mapping, source)
      progress(`scoring ${read.values.rows.length.toLocaleString('en-US')} responses`)
      const scored = await scoreSurvey(timed(worker), prepared.survey, command.options, source)
      const outputs: string[] = []
      if (command.json) outputs.push(await writeJson(command.json, scored))
      progress('writing the report sheets')
      const sheets = buildSheets(scored.reply, { generatedAt: new Date().toISOString() })
      const requests = spreadsheetRequests(sheets, read.sheets, read.values.sheet)
      await applyRequests(api, input.spreadsheet, requests)
      outputs.push(
        `Updated https://docs.google.com/spreadsheets/d/${input.spreadsheet}: ${sheets.length} report sheets, in one batchUpdate of ${requests.length} requests`,
      )
      if (!command.quiet) io.stdout.write(summaryText(scored.reply, outputs, prepared))
    }
  } finally {
    await stop?.()
  }
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
