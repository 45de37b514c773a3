/** @module The fan-out client in Node: chunks to `/v1/aggregate` in parallel, states to `/v1/report`. */
import type { PartialState, Report, ReportOptions } from '../engine/index'
import {
  aggregateBody,
  CHUNK_ROWS,
  type ClientSurvey,
  chunkPlan,
  statesBody,
} from '../protocol/index'
import { signedHeaders } from './sign-request'

export interface FanOutTarget {
  /** Base URL of the Worker, without a trailing slash. */
  url: string
  /** SAPA_HMAC_SECRET of that Worker. */
  secret: string
}

export interface FanOutOptions {
  chunkRows?: number
  /** Bytes of one chunk's body at most. Default protocol's CHUNK_BYTES. */
  chunkBytes?: number
  /** Chunks in flight at once. Default 4. */
  concurrency?: number
}

/** A non-2xx answer of the Worker, with its status and JSON error body. */
export class WorkerReplyError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly text: string,
    path: string,
  ) {
    const { message } = (body ?? {}) as { message?: unknown }
    super(
      `${path} answered ${status}: ${typeof message === 'string' ? message : text.slice(0, 200)}`,
    )
  }
}

/** The Worker's report answer. */
export type ReportReply = Report & { plan: { requests: unknown[] } }

/** The answer's exact bytes and its JSON. */
export interface FanOutResult {
  bytes: Uint8Array
  reply: ReportReply
  chunks: number
}

/**
 * Scores a survey of any size: each chunk (at most `chunkRows` rows and `chunkBytes` of JSON) posted to `/v1/aggregate`
 * (at most `concurrency` at a time), then every state posted to `/v1/report`. The report
 * is exactly the one a single pass over all rows gives.
 * @throws {WorkerReplyError} when the Worker refuses a chunk or the states
 * @throws {TypeError} when the Worker is unreachable (fetch's error)
 */
export async function fanOutReport(
  target: FanOutTarget,
  survey: ClientSurvey,
  options: ReportOptions = {},
  { chunkRows = CHUNK_ROWS, chunkBytes, concurrency = 4 }: FanOutOptions = {},
): Promise<FanOutResult> {
  const ranges = chunkPlan(survey, { maxRows: chunkRows, maxBytes: chunkBytes })
  const states = new Array<PartialState>(ranges.length)
  let next = 0
  const worker = async () => {
    while (next < ranges.length) {
      const i = next++
      // Built when sent, so only `concurrency` chunk bodies are alive at once.
      const body = JSON.stringify(aggregateBody(survey, ranges[i]))
      const { bytes } = await post(target, '/v1/aggregate', body)
      states[i] = (JSON.parse(new TextDecoder().decode(bytes)) as { state: PartialState }).state
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ranges.length) }, worker))
  const { bytes } = await post(target, '/v1/report', JSON.stringify(statesBody(states, options)))
  return {
    bytes,
    reply: JSON.parse(new TextDecoder().decode(bytes)) as ReportReply,
    chunks: ranges.length,
  }
}

async function post(
  target: FanOutTarget,
  path: string,
  body: string,
): Promise<{ bytes: Uint8Array }> {
  const response = await fetchRetrying(`${target.url}${path}`, {
    method: 'POST',
    body,
    headers: signedHeaders(target.secret, body),
  })
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (!response.ok) {
    const text = new TextDecoder().decode(bytes)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    throw new WorkerReplyError(response.status, json, text, path)
  }
  return { bytes }
}

/** Errors of a kept-alive connection the server had closed: the request never reached it. */
const STALE_CONNECTION = new Set(['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'])
/** Answers of a proxy in front of the Worker (wrangler dev's, Cloudflare's) that say "try again". */
const TRANSIENT_STATUS = new Set([502, 503, 504])
const ATTEMPTS = 3

/**
 * fetch, tried again (up to 3 times in all, a little later each time) when a pooled
 * connection turns out closed or a proxy answers 502/503/504. Both routes are pure functions
 * of the body, so sending it again is safe.
 */
async function fetchRetrying(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, init)
      if (attempt >= ATTEMPTS || !TRANSIENT_STATUS.has(response.status)) return response
      await response.arrayBuffer()
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code
      if (attempt >= ATTEMPTS || !STALE_CONNECTION.has(code ?? '')) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
  }
}
