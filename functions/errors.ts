/** @module JSON errors of the API (DESIGN §6): one shape, one handler, no stack traces. */
import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { SurveyError } from '../engine/index'
import type { ErrorBody, ErrorCode } from '../protocol/index'
import type { AppEnv } from './env'

/** A refusal the client can act on: status, stable code, human message, details. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message })
  }
}

const SURVEY_STATUS = { missing_column: 400, no_responses: 422, bad_input: 400 } as const
const SURVEY_CODE = {
  missing_column: 'missing_column',
  no_responses: 'no_responses',
  bad_input: 'bad_request',
} as const

const STATUS_CODE: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ApiError) {
    return c.json(body(error.code, error.message, error.details), error.status)
  }
  if (error instanceof SurveyError) {
    const status = SURVEY_STATUS[error.code]
    return c.json(body(SURVEY_CODE[error.code], error.message, error.details), status)
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(body(STATUS_CODE[error.status] ?? 'bad_request', error.message), error.status)
  }
  // Only the unexpected is logged; the client gets an id to quote, never the stack. The id is
  // the Worker's own, made here: a client's X-Request-Id is neither taken nor echoed, and the
  // requests that succeed (all but a few) make none.
  const requestId = c.get('requestId') ?? crypto.randomUUID()
  console.error(JSON.stringify({ requestId, error: String(error), stack: (error as Error)?.stack }))
  return c.json(body('internal', 'Internal error', { requestId }), 500, {
    'X-Request-Id': requestId,
  })
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(body('not_found', `No route ${c.req.method} ${c.req.path}`), 404)

function body(error: ErrorCode, message: string, details?: unknown) {
  return (
    details === undefined ? { error, message } : { error, message, details }
  ) satisfies ErrorBody
}
