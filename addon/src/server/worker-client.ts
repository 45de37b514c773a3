/// <reference types="google-apps-script" />
/** @module The calls to the Worker: the survey as compact columns (in chunks when large), replies checked. */
import type { sheets_v4 } from 'googleapis'
import type { Cell, Mapping, PartialState, Report } from '../../../engine/index'
import {
  aggregateBodies,
  encodeColumns,
  needsFanOut,
  statesBody,
  surveyLength,
} from '../../../protocol/index'
import { cleanMapping, type Settings } from '../shared/settings'

export type WorkerReply = Report & { plan: { requests: sheets_v4.Schema$Request[] } }

/** A failure the analyst can act on, shown as a dialog. */
export class WorkerError extends Error {
  override name = 'WorkerError'
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * POST /v1/report with the add-on user's Google ID token. A survey too large for one request
 * (DESIGN §6) goes first in chunks to /v1/aggregate, all at once with `fetchAll`, and then
 * their states to /v1/report.
 */
export function requestReport(settings: Settings, values: Cell[][]): WorkerReply {
  const [header = [], ...rows] = values
  const mapping = cleanMapping(settings.mapping)
  const options = {
    locale: settings.locale,
    minBase: settings.minBase,
    order: settings.order,
    tables: [...settings.tables, 'issues' as const],
  }
  const token = ScriptApp.getIdentityToken()
  const body = needsFanOut({ header, rows })
    ? statesBody(aggregateChunks(settings.workerUrl, token, { header, rows, mapping }), options)
    : { header, columns: encodeColumns(header, rows), mapping, options }
  const url = `${settings.workerUrl}/v1/report`
  const [reply] = send([call(url, token, body)])
  if (!isReply(reply)) {
    throw new WorkerError(
      'The Sapa Worker sent a broken answer',
      `The answer of ${url} has no tables or sheet plan. Nothing was changed.`,
    )
  }
  return reply
}

/** Each chunk's partial state, in order. */
function aggregateChunks(
  workerUrl: string,
  token: string,
  survey: { header: Cell[]; rows: Cell[][]; mapping: Mapping },
): PartialState[] {
  const calls = aggregateBodies(survey).map((body) => {
    const last = body.options.firstRow + surveyLength(body) - 1
    return call(`${workerUrl}/v1/aggregate`, token, body, `rows ${body.options.firstRow}–${last}`)
  })
  return send(calls).map((reply, i) => {
    const state = (reply as { state?: unknown } | null)?.state
    if (typeof state !== 'object' || state === null) {
      throw new WorkerError(
        'The Sapa Worker sent a broken answer',
        `The answer of ${calls[i].name} has no state. Nothing was changed.`,
      )
    }
    return state as PartialState
  })
}

/** A request and how messages name it (the URL, with the rows for a chunk). */
interface Call {
  name: string
  request: GoogleAppsScript.URL_Fetch.URLFetchRequest
}

function call(url: string, token: string, body: unknown, rows?: string): Call {
  return {
    name: rows ? `${url} (${rows})` : url,
    request: {
      url,
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}` },
      muteHttpExceptions: true,
    },
  }
}

/**
 * The answers' JSON, in order. Several calls go in parallel with `fetchAll`. Any failure (no
 * answer, a refusal, broken JSON) is thrown as the analyst's dialog.
 */
function send(calls: Call[]): unknown[] {
  let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[]
  try {
    responses =
      calls.length === 1
        ? [UrlFetchApp.fetch(calls[0].request.url, calls[0].request)]
        : UrlFetchApp.fetchAll(calls.map((c) => c.request))
  } catch (error) {
    throw new WorkerError(
      'The Sapa Worker did not answer',
      `${calls[0]?.request.url}: ${messageOf(error)}. Check the Worker URL in Sapa › Settings and try again.`,
    )
  }
  return responses.map((response, i) => {
    const status = response.getResponseCode()
    const text = response.getContentText()
    if (status !== 200) throw refusal(status, text)
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new WorkerError(
        'The Sapa Worker sent a broken answer',
        `The answer of ${calls[i].name} is not valid JSON (${text.length} characters). Nothing was changed.`,
      )
    }
  })
}

/** GET /v1/health: the Worker's engine version. */
export function workerVersion(workerUrl: string): string {
  const response = UrlFetchApp.fetch(`${workerUrl}/v1/health`, { muteHttpExceptions: true })
  if (response.getResponseCode() !== 200) {
    throw new Error(`HTTP ${response.getResponseCode()}`)
  }
  const { engine } = JSON.parse(response.getContentText()) as { engine?: unknown }
  return String(engine)
}

const TITLES: Record<number, string> = {
  400: 'Sapa cannot read the responses',
  401: 'The Sapa Worker refused your account',
  413: 'The survey is too large for the Sapa Worker',
  422: 'No valid responses',
}

/** The Worker's own message (for example the missing column's name), with its status. */
function refusal(status: number, text: string): WorkerError {
  let message = `HTTP ${status}`
  try {
    const body = JSON.parse(text) as { message?: unknown; details?: { requestId?: unknown } }
    if (typeof body.message === 'string') message = body.message
    if (body.details?.requestId) message += ` (request ${String(body.details.requestId)})`
  } catch {
    // Not the Worker's JSON: a proxy's page, say. The status is all there is.
  }
  const hint =
    status === 401
      ? ' Ask the Worker’s administrator to allow your Google account (ALLOWED_EMAILS / ALLOWED_DOMAINS).'
      : ''
  const title = TITLES[status] ?? `The Sapa Worker failed (HTTP ${status})`
  return new WorkerError(title, `${message}${hint} Nothing was changed.`)
}

function isReply(value: unknown): value is WorkerReply {
  const reply = value as Partial<WorkerReply> | null
  return (
    typeof reply === 'object' &&
    reply !== null &&
    Array.isArray(reply.tables) &&
    typeof reply.plan === 'object' &&
    reply.plan !== null &&
    Array.isArray(reply.plan.requests)
  )
}

/** The message of anything thrown (Apps Script's exceptions are not always `Error`s). */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : String(error)
}
