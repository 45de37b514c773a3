/** @module `npm run bench` piece: the Worker under `wrangler dev` on the sample (DESIGN §8). */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCsv } from '../samples/generator/csv'
import { encodeColumns } from '../tools/encode-columns'
import { signedHeaders } from '../tools/sign-request'
import { buildWorkerBundle } from '../tools/worker-bundle'
import { startLocalWorker } from '../tools/wrangler-dev'

const RUNS = 25
const WARMUP = 5
const BUDGET_MS = 10
const json = process.argv.includes('--json')

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

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

const secret = randomBytes(32).toString('hex')
const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
const sample = { header, rows }
const bodies = {
  columns: JSON.stringify({
    header: sample.header,
    columns: encodeColumns(sample.header, sample.rows),
  }),
  rows: JSON.stringify({ header: sample.header, rows: sample.rows }),
}
const worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
const results: Record<string, number> = {}
try {
  // The empty round trip: same socket, routing and JSON answer, no survey.
  const empty = await roundTrip(() => fetch(`${worker.url}/v1/health`))
  results.emptyMs = empty
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
    results[`${form}ParsedOnlyMs`] = refused - empty
    results[`${form}BodyBytes`] = Buffer.byteLength(body)
    results[`${form}RoundTripMs`] = full
    results[`${form}NetMs`] = full - empty
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

if (json) {
  console.log(JSON.stringify({ worker: { runs: RUNS, budgetMs: BUDGET_MS, ...results } }))
} else {
  const ms = (value: number) => `${value.toFixed(2)} ms`
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
  console.log(`Worker under wrangler dev, ${sample.rows.length} rows, median of ${RUNS} warm runs`)
  console.log(`  empty round trip (GET /v1/health)       ${ms(results.emptyMs)}`)
  for (const form of Object.keys(bodies)) {
    const net = results[`${form}NetMs`]
    const verdict = net <= BUDGET_MS ? 'within' : 'OVER'
    console.log(
      `  POST /v1/report, ${form.padEnd(7)} ${kib(results[`${form}BodyBytes`]).padStart(10)}  ` +
        `${ms(results[`${form}RoundTripMs`])} − empty = ${ms(net)} (${verdict} the ${BUDGET_MS} ms budget; ` +
        `transfer, auth and parse alone ${ms(results[`${form}ParsedOnlyMs`])})`,
    )
  }
  console.log(`  bundle ${kib(results.bundleBytes)}, gzip ${kib(results.bundleGzipBytes)}`)
}
