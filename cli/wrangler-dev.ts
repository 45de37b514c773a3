/** @module Runs the Worker locally under `wrangler dev` (workerd) on a free loopback port. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { offlineEnv, ROOT, WRANGLER } from './wrangler'

export interface LocalWorker {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string
  stop(): Promise<void>
}

export interface LocalWorkerOptions {
  /** Vars passed with `--var NAME:value`, e.g. `{ SAPA_HMAC_SECRET: '…' }`. */
  vars?: Record<string, string>
  /** Give up when /v1/health has not answered by then. Default 30 s. */
  readyTimeoutMs?: number
}

/**
 * Starts `wrangler dev` with no login and no network needs, waits until `/v1/health`
 * answers, and stops it (with workerd) on `stop()` or when this process exits.
 *
 * @example
 * const worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
 * try { await fetch(`${worker.url}/v1/health`) } finally { await worker.stop() }
 */
export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const vars = Object.entries(options.vars ?? {}).flatMap(([name, value]) => [
    '--var',
    `${name}:${value}`,
  ])
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      ...vars,
    ],
    // Its own process group, so stopping it also stops the workerd it spawns.
    { cwd: ROOT, env: offlineEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const kill = () => killGroup(child)
  process.once('exit', kill)
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    process.off('exit', kill)
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    kill()
    await exited
  }
  try {
    await waitReady(url, child, options.readyTimeoutMs ?? 30_000, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stop }
}

async function waitReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`)
    }
    try {
      const response = await fetch(`${url}/v1/health`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(
    `wrangler dev did not answer ${url}/v1/health within ${timeoutMs} ms:\n${output()}`,
  )
}

function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    // Already gone.
  }
}

/** A port the OS had free a moment ago (wrangler binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
