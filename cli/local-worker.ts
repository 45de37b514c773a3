/** @module The Worker for one command: `wrangler dev` on loopback with a fresh HMAC secret. */
import { randomBytes } from 'node:crypto'
import { CliError, EXIT, oneLine, printable } from './errors'
import type { WorkerTarget } from './transport'
import { startLocalWorker } from './wrangler-dev'

export interface RunningWorker extends WorkerTarget {
  stop(): Promise<void>
}

/**
 * Starts the repository's Worker under `wrangler dev`, signing with a secret nobody else
 * knows. The caller stops it; if this process exits first, wrangler-dev's exit hook does, and
 * if it dies without one (killed, out of memory), wrangler-dev's guard process.
 * @throws {CliError} exit 4 naming wrangler's error, its whole output as the detail.
 */
export async function startWorker(): Promise<RunningWorker> {
  const secret = randomBytes(32).toString('hex')
  try {
    const worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
    return { url: worker.url, secret, stop: () => worker.stop() }
  } catch (error) {
    const text = printable(String((error as Error).message ?? error))
    throw new CliError(`wrangler dev failed to start: ${errorLine(text)}`, EXIT.worker, {
      cause: error,
      detail: text,
    })
  }
}

/** wrangler's last error line tells the cause; warnings come before it. */
function errorLine(text: string): string {
  const head = oneLine(text)
  if (head.includes('did not answer')) return head.replace(/:$/, '')
  const lines = text.split('\n').map((line) => line.trim())
  const errors = lines.filter((line) => /^(✘ )?\[?error\]?|^\w*Error:/i.test(line))
  return errors.at(-1) ?? head
}
