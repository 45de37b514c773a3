/** @module Bench piece: the Worker under `wrangler dev` on the sample, rows and compact columns (DESIGN §8). */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { signedHeaders, startLocalWorker } from '../cli/index'
import {
  BINARY_CONTENT_TYPE,
  encodeBinaryBody,
  encodeColumns,
  selectColumns,
} from '../protocol/index'
import { parseCsv } from '../samples/generator/csv'
import { isMain, median, round } from './measure'
import { type WorkerCpu, workerCpu, workerdCpuMs } from './workerd-cpu'
import { startPlainWorkerd } from './workerd-plain'

const RUNS = 25
export const WORKER_BUDGET_MS = 10

/** Requests a fresh isolate gets before it counts as warm, and the least time they take. */
const WARM_REQUESTS = 100
const WARM_MS = 3000
/** The first requests of a fresh isolate, measured apart (a Worker that is seldom called). */
const COLD = 10
/** Requests whose workerd CPU is read from /proc (10 ms ticks: many requests, fine figures). */
const CPU_RUNS = 50
/**
 * Rounds of CPU_RUNS requests, the figure being the median round's: this machine's speed
 * moves in bursts of seconds, which one long count averages in and a median of rounds leaves
 * out (the rounds are in the JSON).
 */
const CPU_ROUNDS = 5

/** Median wall milliseconds of a round trip, responses read in full. */
async function roundTrip(call: () => Promise<Response>, status = 200): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    const response = await call()
    await response.arrayBuffer()
    if (response.status !== status) throw new Error(`HTTP ${response.status}, not ${status}`)
    times.push(performance.now() - start)
  }
  return median(times)
}

/** Calls until the isolate is warm: WARM_REQUESTS calls, and calls for WARM_MS. */
async function warm(call: () => Promise<Response>) {
  const start = performance.now()
  for (let i = 0; i < WARM_REQUESTS || performance.now() - start < WARM_MS; i++) {
    await (await call()).arrayBuffer()
  }
}

/** workerd's CPU milliseconds per call over `requests` calls, from /proc. */
async function processCpu(group: number, call: () => Promise<Response>, requests: number) {
  const before = workerdCpuMs(group)
  for (let i = 0; i < requests; i++) await (await call()).arrayBuffer()
  return (workerdCpuMs(group) - before) / requests
}

/** `processCpu` over CPU_ROUNDS rounds: the median round's figure, and every round's. */
async function processCpuRounds(group: number, call: () => Promise<Response>, requests: number) {
  const rounds: number[] = []
  for (let r = 0; r < CPU_ROUNDS; r++) rounds.push(await processCpu(group, call, requests))
  return { median: median(rounds), rounds }
}

interface Body {
  bytes: Uint8Array
  type: string
}

/**
 * The sample's bodies: as the clients send it (binary, the columns a report reads), and the
 * whole sheet in DESIGN §6's forms: binary, compact columns, rows.
 */
export function sampleBodies() {
  const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
  const columns = { header, columns: encodeColumns(header, rows) }
  // As the add-on and the command line send it: the columns a report reads, mapping written out.
  const sent = selectColumns(columns)
  const json = (value: unknown): Body => ({
    bytes: Buffer.from(JSON.stringify(value)),
    type: 'application/json',
  })
  return {
    rows: rows.length,
    bodies: {
      /** As the add-on and the command line send it: binary, only the columns a report reads. */
      sent: { bytes: encodeBinaryBody(sent), type: BINARY_CONTENT_TYPE },
      /** The whole sheet, binary. */
      binary: { bytes: encodeBinaryBody(columns), type: BINARY_CONTENT_TYPE },
      columns: json(columns),
      rows: json({ header, rows }),
    } satisfies Record<string, Body>,
    /** The columns with the Sheets API plan asked for, as an API client would. */
    withPlan: json({ ...columns, options: { plan: true } }),
    /** The binary body asking for the issues table alone: decoding and counting, hardly a table. */
    issuesOnly: {
      bytes: encodeBinaryBody({ ...sent, options: { tables: ['issues'] } }),
      type: BINARY_CONTENT_TYPE,
    },
  }
}

/** One target's figures: its empty round trip and, per body form, `POST /v1/report`'s. */
export interface TargetFigures {
  /** Median wall round trip of `GET /v1/health`. */
  emptyMs: number
  /** workerd's CPU per empty round trip, from /proc. */
  emptyProcessCpuMs: number
  /**
   * Per body form: request and answer bytes, wall round trip, and CPU per request, warm:
   * workerd's from /proc less an empty round trip's (`processCpuMs`, the kernel's count, which
   * the budget is checked against), and the isolate's sampled by its profile (`cpuMs`, by
   * phase: samples count wall time, so on a busy machine it runs high). `coldProcessCpuMs`:
   * workerd's over a fresh isolate's first requests (the first form only).
   */
  forms: Record<
    string,
    {
      bodyBytes: number
      answerBytes: number
      roundTripMs: number
      netMs: number
      processCpuMs: number
      /** Each round's figure (CPU_RUNS requests, less an empty one's); `processCpuMs` is their median. */
      processCpuRoundsMs: number[]
      coldProcessCpuMs?: number
      /**
       * The first form's CPU split by subtraction, on the kernel's count: the same body refused
       * for its signature (HTTP, reading the body, the HMAC), the issues table alone (then
       * decoding and counting), and the rest (the tables and the answer's JSON).
       */
      split?: { httpAndAuthMs: number; decodeAndCountMs: number; tablesAndAnswerMs: number }
      ofBudget: number
    } & WorkerCpu
  >
}

/**
 * The Worker under `wrangler dev` (its proxy and dev middleware in front, as the tests run
 * it), and the production bundle under workerd alone (`workerd`), on the sample.
 */
export interface WorkerFigures extends TargetFigures {
  rows: number
  runs: number
  budgetMs: number
  workerd: TargetFigures
  bundleBytes: number
  bundleGzipBytes: number
}

interface Target {
  url: string
  inspectorUrl: string
  processGroup: number
}

async function benchTarget(
  target: Target,
  secret: string,
  { bodies, withPlan, issuesOnly }: ReturnType<typeof sampleBodies>,
): Promise<TargetFigures> {
  const health = () => fetch(`${target.url}/v1/health`)
  await warm(health)
  const emptyMs = round(await roundTrip(health))
  const empty = (await processCpuRounds(target.processGroup, health, 2 * CPU_RUNS)).median
  const figures: TargetFigures = { emptyMs, emptyProcessCpuMs: round(empty), forms: {} }
  const all: [string, Body][] = [...Object.entries(bodies), ['columnsWithPlan', withPlan]]
  for (const [form, body] of all) {
    // Signed once: the timestamp stays inside the ±300 s window for the whole run.
    const headers = signedHeaders(secret, body.bytes, undefined, body.type)
    const call = () =>
      fetch(`${target.url}/v1/report`, { method: 'POST', body: body.bytes, headers })
    const answerBytes = (await (await call()).arrayBuffer()).byteLength
    // The isolate has served only empty requests before the first form.
    const cold = form === all[0][0] ? await processCpu(target.processGroup, call, COLD) : null
    await warm(call)
    const full = await roundTrip(call)
    const cpuRounds = await processCpuRounds(target.processGroup, call, CPU_RUNS)
    const processCpuMs = round(cpuRounds.median - empty)
    const cpu = await workerCpu(target.inspectorUrl, call, { requests: RUNS, warmup: 0 })
    const split = form === all[0][0] ? await splitCpu(target, secret, body, issuesOnly) : null
    figures.forms[form] = {
      bodyBytes: body.bytes.byteLength,
      answerBytes,
      roundTripMs: round(full),
      netMs: round(full - emptyMs),
      processCpuMs,
      processCpuRoundsMs: cpuRounds.rounds.map((ms) => round(ms - empty)),
      ...(cold === null ? {} : { coldProcessCpuMs: round(cold - empty) }),
      ofBudget: round(processCpuMs / WORKER_BUDGET_MS, 3),
      ...(split === null
        ? {}
        : {
            split: {
              httpAndAuthMs: round(split.refused - empty),
              decodeAndCountMs: round(split.issuesOnly - split.refused),
              tablesAndAnswerMs: round(processCpuMs + empty - split.issuesOnly),
            },
          }),
      ...cpu,
    }
  }
  return figures
}

/** workerd's CPU per request of `body` refused for its signature, and of the issues table alone. */
async function splitCpu(target: Target, secret: string, body: Body, issuesOnly: Body) {
  const post = (bytes: Uint8Array, headers: Record<string, string>, status: number) => {
    const call = async () => {
      const response = await fetch(`${target.url}/v1/report`, {
        method: 'POST',
        body: bytes,
        headers,
      })
      if (response.status !== status) throw new Error(`HTTP ${response.status}, not ${status}`)
      return response
    }
    return call
  }
  // Signed with another secret: the Worker reads the whole body to check its HMAC, then refuses.
  const refusedCall = post(
    body.bytes,
    signedHeaders(`${secret}x`, body.bytes, undefined, body.type),
    401,
  )
  const issuesCall = post(
    issuesOnly.bytes,
    signedHeaders(secret, issuesOnly.bytes, undefined, issuesOnly.type),
    200,
  )
  await warm(refusedCall)
  await warm(issuesCall)
  return {
    refused: (await processCpuRounds(target.processGroup, refusedCall, CPU_RUNS)).median,
    issuesOnly: (await processCpuRounds(target.processGroup, issuesCall, CPU_RUNS)).median,
  }
}

export async function benchWorker(): Promise<WorkerFigures> {
  const secret = randomBytes(32).toString('hex')
  const sample = sampleBodies()
  const dev = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
  let underDev: TargetFigures
  try {
    underDev = await benchTarget(dev, secret, sample)
  } finally {
    await dev.stop()
  }
  const plain = await startPlainWorkerd({ SAPA_HMAC_SECRET: secret })
  try {
    return {
      rows: sample.rows,
      runs: RUNS,
      budgetMs: WORKER_BUDGET_MS,
      ...underDev,
      workerd: await benchTarget(plain, secret, sample),
      bundleBytes: plain.bundle.bytes,
      bundleGzipBytes: plain.bundle.gzipBytes,
    }
  } finally {
    await plain.stop()
  }
}

export function printWorker(results: WorkerFigures) {
  const ms = (value: number) => `${value.toFixed(2)} ms`
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
  const targets: [string, TargetFigures][] = [
    ['wrangler dev', results],
    ['workerd alone, production bundle', results.workerd],
  ]
  for (const [name, target] of targets) {
    console.log(
      `Worker under ${name}, ${results.rows} rows, warm: wall round trip (median of ${RUNS}), workerd's CPU per request from /proc (the median of ${CPU_ROUNDS} rounds of ${CPU_RUNS} requests, less an empty one's), the isolate's profile by phase (${RUNS})`,
    )
    console.log(
      `  empty round trip (GET /v1/health)       ${ms(target.emptyMs)}, workerd CPU ${ms(target.emptyProcessCpuMs)}`,
    )
    for (const [form, f] of Object.entries(target.forms)) {
      const verdict = f.processCpuMs <= WORKER_BUDGET_MS ? 'within' : 'OVER'
      const phases = Object.entries(f.phases)
        .sort((a, b) => b[1] - a[1])
        .map(([p, v]) => `${p} ${v.toFixed(2)}`)
        .join(', ')
      const split = f.split
        ? ` (by subtraction: HTTP and HMAC ${ms(f.split.httpAndAuthMs)}, decoding and counting ${ms(f.split.decodeAndCountMs)}, tables and answer ${ms(f.split.tablesAndAnswerMs)})`
        : ''
      const cold =
        f.coldProcessCpuMs === undefined
          ? ''
          : ` (a fresh isolate's first ${COLD}: ${ms(f.coldProcessCpuMs)})`
      console.log(
        `  ${form.padEnd(15)} body ${kib(f.bodyBytes).padStart(10)}, answer ${kib(f.answerBytes).padStart(10)}: ` +
          `wall ${ms(f.netMs)} net, CPU ${ms(f.processCpuMs)} (rounds ${ms(Math.min(...f.processCpuRoundsMs))}–${ms(Math.max(...f.processCpuRoundsMs))})${cold}${split}, ${Math.round(f.ofBudget * 100)}% of the ${WORKER_BUDGET_MS} ms budget, ${verdict}; ` +
          `profile ${ms(f.cpuMs)}: ${phases}`,
      )
    }
  }
  console.log(`  bundle ${kib(results.bundleBytes)}, gzip ${kib(results.bundleGzipBytes)}`)
}

if (isMain(import.meta.url)) {
  const results = await benchWorker()
  if (process.argv.includes('--json')) console.log(JSON.stringify({ worker: results }))
  else printWorker(results)
}
