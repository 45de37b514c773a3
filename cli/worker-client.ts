/** @module One signed `POST /v1/report` (DESIGN §6), the survey sent as compact columns. */
import type { sheets_v4 } from 'googleapis'
import type { Cell, Mapping, Report, ReportOptions } from '../engine/index'
import { encodeColumns, needsFanOut } from '../protocol/index'
import { CliError, EXIT, oneLine } from './errors'
import { fanOutReport, WorkerReplyError } from './fan-out'
import { signedHeaders } from './sign-request'

/** The Worker's 200 answer. */
export type ReportReply = Report & { plan: { requests: sheets_v4.Schema$Request[] } }

export interface WorkerTarget {
  /** Base URL, without a trailing slash. */
  url: string
  /** SAPA_HMAC_SECRET of that Worker. */
  secret: string
}

export interface ScoredSurvey {
  /** The answer's exact bytes, for `--json`. */
  bytes: Uint8Array
  reply: ReportReply
}

/** Refusals of the survey itself: the user fixes the file, not the Worker. */
const SURVEY_ERRORS = new Set([
  'missing_column',
  'no_responses',
  'bad_request',
  'payload_too_large',
])

/**
 * Scores `header` + `rows` on the Worker.
 * @param source names the survey in error messages (the file, or the spreadsheet).
 * @throws {CliError} exit 3 when the Worker refuses the survey (its message names the
 * column and the headers found), exit 4 when it is unreachable or fails otherwise.
 */
export async function scoreSurvey(
  worker: WorkerTarget,
  survey: { header: Cell[]; rows: Cell[][]; mapping?: Mapping },
  options: ReportOptions,
  source: string,
): Promise<ScoredSurvey> {
  if (needsFanOut(survey)) return scoreInChunks(worker, survey, options, source)
  const body = JSON.stringify({
    header: survey.header,
    columns: encodeColumns(survey.header, survey.rows),
    ...(survey.mapping ? { mapping: survey.mapping } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  })
  const endpoint = `${worker.url}/v1/report`
  let response: Response
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      body,
      headers: signedHeaders(worker.secret, body),
    })
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const reason = cause?.code ?? oneLine(cause?.message ?? (error as Error).message)
    throw new CliError(`Worker unreachable at ${worker.url} (${reason})`, EXIT.worker, {
      cause: error,
    })
  }
  const bytes = new Uint8Array(await response.arrayBuffer())
  const text = new TextDecoder().decode(bytes)
  const json = parseJson(text)
  if (!response.ok) throw refusal(response.status, json, text, source, worker.url)
  if (!isReply(json)) {
    throw new CliError(
      `Worker at ${worker.url} answered ${response.status} without a report: ${oneLine(text).slice(0, 200)}`,
      EXIT.worker,
    )
  }
  return { bytes, reply: json }
}

/** Too large for one request (DESIGN §6): chunks to /v1/aggregate, their states to /v1/report. */
async function scoreInChunks(
  worker: WorkerTarget,
  survey: { header: Cell[]; rows: Cell[][]; mapping?: Mapping },
  options: ReportOptions,
  source: string,
): Promise<ScoredSurvey> {
  try {
    const { bytes, reply } = await fanOutReport(worker, survey, options)
    return { bytes, reply: reply as ReportReply }
  } catch (error) {
    if (error instanceof WorkerReplyError) {
      throw refusal(error.status, error.body, error.text, source, worker.url)
    }
    throw new CliError(
      `Worker unreachable at ${worker.url} (${oneLine(String(error))})`,
      EXIT.worker,
      {
        cause: error,
      },
    )
  }
}

function refusal(status: number, json: unknown, text: string, source: string, url: string) {
  const { error, message } = (json ?? {}) as { error?: unknown; message?: unknown }
  const said = typeof message === 'string' ? oneLine(message) : oneLine(text).slice(0, 200)
  if (typeof error === 'string' && SURVEY_ERRORS.has(error)) {
    return new CliError(`${source}: ${said}`, EXIT.input)
  }
  const hint =
    status === 401 ? '; SAPA_HMAC_SECRET must be the secret the Worker was deployed with' : ''
  return new CliError(
    `Worker at ${url} answered ${status}${typeof error === 'string' ? ` ${error}` : ''}: ${said}${hint}`,
    EXIT.worker,
  )
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isReply(value: unknown): value is ReportReply {
  const reply = value as Partial<ReportReply> | undefined
  return (
    typeof reply === 'object' &&
    reply !== null &&
    Array.isArray(reply.tables) &&
    Array.isArray(reply.issues) &&
    Array.isArray(reply.plan?.requests)
  )
}
