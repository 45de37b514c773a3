/**
 * @module The bundled samples as `getValues()` returns them (numbers, text, Dates): the 9,517-row
 * 2017 survey, the 2016 wave and the regional margins.
 */
import { readFileSync } from 'node:fs'
import { readSurvey } from '../../../cli/index'
import type { Cell } from '../../../engine/index'

let cached: Promise<Cell[][]> | undefined
let cached2016: Promise<Cell[][]> | undefined

/** Header row first, then the responses. */
export function sampleValues(): Promise<Cell[][]> {
  cached ??= readSurvey('samples/survey-2017.xlsx').then(({ header, rows }) => [header, ...rows])
  return cached
}

/** The 2016 wave (samples/survey-2016.xlsx): header row first, then the responses. */
export function wave2016Values(): Promise<Cell[][]> {
  cached2016 ??= readSurvey('samples/survey-2016.xlsx').then(({ header, rows }) => [
    header,
    ...rows,
  ])
  return cached2016
}

/**
 * The regional margins (samples/margins-regions-2017.csv) as a sheet holds them: the header,
 * then role, category and share, the share a number. A new array each call, free to change.
 */
export function marginValues(): Cell[][] {
  const [header, ...rows] = readFileSync('samples/margins-regions-2017.csv', 'utf8')
    .trim()
    .split('\n')
  return [
    header.split(','),
    ...rows
      .map((line) => line.split(','))
      .map(([role, category, share]) => [role, category, Number(share)]),
  ]
}
