/** @module The 9,517-row sample as `getValues()` returns it (numbers, text, Dates). */
import { readSurvey } from '../../../cli/index'
import type { Cell } from '../../../engine/index'

let cached: Promise<Cell[][]> | undefined

/** Header row first, then the responses. */
export function sampleValues(): Promise<Cell[][]> {
  cached ??= readSurvey('samples/survey-2017.xlsx').then(({ header, rows }) => [header, ...rows])
  return cached
}
