/** @module The fan-out client in Node: chunks to `/v1/aggregate` in parallel, states to `/v1/report`. */
import type { PartialState, ReportOptions } from '../engine/index'
import {
  aggregateBody,
  CHUNK_ROWS,
  type ClientSurvey,
  chunkPlan,
  isAggregateReply,
  isReportReply,
  type ReportReply,
  statesBody,
} from '../protocol/index'
import { postJson, type WorkerTarget } from './transport'

export interface FanOutOptions {
  chunkRows?: number
  /** Bytes of one chunk's body at most. Default protocol's CHUNK_BYTES. */
  chunkBytes?: number
  /** Chunks in flight at once. Default 4. */
  concurrency?: number
}

/** The answer's exact bytes and its JSON. */
export interface FanOutResult {
  bytes: Uint8Array
  reply: ReportReply
  chunks: number
}

/**
 * Scores a survey of any size: each chunk (at most `chunkRows` rows and `chunkBytes` of JSON) posted to `/v1/aggregate`
 * (at most `concurrency` at a time), then every state posted to `/v1/report`. The report
 * is exactly the one a single pass over all rows gives. Each request goes through the
 * transport, which tries a 502/503/504 or a lost connection again (3 attempts in all).
 * @throws the transport's errors (`WorkerReplyError` when the Worker refuses a chunk or the
 * states, `WorkerUnreachableError`, `WorkerTimeoutError`, `BrokenReplyError`)
 */
export async function fanOutReport(
  target: WorkerTarget,
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
      const { reply } = await postJson(target, '/v1/aggregate', body, isAggregateReply, 'a state')
      states[i] = reply.state
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ranges.length) }, worker))
  const body = JSON.stringify(statesBody(states, options))
  const { bytes, reply } = await postJson(target, '/v1/report', body, isReportReply, 'a report')
  return { bytes, reply, chunks: ranges.length }
}
