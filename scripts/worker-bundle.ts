/** @module The production bundle of the Worker, built offline by `wrangler deploy --dry-run`. */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { offlineEnv, ROOT, WRANGLER } from '../cli/index'

export interface WorkerBundle {
  code: string
  bytes: number
  gzipBytes: number
  /** Every source file bundled, from the source map (paths as wrangler wrote them). */
  sources: string[]
}

/**
 * Bundles the Worker into `outdir` exactly as `wrangler deploy` would, without an account
 * or network: `wrangler deploy --dry-run --outdir <outdir>`.
 */
export async function buildWorkerBundle(outdir: string): Promise<WorkerBundle> {
  await promisify(execFile)(
    process.execPath,
    [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir],
    { cwd: ROOT, env: offlineEnv() },
  )
  const code = await readFile(join(outdir, 'index.js'), 'utf8')
  const map = JSON.parse(await readFile(join(outdir, 'index.js.map'), 'utf8'))
  return {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code).byteLength,
    sources: map.sources,
  }
}
