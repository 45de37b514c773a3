/**
 * @module `npm test`'s first step (and CI's): the system programs the tests drive, installed
 * when missing. Today Debian's Chromium, which the sidebar test runs with playwright-core.
 */
import { ensurePackages, type Need } from './apt'

/** The sidebar test launches this very path (test/addon/sidebar.test.ts). */
export const TEST_TOOLS: readonly Need[] = [
  { path: '/usr/bin/chromium', pkg: 'chromium', why: 'the sidebar test' },
]

const failure = ensurePackages(TEST_TOOLS, {
  log: (line) => process.stderr.write(`test-tools: ${line}\n`),
})
if (failure) process.exitCode = 1
