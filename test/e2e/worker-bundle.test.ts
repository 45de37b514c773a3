import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWorkerBundle, type WorkerBundle } from '../../scripts/worker-bundle'

const outdir = mkdtempSync(join(tmpdir(), 'sapa-bundle-'))
let bundle: WorkerBundle

beforeAll(async () => {
  bundle = await buildWorkerBundle(outdir)
})

afterAll(() => rmSync(outdir, { recursive: true, force: true }))

describe('the production bundle (wrangler deploy --dry-run)', () => {
  it('holds the Worker, hono, jose and the engine', () => {
    const bundled = (part: string) => bundle.sources.some((source) => source.includes(part))
    expect(
      ['functions/index.ts', 'engine/report.ts', 'node_modules/hono/', 'node_modules/jose/'].every(
        bundled,
      ),
    ).toBe(true)
  })

  it('holds no googleapis code: the plan imports its types only', () => {
    const forbidden =
      /node_modules\/(googleapis|googleapis-common|google-auth-library|gaxios|gtoken)\//
    expect(bundle.sources.filter((source) => forbidden.test(source))).toEqual([])
    expect(bundle.code).not.toMatch(/googleapis\.com\/discovery|google-auth-library|gaxios/)
  })

  it('fits the Workers free plan (3 MB compressed)', () => {
    expect(bundle.gzipBytes).toBeLessThan(3 * 1024 * 1024)
  })
})
