/** @module Bench piece: the engine from getValues-shaped rows to all tables (DESIGN §8 budgets). */

import { readSurvey } from '../cli/index'
import { type Cell, report, type Survey } from '../engine'
import { decodeBinaryBody, encodeBinaryBody, encodeColumns } from '../protocol/index'
import { isMain, measure, round, WARM } from './measure'
import { resample } from './synthetic'

export interface EngineFigure {
  rows: number
  cpuMs: number
  wallMs: number
  runs: number
  rowsPerSecond: number
  budgetMs?: number
  ofBudget?: number
}

/** DESIGN §8: the sample's report within 10 ms, a million rows within 1 s. */
const BUDGETS: Record<number, number> = { 9517: 10, 1000000: 1000 }

/** Runs per size: more for short runs, so the median is steady on a busy machine. */
export const runsFor = (rows: number) => (rows < 50_000 ? 21 : rows < 500_000 ? 9 : 5)

/**
 * The survey as the Worker holds a binary body: each column's dictionary with its codes as a
 * typed array (made once, outside the timing, as DuckDB's in-memory figure starts from its
 * loaded table).
 */
export function binaryColumns(header: Cell[], rows: Cell[][]): Survey {
  const bytes = encodeBinaryBody({ header, columns: encodeColumns(header, rows) })
  return decodeBinaryBody(bytes, (json) => JSON.parse(Buffer.from(json).toString('utf8'))) as Survey
}

/** Median time of `report` over `rows` (all tables), after a warm-up pass. */
export async function benchEngine(header: Cell[], rows: Cell[][]): Promise<EngineFigure> {
  return benchSurvey({ header, rows }, rows.length)
}

/** Median time of `report` over a survey in any form. */
export async function benchSurvey(survey: Survey, rows: number): Promise<EngineFigure> {
  // Measured warm, as a busy Worker runs it (the first requests of a fresh isolate are apart).
  const timing = await measure(() => report(survey), { runs: runsFor(rows), ...WARM })
  const budgetMs = BUDGETS[rows]
  return {
    rows,
    ...timing,
    rowsPerSecond: Math.round(rows / (timing.cpuMs / 1000)),
    ...(budgetMs ? { budgetMs, ofBudget: round(timing.cpuMs / budgetMs, 3) } : {}),
  }
}

/** The sample's rows, or `size` rows resampled from them (fixed seed), getValues-shaped. */
export function rowsOfSize(sample: Cell[][], size: number): Cell[][] {
  return size === sample.length ? sample : resample(sample, size)
}

/** The sample and resampled surveys of the given sizes (fixed seed), getValues-shaped. */
export async function benchSurveys(sizes: number[]) {
  const sample = await readSurvey('samples/survey-2017.xlsx')
  return {
    header: sample.header,
    sizes: sizes.map((size) => ({ size, rows: rowsOfSize(sample.rows, size) })),
  }
}

if (isMain(import.meta.url)) {
  const { header, sizes } = await benchSurveys([9517, 1_000_000])
  const results = []
  for (const { rows } of sizes) results.push(await benchEngine(header, rows))
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024)
  if (process.argv.includes('--json')) console.log(JSON.stringify({ engine: results, peakRssMB }))
  else {
    console.log('Engine: getValues-shaped rows → all tables (median CPU time)')
    for (const r of results) {
      const budget = r.budgetMs
        ? `  ${Math.round((r.ofBudget ?? 0) * 100)}% of ${r.budgetMs} ms`
        : ''
      console.log(
        `  ${r.rows.toLocaleString('en').padStart(9)} rows ${String(r.cpuMs).padStart(9)} ms CPU ${r.rowsPerSecond.toLocaleString('en').padStart(11)} rows/s${budget}`,
      )
    }
    console.log(`  peak RSS of the bench process: ${peakRssMB} MB`)
  }
}
