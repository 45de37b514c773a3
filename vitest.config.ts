import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/functions/**'],
          // Generous: wrangler dev, the sample's generation and the add-on's 209,374-row run
          // take seconds alone and several times that on two cores shared with other work.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The Worker's routes run inside workerd, configured by wrangler.toml.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { SAPA_HMAC_SECRET: 'workers-test-secret' } },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/functions/**/*.test.ts'],
        },
      },
    ],
  },
})
