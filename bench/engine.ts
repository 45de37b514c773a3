/** @module `npm run bench`: the engine from getValues-shaped rows to all tables (DESIGN §8 budgets). */

import { readSurvey } from '../cli/read-survey'
import { report } from '../functions/engine'
import { resample } from './synthetic'

const RUNS = 7
const json = process.argv.includes('--json')

/** Median CPU milliseconds of `runs` calls (user + system time of this process). */
function cpuMedian(run: () => unknown, runs = RUNS): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage()
    run()
    const used = process.cpuUsage(start)
    times.push((used.user + used.system) / 1000)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

const sample = await readSurvey('samples/survey-2017.xlsx')
const sizes: [name: string, rows: typeof sample.rows, budgetMs: number][] = [
  ['sample (9,517 rows)', sample.rows, 10],
  ['1,000,000 rows', resample(sample.rows, 1_000_000), 1000],
]
const results = []
for (const [name, rows, budget] of sizes) {
  const survey = { header: sample.header, rows }
  report(survey) // warm up the JIT
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const ms = cpuMedian(() => report(survey), rows.length > 100_000 ? 5 : RUNS * 3)
  const heapAfter = process.memoryUsage().heapUsed
  results.push({
    name,
    rows: rows.length,
    cpuMs: Number(ms.toFixed(2)),
    rowsPerSecond: Math.round(rows.length / (ms / 1000)),
    budgetMs: budget,
    ofBudget: Number((ms / budget).toFixed(3)),
    heapDeltaMB: Number(((heapAfter - heapBefore) / 2 ** 20).toFixed(1)),
  })
}
const peakRssMB = Number((process.resourceUsage().maxRSS / 1024).toFixed(0))
if (json) console.log(JSON.stringify({ engine: results, peakRssMB }, null, 2))
else {
  console.log('Engine: getValues-shaped rows → all tables (median CPU time)')
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(20)} ${String(r.cpuMs).padStart(9)} ms  ${r.rowsPerSecond.toLocaleString('en').padStart(11)} rows/s  budget ${r.budgetMs} ms → ${(r.ofBudget * 100).toFixed(0)}% of budget`,
    )
  }
  console.log(`  peak RSS of the bench process: ${peakRssMB} MB`)
}
