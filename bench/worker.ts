/** @module Bench piece: the Worker under `wrangler dev` on the sample, rows and compact columns (DESIGN §8). */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signedHeaders, startLocalWorker } from '../cli/index'
import { BINARY_CONTENT_TYPE, encodeBinaryBody, encodeColumns } from '../protocol/index'
import { parseCsv } from '../samples/generator/csv'
import { buildWorkerBundle } from '../scripts/worker-bundle'
import { isMain, median, round } from './measure'
import { type WorkerCpu, workerCpu } from './workerd-cpu'

const RUNS = 25
const WARMUP = 10
export const WORKER_BUDGET_MS = 10

/** Median wall milliseconds of a round trip, after warm-up, responses read in full. */
async function roundTrip(call: () => Promise<Response>, status = 200): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now()
    const response = await call()
    await response.arrayBuffer()
    if (response.status !== status) throw new Error(`HTTP ${response.status}, not ${status}`)
    if (i >= WARMUP) times.push(performance.now() - start)
  }
  return median(times)
}

interface Body {
  bytes: Uint8Array
  type: string
}

/** The sample's bodies: DESIGN §6's rows and compact columns, and the binary form. */
export function sampleBodies() {
  const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
  const columns = { header, columns: encodeColumns(header, rows) }
  const json = (value: unknown): Body => ({
    bytes: Buffer.from(JSON.stringify(value)),
    type: 'application/json',
  })
  return {
    rows: rows.length,
    bodies: {
      binary: { bytes: encodeBinaryBody(columns), type: BINARY_CONTENT_TYPE },
      columns: json(columns),
      rows: json({ header, rows }),
    } satisfies Record<string, Body>,
    /** The columns with the Sheets API plan asked for, as an API client would. */
    withPlan: json({ ...columns, options: { plan: true } }),
  }
}

/**
 * Round trips of `POST /v1/report` minus the empty round trip (`GET /v1/health`), per body
 * form; and the same bytes refused just after parsing (transfer, auth and parse only).
 */
export interface WorkerFigures {
  rows: number
  runs: number
  budgetMs: number
  emptyMs: number
  /** Per body form: request and answer bytes, wall round trip, the isolate's CPU by phase. */
  forms: Record<
    string,
    { bodyBytes: number; answerBytes: number; roundTripMs: number; netMs: number } & WorkerCpu & {
        ofBudget: number
      }
  >
  bundleBytes?: number
  bundleGzipBytes?: number
}

export async function benchWorker(): Promise<WorkerFigures> {
  const secret = randomBytes(32).toString('hex')
  const { rows, bodies, withPlan } = sampleBodies()
  const worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
  const results: WorkerFigures = {
    rows,
    runs: RUNS,
    budgetMs: WORKER_BUDGET_MS,
    emptyMs: 0,
    forms: {},
  }
  try {
    const empty = await roundTrip(() => fetch(`${worker.url}/v1/health`))
    results.emptyMs = round(empty)
    const all: [string, Body][] = [...Object.entries(bodies), ['columnsWithPlan', withPlan]]
    for (const [form, body] of all) {
      // Signed once: the timestamp stays inside the ±300 s window for the whole run.
      const headers = signedHeaders(secret, body.bytes, undefined, body.type)
      const call = () =>
        fetch(`${worker.url}/v1/report`, { method: 'POST', body: body.bytes, headers })
      const answerBytes = (await (await call()).arrayBuffer()).byteLength
      const full = await roundTrip(call)
      const cpu = await workerCpu(worker.inspectorUrl, call, { requests: RUNS })
      results.forms[form] = {
        bodyBytes: body.bytes.byteLength,
        answerBytes,
        roundTripMs: round(full),
        netMs: round(full - empty),
        ...cpu,
        ofBudget: round(cpu.cpuMs / WORKER_BUDGET_MS, 3),
      }
    }
  } finally {
    await worker.stop()
  }
  const outdir = mkdtempSync(join(tmpdir(), 'sapa-bench-bundle-'))
  try {
    const bundle = await buildWorkerBundle(outdir)
    results.bundleBytes = bundle.bytes
    results.bundleGzipBytes = bundle.gzipBytes
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
  return results
}

export function printWorker(results: WorkerFigures) {
  const ms = (value: number) => `${value.toFixed(2)} ms`
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
  console.log(
    `Worker under wrangler dev, ${results.rows} rows: wall round trip (median of ${RUNS}) and the isolate's CPU per request (profiled over ${RUNS})`,
  )
  console.log(`  empty round trip (GET /v1/health)       ${ms(results.emptyMs)}`)
  for (const [form, f] of Object.entries(results.forms)) {
    const verdict = f.cpuMs <= WORKER_BUDGET_MS ? 'within' : 'OVER'
    const phases = Object.entries(f.phases)
      .sort((a, b) => b[1] - a[1])
      .map(([p, v]) => `${p} ${v.toFixed(2)}`)
      .join(', ')
    console.log(
      `  ${form.padEnd(15)} body ${kib(f.bodyBytes).padStart(10)}, answer ${kib(f.answerBytes).padStart(10)}: ` +
        `wall ${ms(f.netMs)} net, CPU ${ms(f.cpuMs)} (${Math.round(f.ofBudget * 100)}% of the ${WORKER_BUDGET_MS} ms budget, ${verdict}): ${phases}`,
    )
  }
  if (results.bundleBytes !== undefined) {
    console.log(`  bundle ${kib(results.bundleBytes)}, gzip ${kib(results.bundleGzipBytes ?? 0)}`)
  }
}

if (isMain(import.meta.url)) {
  const results = await benchWorker()
  if (process.argv.includes('--json')) console.log(JSON.stringify({ worker: results }))
  else printWorker(results)
}
