/**
 * @module The command line's one way to the Worker: sign (DESIGN §6), send, try again what is
 * safe to try again, give up when nothing moves for a while, and tell each failure apart.
 */
import http, { type ClientRequest, type IncomingMessage } from 'node:http'
import https from 'node:https'
import { type ErrorCode, isErrorBody } from '../protocol/index'
import { CliError, EXIT, oneLine } from './errors'
import { signedHeaders } from './sign-request'

export interface WorkerTarget {
  /** Base URL, without a trailing slash. */
  url: string
  /** SAPA_HMAC_SECRET of that Worker. */
  secret: string
  /** The longest wait for the next byte, in either direction. Default 30 s. */
  timeoutMs?: number
}

export const DEFAULT_TIMEOUT_MS = 30_000
/** Attempts in all for a request a proxy refused or a closed connection lost. */
export const ATTEMPTS = 3

/** Answers of a proxy in front of the Worker (wrangler dev's, Cloudflare's) that say "try again". */
const TRANSIENT_STATUS = new Set([502, 503, 504])
/** A kept-alive connection the server had closed, or a connection cut: the answer never came. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE'])
/** Bytes written at a time, so that an upload in progress counts as activity. */
const PIECE = 64 * 1024

/** A non-2xx answer of the Worker (after the attempts), with its JSON error body if it had one. */
export class WorkerReplyError extends Error {
  override name = 'WorkerReplyError'
  constructor(
    readonly status: number,
    /** The parsed body, or undefined when it was not JSON (a proxy's page, say). */
    readonly body: unknown,
    readonly text: string,
    readonly path: string,
  ) {
    const { message } = (body ?? {}) as { message?: unknown }
    super(
      `${path} answered ${status}: ${typeof message === 'string' ? message : text.slice(0, 200)}`,
    )
  }
}

/** A 2xx answer that is not what the route answers (not JSON, or not its shape). */
export class BrokenReplyError extends Error {
  override name = 'BrokenReplyError'
  constructor(
    readonly status: number,
    readonly text: string,
    readonly path: string,
    /** What was missing, e.g. "a report". */
    readonly expected: string,
  ) {
    super(`${path} answered ${status} without ${expected}`)
  }
}

/** No connection, or one lost before the whole answer came; `code` is the system's. */
export class WorkerUnreachableError extends Error {
  override name = 'WorkerUnreachableError'
  constructor(
    readonly code: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, options)
  }
}

/** Where a request stood when nothing moved for `timeoutMs`. */
export type Stage = 'connecting' | 'sending' | 'waiting' | 'receiving'

/** Nothing moved for the timeout: the message says what was awaited, and for how long. */
export class WorkerTimeoutError extends Error {
  override name = 'WorkerTimeoutError'
  constructor(
    readonly stage: Stage,
    readonly path: string,
    readonly timeoutMs: number,
    /** Bytes of the request sent (sending) or of the answer received (receiving). */
    readonly bytes: number,
    /** Bytes of the whole request. */
    readonly total: number,
  ) {
    const s = seconds(timeoutMs)
    const messages: Record<Stage, string> = {
      connecting: `no connection for POST ${path} within ${s}`,
      sending: `stopped taking POST ${path}: nothing sent for ${s} after ${size(bytes)} of ${size(total)}`,
      waiting: `did not answer POST ${path} within ${s} of receiving it (${size(total)})`,
      receiving: `stopped sending its answer to POST ${path}: nothing for ${s} after ${size(bytes)}`,
    }
    super(messages[stage])
  }
}

export interface Answer<T> {
  /** The answer's exact bytes, for `--json`. */
  bytes: Uint8Array
  reply: T
}

/**
 * POSTs `body` (JSON text, or the bytes of `contentType`) to `path`, HMAC-signed afresh for
 * each attempt, and checks the answer.
 * A 502/503/504 or a lost connection is tried again, up to 3 attempts in all, a little later
 * each time: every route is a pure function of its body, so sending it again is safe.
 *
 * @example
 * const { reply } = await postJson(target, '/v1/report', body, isReportReply, 'a report')
 * @throws {WorkerReplyError} a non-2xx answer
 * @throws {BrokenReplyError} a 2xx answer that `accepts` refuses
 * @throws {WorkerUnreachableError} no connection, or one lost
 * @throws {WorkerTimeoutError} nothing moved for `target.timeoutMs`
 */
export async function postJson<T>(
  target: WorkerTarget,
  path: string,
  body: string | Uint8Array,
  accepts: (value: unknown) => value is T,
  expected: string,
  contentType = 'application/json',
): Promise<Answer<T>> {
  const bytes =
    typeof body === 'string'
      ? Buffer.from(body)
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  for (let attempt = 1; ; attempt++) {
    let answer: { status: number; bytes: Buffer }
    try {
      answer = await send(
        target,
        path,
        bytes,
        signedHeaders(target.secret, bytes, undefined, contentType),
      )
    } catch (error) {
      const lost = error instanceof WorkerUnreachableError && CONNECTION_LOST.has(error.code)
      if (!lost || attempt >= ATTEMPTS) throw error
      await pause(attempt)
      continue
    }
    if (TRANSIENT_STATUS.has(answer.status) && attempt < ATTEMPTS) {
      await pause(attempt)
      continue
    }
    const text = answer.bytes.toString('utf8')
    const json = parseJson(text)
    if (answer.status < 200 || answer.status > 299) {
      throw new WorkerReplyError(answer.status, json, text, path)
    }
    if (!accepts(json)) throw new BrokenReplyError(answer.status, text, path, expected)
    return { bytes: new Uint8Array(answer.bytes), reply: json }
  }
}

/** One attempt: the status and the whole body, or the reason there is none. */
function send(
  target: WorkerTarget,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: Buffer }> {
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const url = new URL(`${target.url}${path}`)
  return new Promise((resolve, reject) => {
    let stage: Stage = 'connecting'
    let sent = 0
    let received = 0
    let settled = false
    let answered = false
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      reject(error)
    }
    const request: ClientRequest = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length) },
      // The socket's idle timeout: any byte read or written starts it again.
      timeout: timeoutMs,
    })
    request.on('timeout', () => {
      const bytes = stage === 'receiving' ? received : sent
      fail(new WorkerTimeoutError(stage, path, timeoutMs, bytes, body.length))
      request.destroy()
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      // The Worker may answer (a 413, say) and close before it has read the whole body.
      if (answered && CONNECTION_LOST.has(error.code ?? '')) return
      fail(unreachable(error))
    })
    request.on('socket', (socket) => {
      if (!socket.connecting) stage = 'sending'
      else
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
          stage = 'sending'
        })
    })
    request.on('response', (response: IncomingMessage) => {
      answered = true
      stage = 'receiving'
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        received += chunk.length
      })
      response.on('error', (error) => fail(unreachable(error)))
      response.on('aborted', () => fail(new WorkerUnreachableError('ECONNRESET')))
      response.on('end', () => {
        if (settled) return
        settled = true
        resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) })
      })
    })
    writeBody(request, body, (bytes) => {
      sent = bytes
    }).then(
      () => {
        if (stage === 'sending') stage = 'waiting'
      },
      () => {
        // The request's own 'error' event says why.
      },
    )
  })
}

/** Writes in pieces, waiting for each to drain, so a slow upload still counts as moving. */
async function writeBody(request: ClientRequest, body: Buffer, progress: (sent: number) => void) {
  for (let start = 0; start < body.length; start += PIECE) {
    if (request.destroyed) return
    const piece = body.subarray(start, start + PIECE)
    const drained = request.write(piece)
    if (!drained) {
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          request.off('drain', done)
          request.off('close', closed)
          resolve()
        }
        const closed = () => {
          request.off('drain', done)
          reject(new Error('closed'))
        }
        request.once('drain', done)
        request.once('close', closed)
      })
    }
    progress(start + piece.length)
  }
  await new Promise<void>((resolve) => request.end(resolve))
}

function unreachable(error: NodeJS.ErrnoException): WorkerUnreachableError {
  return new WorkerUnreachableError(error.code ?? oneLine(error.message), { cause: error })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 100 * attempt))

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`
}

/** Bytes as a person reads them: 512 bytes, 12.5 kB, 3.9 MB. */
export function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`
  if (bytes < 1_000_000) return `${Number((bytes / 1000).toFixed(1))} kB`
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`
}

/** Refusals of the survey itself: the user fixes the file, not the Worker. */
const SURVEY_ERRORS: ReadonlySet<ErrorCode> = new Set([
  'missing_column',
  'no_responses',
  'bad_request',
  'payload_too_large',
])

/**
 * A failure of `postJson` as the command line tells it: exit 3 when the Worker refuses the
 * survey (its message names the column and the headers found, and `source` the survey),
 * exit 4 for everything else on the Worker's side; anything else is passed on unchanged.
 */
export function workerFailure(error: unknown, target: WorkerTarget, source: string): unknown {
  const at = `Worker at ${target.url}`
  if (error instanceof WorkerReplyError) {
    const body = isErrorBody(error.body) ? error.body : undefined
    const said = body ? oneLine(body.message) : oneLine(error.text).slice(0, 200)
    if (body && SURVEY_ERRORS.has(body.error)) return new CliError(`${source}: ${said}`, EXIT.input)
    const hint =
      error.status === 401
        ? '; SAPA_HMAC_SECRET must be the secret the Worker was deployed with'
        : ''
    const code = body ? ` ${body.error}` : ''
    return new CliError(`${at} answered ${error.status}${code}: ${said}${hint}`, EXIT.worker)
  }
  if (error instanceof BrokenReplyError) {
    return new CliError(
      `${at} answered ${error.status} to ${error.path} without ${error.expected}: ${oneLine(error.text).slice(0, 200)}`,
      EXIT.worker,
    )
  }
  if (error instanceof WorkerTimeoutError) {
    return new CliError(`${at} ${error.message}; --timeout SECONDS waits longer`, EXIT.worker, {
      cause: error,
    })
  }
  if (error instanceof WorkerUnreachableError) {
    return new CliError(`Worker unreachable at ${target.url} (${error.code})`, EXIT.worker, {
      cause: error,
    })
  }
  return error
}
