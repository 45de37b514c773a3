/**
 * @module `npm run load` (not in CI): autocannon on loopback with the signed 9,517-row request,
 * 50 connections for 30 s, while faulty clients call alongside: a body cut off midway, a slow
 * sender, a 60 MB body (announced and chunked), and 100 concurrent unsigned requests. Every
 * loop is bounded in count and time.
 *
 * The target is `wrangler dev`, whose proxy (a Durable Object that pipes each body on to the
 * Worker) answers some requests with its own 503 "Your worker restarted mid-request" while
 * faulty clients run. Every answer of the Worker must be right; the proxy's 503s are counted
 * apart and printed, never folded into the pass.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { type LocalWorker, signedHeaders, startLocalWorker } from '../cli/index'
import { report } from '../engine'
import { parseCsv } from '../samples/generator/csv'
import { round } from './measure'
import { type RawReply, rawPost } from './raw-http'
import { sampleBodies } from './worker'

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
/** One in this many answers is parsed and its tables compared in full. */
const CHECK_EVERY = 25
const MB = 2 ** 20
const json = process.argv.includes('--json')
const FAULT_KEYS = ['cut', 'slow', 'big', 'chunked', 'unsigned'] as const
type FaultKey = (typeof FAULT_KEYS)[number]
/** LOAD_FAULTS: a comma list of FAULT_KEYS (default all), or 0 for the load alone. */
const FAULTS = new Set<string>(
  process.env.LOAD_FAULTS === '0'
    ? []
    : (process.env.LOAD_FAULTS?.split(',') ?? FAULT_KEYS).map((key) => key.trim()),
)
for (const key of FAULTS) {
  if (!(FAULT_KEYS as readonly string[]).includes(key)) {
    throw new Error(`LOAD_FAULTS: "${key}" is none of ${FAULT_KEYS.join(', ')} (or 0)`)
  }
}
const log = (text: string) => process.stderr.write(`${text}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const secret = randomBytes(32).toString('hex')
// The compact JSON columns: the load test's answers are compared as text.
const body = Buffer.from(sampleBodies().bodies.columns.bytes).toString('utf8')
const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
const expectedTables = JSON.stringify(report({ header, rows }).tables)

/** The wrangler dev proxy's own answer when piping a body to the Worker fails. */
const PROXY_503 = 'Your worker restarted mid-request'

/** What the answers of one load run looked like. */
class Answers {
  count = 0
  checked = 0
  wrong = 0
  undecodable = 0
  proxy503 = 0
  /** The answers that were not the right report, by their first characters. */
  refusals = new Map<string, number>()
  /** Set every CHECK_EVERY answers; the next comparable body is then compared in full. */
  private due = false

  /** Every answer must look like a report; a sample is compared table by table. */
  verify = (body: string | Buffer | undefined): boolean => {
    const text = String(body ?? '')
    if (this.count++ % CHECK_EVERY === 0) this.due = true
    if (text.startsWith(PROXY_503)) {
      this.proxy503++
      return false
    }
    if (!text.startsWith('{"engine"')) return this.refuse(text.slice(0, 120))
    if (!this.due) return true
    // autocannon decodes each TCP chunk apart, so a Cyrillic letter split between two chunks
    // turns into U+FFFD: such a body cannot be compared, the next one is.
    if (text.includes('\uFFFD')) {
      this.undecodable++
      return true
    }
    this.due = false
    this.checked++
    try {
      if (JSON.stringify((JSON.parse(text) as { tables: unknown }).tables) === expectedTables) {
        return true
      }
    } catch {
      // Not JSON: a wrong answer.
    }
    return this.refuse('a report with other tables')
  }

  private refuse(kind: string) {
    this.wrong++
    this.refusals.set(kind, (this.refusals.get(kind) ?? 0) + 1)
    return false
  }
}

interface Fault {
  name: string
  expected: string
  reply: RawReply
  ok: boolean
  ms: number
}

/** The faulty clients, one after another, each bounded in time; then the unsigned burst. */
async function faults(url: string): Promise<Fault[]> {
  const results: Fault[] = []
  const bytes = Buffer.from(body)
  const signed = { ...signedHeaders(secret, body), 'content-length': String(bytes.length) }
  const run = async (
    key: FaultKey,
    name: string,
    expected: string,
    pass: (reply: RawReply) => boolean,
    request: Parameters<typeof rawPost>[0],
  ) => {
    if (!FAULTS.has(key)) return
    const start = performance.now()
    const reply = await rawPost(request)
    results.push({ name, expected, reply, ok: pass(reply), ms: round(performance.now() - start) })
    log(`  fault "${name}": ${reply.status ?? 'closed'} after ${reply.sent} bytes sent`)
  }
  await sleep(3000) // let the load settle first

  // Half the bytes, then our side closed. wrangler dev's proxy answers for the Worker: the
  // piped body fails, so it replies 503 "restarted mid-request"; inside workerd the Worker
  // itself answers 400 (test/functions/faults.test.ts). Either way: no report, no crash.
  await run(
    'cut',
    'body cut off midway',
    'no report: 400 from the Worker, or wrangler dev proxy 503',
    (r) => r.status === 400 || (r.status === 503 && r.body.includes('mid-request')),
    {
      url: `${url}/v1/report`,
      headers: signed,
      timeoutMs: 10_000,
      send: async (write) => {
        write(bytes.subarray(0, bytes.length >> 1))
      },
    },
  )

  // The whole valid body in 40 pieces over ~8 s: answered in full once it is all there.
  await run(
    'slow',
    'slow client (whole body over ~8 s)',
    '200 with the right tables',
    (r) =>
      r.status === 200 &&
      JSON.stringify((JSON.parse(r.body) as { tables: unknown }).tables) === expectedTables,
    {
      url: `${url}/v1/report`,
      headers: signed,
      timeoutMs: 30_000,
      send: async (write, closed) => {
        const piece = Math.ceil(bytes.length / 40)
        for (let at = 0; at < bytes.length && !closed(); at += piece) {
          write(bytes.subarray(at, at + piece))
          await sleep(200)
        }
      },
    },
  )

  // 60 MB against the 50 MB limit: refused by Content-Length before reading, or by counting.
  // Signed for real, so the size is the only thing wrong with it.
  const sixty = 60 * MB
  const filler = Buffer.alloc(MB, 0x20)
  const sixtyHeaders = signedHeaders(secret, ' '.repeat(sixty))
  const big = (announce: boolean) => ({
    url: `${url}/v1/report`,
    headers: {
      ...sixtyHeaders,
      ...(announce ? { 'content-length': String(sixty) } : { 'transfer-encoding': 'chunked' }),
    },
    timeoutMs: 60_000,
    send: async (write: (chunk: Uint8Array | string) => boolean, closed: () => boolean) => {
      for (let i = 0; i < 60 && !closed(); i++) {
        const ok = announce
          ? write(filler)
          : [write(`${filler.length.toString(16)}\r\n`), write(filler), write('\r\n')].every(
              Boolean,
            )
        if (!ok) await sleep(5) // let the socket drain, bounded by the count
      }
      if (!announce && !closed()) write('0\r\n\r\n')
    },
  })
  const is413 = (r: RawReply) => r.status === 413 && r.body.includes('payload_too_large')
  await run('big', '60 MB body, Content-Length announced', '413 before reading', is413, big(true))
  await run(
    'chunked',
    '60 MB body, chunked (no length)',
    '413 once 50 MB are read',
    is413,
    big(false),
  )

  // 100 unsigned requests at once, each with the full sample body.
  if (!FAULTS.has('unsigned')) return results
  const start = performance.now()
  const burst = await Promise.all(
    Array.from({ length: 100 }, () =>
      rawPost({
        url: `${url}/v1/report`,
        headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
        timeoutMs: 20_000,
        send: async (write) => {
          write(bytes)
        },
      }),
    ),
  )
  const refused = burst.filter((r) => r.status === 401).length
  results.push({
    name: '100 concurrent unsigned requests',
    expected: '401 for every one',
    reply: { status: refused === 100 ? 401 : null, body: `${refused}/100 answered 401`, sent: 0 },
    ok: refused === 100,
    ms: round(performance.now() - start),
  })
  log(`  fault "100 unsigned": ${refused}/100 answered 401`)
  return results
}

/** The load and the faults against one target, then its figures and verdict. */
async function run(name: string, worker: LocalWorker) {
  const answers = new Answers()
  let result: autocannon.Result
  let faultResults: Fault[]
  try {
    log(
      `${name}: autocannon, ${CONNECTIONS} connections × ${SECONDS} s on ${worker.url}/v1/report …`,
    )
    const load = autocannon({
      url: `${worker.url}/v1/report`,
      method: 'POST',
      headers: signedHeaders(secret, body),
      body,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
      verifyBody: answers.verify,
    })
    ;[result, faultResults] = await Promise.all([load, FAULTS.size === 0 ? [] : faults(worker.url)])
  } finally {
    await worker.stop()
  }
  const figures = {
    target: name,
    connections: CONNECTIONS,
    seconds: SECONDS,
    bodyBytes: Buffer.byteLength(body),
    requests: result.requests.total,
    throughputPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    proxy503: answers.proxy503,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    bodiesComparedInFull: answers.checked,
    bodiesSplitByAutocannon: answers.undecodable,
    wrongBodies: answers.wrong,
    notReports: Object.fromEntries(answers.refusals),
    faults: faultResults.map(({ name, expected, reply, ok, ms }) => ({
      name,
      expected,
      status: reply.status,
      bytesSent: reply.sent,
      ok,
      ms,
    })),
  }
  // The Worker's own answers must all be right; only the proxy's 503s are set apart.
  const pass =
    figures.status5xx === figures.proxy503 &&
    figures.non2xx === figures.proxy503 &&
    figures.errors === 0 &&
    figures.wrongBodies === 0 &&
    figures.faults.every((f) => f.ok)
  return { ...figures, pass }
}

type Run = Awaited<ReturnType<typeof run>>

function print(f: Run) {
  console.log(
    `${f.target}: ${f.connections} connections × ${f.seconds} s, signed 9,517-row compact body (${(f.bodyBytes / 1024).toFixed(0)} KiB)`,
  )
  console.log(
    `  ${f.requests} requests, ${f.throughputPerSecond} req/s; latency p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms`,
  )
  console.log(
    `  2xx ${f.status2xx}, non-2xx ${f.non2xx}, 5xx ${f.status5xx} (of which wrangler dev proxy 503s ${f.proxy503}), errors ${f.errors}, timeouts ${f.timeouts}; ` +
      `${f.bodiesComparedInFull} bodies compared in full, ${f.wrongBodies} wrong`,
  )
  for (const [kind, count] of Object.entries(f.notReports)) {
    console.log(`  ${count} × not a report: ${kind}`)
  }
  for (const fault of f.faults) {
    console.log(
      `  ${fault.ok ? 'ok  ' : 'FAIL'} ${fault.name}: ${fault.status ?? 'closed'} (expected ${fault.expected}), ${fault.ms} ms`,
    )
  }
  console.log(f.pass ? 'PASS' : 'FAIL')
}

const result = await run(
  'wrangler dev',
  await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
)
if (json) console.log(JSON.stringify({ load: result, pass: result.pass }))
else print(result)
process.exitCode = result.pass ? 0 : 1
