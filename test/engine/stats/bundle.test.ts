import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import * as stats from '../../../engine/stats'

// What the add-on's build does (addon/build.ts: iife, es2019, platform 'neutral',
// mainFields module/main), then the bundle run in a realm with no Node globals: no process,
// require, Buffer, fetch, timers, TextEncoder, URL or crypto, as in Apps Script's V8.
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../../engine/stats/index.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'SapaStats',
    target: 'es2019',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

const calls = (s: typeof stats) => [
  s.normalQuantile(0.975),
  s.studentTQuantile(0.975, 10),
  s.studentTQuantile(0.2501, 0.05),
  s.studentTCdf(-3.3, 4.5),
  s.welchTTest(
    { mean: 3.625, variance: 0.28348214285714285, m: 8 },
    { mean: 32 / 11, variance: 0.11735537190082644, m: 11 },
  ),
  s.relativeWeights(
    [
      [1, 0.5],
      [0.5, 1],
    ],
    [0.55, 0.6],
  ),
  s.wilsonInterval(0.65, 100),
  s.adjustPValues([0.01, null, 0.04]),
]

describe('engine/stats bundle', () => {
  it("bundles the add-on's way and gives Node's numbers in a realm without Node globals", async () => {
    const code = await bundle()
    const realm = vm.createContext({ console })
    vm.runInContext(code, realm)
    const bundled = vm.runInContext('SapaStats', realm) as typeof stats
    expect(JSON.parse(JSON.stringify(calls(bundled)))).toEqual(
      JSON.parse(JSON.stringify(calls(stats))),
    )
  })

  it('stays under 200 KB minified (159 KB today; a guard against a dependency pulling a tree)', async () => {
    expect((await bundle()).length).toBeLessThan(200_000)
  })
})
