/** Helpers of the command-line tests: run `sapa` as a child, record what a Worker answered. */
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Report, Table, TableId } from '../../engine/index'
import { decodeBinaryBody } from '../../protocol/index'
import { WAITING_HEADERS } from '../../samples/generator/waiting'
import { table } from '../support/tables'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The 2017 sample's waiting-condition columns (table 16), declared as one check-all question. */
export const WAITING: readonly string[] = WAITING_HEADERS
const BIN = fileURLToPath(new URL('../../bin/sapa.mjs', import.meta.url))

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  env?: Record<string, string | undefined>
  /** Called with stderr as it grows; may signal the child. */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void
}

/** `node bin/sapa.mjs …args` from the repository root, as a user would run it. */
export function runSapa(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, SAPA_HMAC_SECRET: undefined }
  for (const [name, value] of Object.entries(options.env ?? {})) env[name] = value
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name]
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
    options.onStderr?.(stderr, child)
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/** The table `id` of a run's reply; a run that failed has no reply, and so no table. */
export function tableOf(reply: Report | undefined, id: TableId): Table {
  if (!reply) throw new Error(`no reply to read the ${id} table of`)
  return table(reply, id)
}

/** The local Worker's URL, from the line `--debug` prints once it is up. */
export function workerUrlIn(stderr: string): string | undefined {
  return /Worker under wrangler dev at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]
}

/** True when nothing answers at `url` any more. */
export async function gone(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2000) })
    return false
  } catch {
    return true
  }
}

export interface RecordingProxy {
  url: string
  /** The bytes of each answer passed back, in order. */
  answers: Buffer[]
  /** The bytes of each request body passed on, in order. */
  requests: Buffer[]
  /** Each request's path and content type, in order. */
  sent: { path: string; contentType: string; status?: number }[]
  /**
   * Changes each request body before it is passed on (a test of the signature): returns a
   * changed copy, as `requests` holds the bytes it is given.
   */
  tamper?: (body: Buffer) => Buffer
  close(): Promise<void>
}

/**
 * A loopback HTTP proxy in front of a real Worker that keeps every answer's bytes, so a
 * test can tell that `--json` wrote exactly what the Worker said.
 */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const answers: Buffer[] = []
  const requests: Buffer[] = []
  const sent: RecordingProxy['sent'] = []
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const record: RecordingProxy['sent'][number] = {
      path: request.url ?? '',
      contentType: request.headers['content-type'] ?? '',
    }
    sent.push(record)
    const received = Buffer.concat(chunks)
    requests.push(received)
    const body = proxy.tamper ? proxy.tamper(received) : received
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
        headers.set(name, value)
      }
    }
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers,
      body: chunks.length > 0 ? body : undefined,
    })
    const answer = Buffer.from(await upstream.arrayBuffer())
    answers.push(answer)
    record.status = upstream.status
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    })
    response.end(answer)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const proxy: RecordingProxy = {
    url: `http://127.0.0.1:${port}`,
    answers,
    requests,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return proxy
}

/** A request body as the Worker reads it: the binary form or JSON, by its first bytes. */
export function sentBody(bytes: Buffer): Record<string, unknown> {
  const parse = (json: Uint8Array) => JSON.parse(Buffer.from(json).toString('utf8'))
  const binary = bytes.subarray(0, 4).toString('latin1') === 'SAPA'
  return (binary ? decodeBinaryBody(bytes, parse) : parse(bytes)) as Record<string, unknown>
}
