/** @module The add-on built for a test file, in a directory of its own (files run in parallel). */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildAddon } from '../../../addon/build'

/** The deployed Worker's URL in the tests' builds; the stand-ins route it to `wrangler dev`. */
export const TEST_WORKER = 'https://sapa.test.example'

/** Builds Code.js, Sidebar.html and appsscript.json; returns their directory. */
export async function buildForTest(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'sapa-addon-'))
  await buildAddon({ outDir, workerUrls: [TEST_WORKER] })
  return outDir
}
