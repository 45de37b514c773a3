/**
 * @module Bench piece: the production bundle (`wrangler deploy --dry-run`) served by workerd
 * alone, without wrangler dev's proxy and middleware, so that workerd's CPU per request is the
 * Worker's own and HTTP's, as near as this machine gets to Cloudflare's count.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, killGroup, ROOT, waitReady } from '../cli/index'
import { buildWorkerBundle, type WorkerBundle } from '../scripts/worker-bundle'

export interface PlainWorkerd {
  url: string
  inspectorUrl: string
  /** workerd's process group (its own: it is started detached). */
  processGroup: number
  bundle: WorkerBundle
  stop(): Promise<void>
}

/** The workerd binary wrangler itself runs (its dependency, resolved as wrangler resolves it). */
function workerdBinary(): string {
  const fromWrangler = createRequire(join(ROOT, 'node_modules/wrangler/package.json'))
  return (fromWrangler('workerd') as { default: string }).default
}

/** wrangler.toml's `compatibility_date`, so both runs read the bundle alike. */
function compatibilityDate(): string {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
  const date = /^compatibility_date\s*=\s*"([\d-]+)"/m.exec(toml)?.[1]
  if (!date) throw new Error('wrangler.toml has no compatibility_date')
  return date
}

/**
 * Serves the production bundle with workerd on free loopback ports, `vars` as text bindings
 * (wrangler.toml's other vars are left to the Worker's defaults).
 */
export async function startPlainWorkerd(vars: Record<string, string>): Promise<PlainWorkerd> {
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const dir = mkdtempSync(join(tmpdir(), 'sapa-workerd-'))
  let child: ChildProcess | undefined
  try {
    const bundle = await buildWorkerBundle(dir)
    const bindings = Object.entries(vars)
      .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`)
      .join(', ')
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "index.js")],
  compatibilityDate = "${compatibilityDate()}",
  bindings = [${bindings}],
);
`,
    )
    const running = spawn(
      workerdBinary(),
      ['serve', 'config.capnp', `--inspector-addr=127.0.0.1:${inspectorPort}`],
      { cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    )
    child = running
    let output = ''
    running.stderr?.on('data', (chunk) => {
      output += chunk
    })
    const url = `http://127.0.0.1:${port}`
    await waitReady(url, running, 30_000, () => output, 'workerd')
    return {
      url,
      inspectorUrl: `http://127.0.0.1:${inspectorPort}`,
      processGroup: running.pid as number,
      bundle,
      async stop() {
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise((resolve) => running.once('exit', resolve))
          killGroup(running)
          await exited
        }
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    if (child) killGroup(child)
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
