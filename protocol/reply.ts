/**
 * @module The Worker's answers (DESIGN §6): the types the Worker answers with (`satisfies`)
 * and the clients read, and one check per answer that a client runs before trusting it.
 */
import type { sheets_v4 } from 'googleapis'
import type { PartialState, RakeSample, Report } from '../engine/index'

/**
 * `200` of `POST /v1/report`: the engine's report, and with `options.plan` the Sheets API
 * batchUpdate requests that write its sheets.
 */
export interface ReportReply extends Report {
  plan?: { requests: sheets_v4.Schema$Request[] }
}

/** `200` of `POST /v1/aggregate`: one chunk's mergeable state. */
export interface AggregateReply {
  engine: string
  state: PartialState
}

/** `200` of `POST /v1/rake-sample`: one chunk's raking sample. */
export interface RakeSampleReply {
  engine: string
  sample: RakeSample
}

/** `200` of `GET /v1/health`. */
export interface HealthReply {
  engine: string
}

/** The stable codes of the error body; the HTTP status says the same more coarsely. */
export const ERROR_CODES = [
  'bad_request',
  'malformed_json',
  'missing_column',
  'unauthorized',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'no_responses',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Every non-2xx answer of the Worker. */
export interface ErrorBody {
  error: ErrorCode
  message: string
  details?: unknown
}

/**
 * Whether a 200 body is a whole report: engine version, summary, tables, issues (and, when
 * there is one, a plan of requests). A client that gets anything less says the answer is
 * broken and writes nothing.
 *
 * @example
 * const reply: unknown = JSON.parse(text)
 * if (!isReportReply(reply)) throw new Error('the Worker sent no report')
 */
export function isReportReply(value: unknown): value is ReportReply {
  if (!isRecord(value) || typeof value.engine !== 'string') return false
  const { summary, tables, issues, plan } = value
  return (
    isRecord(summary) &&
    Array.isArray(tables) &&
    tables.every((table) => isRecord(table) && typeof table.id === 'string') &&
    Array.isArray(issues) &&
    (plan === undefined || (isRecord(plan) && Array.isArray(plan.requests)))
  )
}

/** Whether a 200 body of `/v1/aggregate` carries a state (the Worker checks it when merging). */
export function isAggregateReply(value: unknown): value is AggregateReply {
  return isRecord(value) && typeof value.engine === 'string' && isRecord(value.state)
}

/** Whether a 200 body of `/v1/rake-sample` carries a raking sample. */
export function isRakeSampleReply(value: unknown): value is RakeSampleReply {
  if (!isRecord(value) || typeof value.engine !== 'string' || !isRecord(value.sample)) return false
  const { roles, categories, cells } = value.sample
  return Array.isArray(roles) && Array.isArray(categories) && Array.isArray(cells)
}

/** Whether a body is the Worker's error JSON, rather than, say, a proxy's page. */
export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    isRecord(value) &&
    (ERROR_CODES as readonly unknown[]).includes(value.error) &&
    typeof value.message === 'string'
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
