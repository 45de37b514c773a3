/** @module Bench piece: the Worker under `wrangler dev` on the sample, rows and compact columns (DESIGN §8). */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signedHeaders, startLocalWorker } from '../cli/index'
import { encodeColumns } from '../protocol/index'
import { parseCsv } from '../samples/generator/csv'
import { buildWorkerBundle } from '../scripts/worker-bundle'
import { isMain, median, round } from './measure'

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

/** The sample's two bodies: DESIGN §6's rows, and its compact columns. */
export function sampleBodies() {
  const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
  return {
    rows: rows.length,
    bodies: {
      columns: JSON.stringify({ header, columns: encodeColumns(header, rows) }),
      rows: JSON.stringify({ header, rows }),
    },
  }
}

/**
 * Round trips of `POST /v1/report` minus the empty round trip (`GET /v1/health`), per body
 * form; and the same bytes refused just after parsing (transfer, auth and parse only).
 */
export async function benchWorker(): Promise<Record<string, number>> {
  const secret = randomBytes(32).toString('hex')
  const { rows, bodies } = sampleBodies()
  const worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
  const results: Record<string, number> = { rows, runs: RUNS, budgetMs: WORKER_BUDGET_MS }
  try {
    const empty = await roundTrip(() => fetch(`${worker.url}/v1/health`))
    results.emptyMs = round(empty)
    for (const [form, body] of Object.entries(bodies)) {
      // Signed once: the timestamp stays inside the ±300 s window for the whole run.
      const headers = signedHeaders(secret, body)
      const full = await roundTrip(() =>
        fetch(`${worker.url}/v1/report`, { method: 'POST', body, headers }),
      )
      // The same bytes refused right after parsing (a bad option): transfer, auth and parse only.
      const refusedBody = `${body.slice(0, -1)},"options":{"locale":"xx"}}`
      const refusedHeaders = signedHeaders(secret, refusedBody)
      const refused = await roundTrip(
        () =>
          fetch(`${worker.url}/v1/report`, {
            method: 'POST',
            body: refusedBody,
            headers: refusedHeaders,
          }),
        400,
      )
      results[`${form}BodyBytes`] = Buffer.byteLength(body)
      results[`${form}RoundTripMs`] = round(full)
      results[`${form}NetMs`] = round(full - empty)
      results[`${form}ParsedOnlyMs`] = round(refused - empty)
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

export function printWorker(results: Record<string, number>) {
  const ms = (value: number) => `${value.toFixed(2)} ms`
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
  console.log(`Worker under wrangler dev, ${results.rows} rows, median of ${RUNS} warm runs`)
  console.log(`  empty round trip (GET /v1/health)       ${ms(results.emptyMs)}`)
  for (const form of ['columns', 'rows']) {
    const net = results[`${form}NetMs`]
    const verdict = net <= WORKER_BUDGET_MS ? 'within' : 'OVER'
    console.log(
      `  POST /v1/report, ${form.padEnd(7)} ${kib(results[`${form}BodyBytes`]).padStart(10)}  ` +
        `${ms(results[`${form}RoundTripMs`])} − empty = ${ms(net)} (${verdict} the ${WORKER_BUDGET_MS} ms budget; ` +
        `transfer, auth and parse alone ${ms(results[`${form}ParsedOnlyMs`])})`,
    )
  }
  console.log(`  bundle ${kib(results.bundleBytes)}, gzip ${kib(results.bundleGzipBytes)}`)
}

if (isMain(import.meta.url)) {
  const results = await benchWorker()
  if (process.argv.includes('--json')) console.log(JSON.stringify({ worker: results }))
  else printWorker(results)
}
