/** @module Google Sheets' built-in function names (sheets-functions.txt, with its source). */
import { readFileSync } from 'node:fs'

export const FUNCTION_NAMES: ReadonlySet<string> = new Set(
  readFileSync(new URL('./sheets-functions.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
)
