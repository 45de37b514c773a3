/**
 * @module The fan-out client in Node: chunks to `/v1/aggregate` in parallel (after
 * `/v1/rake-sample` when raking), states to `/v1/report`.
 */
import { mergeRakeSamples, type PartialState, type ReportOptions } from '../engine/index'
import {
  type AggregateBody,
  aggregateBody,
  CHUNK_ROWS,
  type ChunkOptions,
  type ClientSurvey,
  chunkPlan,
  isAggregateReply,
  isRakeSampleReply,
  isReportReply,
  type ReportReply,
  statesBody,
} from '../protocol/index'
import { encodeBody } from './request-body'
import { postJson, type WorkerTarget } from './transport'

export interface FanOutOptions {
  chunkRows?: number
  /** Bytes of one chunk's body at most. Default protocol's CHUNK_BYTES. */
  chunkBytes?: number
  /** Chunks in flight at once. Default 4. */
  concurrency?: number
  /** The previous wave: its chunks are aggregated too, and its states sent as `previous`. */
  previous?: ClientSurvey
  /** Chunk bodies as JSON rather than the binary body. Default false. */
  json?: boolean
  /** The survey's `chunkPlan` under these limits, when the caller has it already. */
  plan?: [number, number][]
}

/** The answer's exact bytes and its JSON. */
export interface FanOutResult {
  bytes: Uint8Array
  reply: ReportReply
  /** Chunks of this wave's survey. */
  chunks: number
}

/**
 * Scores a survey of any size: each chunk (at most `chunkRows` rows and `chunkBytes` of JSON)
 * posted to `/v1/aggregate` (at most `concurrency` at a time), then every state posted to
 * `/v1/report`. The report is exactly the one a single pass over all rows gives. With
 * `options.weighting`, raking takes two rounds: each chunk's raking sample from
 * `/v1/rake-sample`, merged here, goes with every chunk to `/v1/aggregate`, so all chunks rake
 * to the whole survey's weights. A previous wave's chunks are aggregated (on the same scale,
 * unweighted) and their states sent beside. Each request goes through the transport, which
 * tries a 502/503/504 or a lost connection again (3 attempts in all).
 * @throws the transport's errors (`WorkerReplyError` when the Worker refuses a chunk or the
 * states, `WorkerUnreachableError`, `WorkerTimeoutError`, `BrokenReplyError`)
 */
export async function fanOutReport(
  target: WorkerTarget,
  survey: ClientSurvey,
  options: ReportOptions = {},
  {
    chunkRows = CHUNK_ROWS,
    chunkBytes,
    concurrency = 4,
    previous,
    json = false,
    plan,
  }: FanOutOptions = {},
): Promise<FanOutResult> {
  const limits = { maxRows: chunkRows, maxBytes: chunkBytes }
  const ranges = plan ?? chunkPlan(survey, limits)
  const { weighting, ...reportOptions } = options
  const { scale } = options
  // Each body is built when sent, so only `concurrency` of them are alive at once.
  const post = async <T>(
    path: string,
    body: AggregateBody,
    accepts: (value: unknown) => value is T,
    expected: string,
  ) => {
    const { bytes, contentType } = encodeBody(body, json)
    return (await postJson(target, path, bytes, accepts, expected, contentType)).reply
  }

  let sampled: ChunkOptions['weighting']
  if (weighting) {
    const { margins, trim } = weighting
    const samples = await inPool(
      ranges.map(
        (range) => () =>
          post(
            '/v1/rake-sample',
            aggregateBody(survey, range, { scale, weighting: { margins, trim } }),
            isRakeSampleReply,
            'a raking sample',
          ),
      ),
      concurrency,
    )
    sampled = { margins, trim, sample: samples.map((s) => s.sample).reduce(mergeRakeSamples) }
  }
  const aggregate = (source: ClientSurvey, range: [number, number], chunkOptions: ChunkOptions) =>
    post('/v1/aggregate', aggregateBody(source, range, chunkOptions), isAggregateReply, 'a state')
  const previousRanges = previous ? chunkPlan(previous, limits) : []
  const replies = await inPool(
    [
      ...ranges.map((range) => () => aggregate(survey, range, { scale, weighting: sampled })),
      ...previousRanges.map((range) => () => aggregate(previous as ClientSurvey, range, { scale })),
    ],
    concurrency,
  )
  const states: PartialState[] = replies.map((reply) => reply.state)
  const body = JSON.stringify(
    statesBody(
      states.slice(0, ranges.length),
      reportOptions,
      previous ? { states: states.slice(ranges.length) } : undefined,
    ),
  )
  const { bytes, reply } = await postJson(target, '/v1/report', body, isReportReply, 'a report')
  return { bytes, reply, chunks: ranges.length }
}

/** The results of `tasks` in their order, at most `concurrency` running at once. */
async function inPool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results = new Array<T>(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker))
  return results
}
