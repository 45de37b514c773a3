/// <reference types="google-apps-script" />
/** @module The one call to the Worker: the survey as compact columns, its reply checked. */
import type { sheets_v4 } from 'googleapis'
import type { Cell, Report } from '../../../functions/engine/index'
import { encodeColumns } from '../../../tools/encode-columns'
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

/** POST /v1/report with the add-on user's Google ID token. */
export function requestReport(settings: Settings, values: Cell[][]): WorkerReply {
  const [header = [], ...rows] = values
  const body = JSON.stringify({
    header,
    columns: encodeColumns(header, rows),
    mapping: cleanMapping(settings.mapping),
    options: {
      locale: settings.locale,
      minBase: settings.minBase,
      order: settings.order,
      tables: [...settings.tables, 'issues'],
    },
  })
  const url = `${settings.workerUrl}/v1/report`
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse
  try {
    response = UrlFetchApp.fetch(url, {
      method: 'post',
      contentType: 'application/json',
      payload: body,
      headers: { Authorization: `Bearer ${ScriptApp.getIdentityToken()}` },
      muteHttpExceptions: true,
    })
  } catch (error) {
    throw new WorkerError(
      'The Sapa Worker did not answer',
      `${url}: ${messageOf(error)}. Check the Worker URL in Sapa › Settings and try again.`,
    )
  }
  const status = response.getResponseCode()
  const text = response.getContentText()
  if (status !== 200) throw refusal(status, text)
  let reply: unknown
  try {
    reply = JSON.parse(text)
  } catch {
    throw new WorkerError(
      'The Sapa Worker sent a broken answer',
      `The answer of ${url} is not valid JSON (${text.length} characters). Nothing was changed.`,
    )
  }
  if (!isReply(reply)) {
    throw new WorkerError(
      'The Sapa Worker sent a broken answer',
      `The answer of ${url} has no tables or sheet plan. Nothing was changed.`,
    )
  }
  return reply
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
