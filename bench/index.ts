/**
 * @module `npm run bench`: Sapa's engine, DuckDB (in memory, and loading the CSV), the naive
 * baseline and the Worker under wrangler dev, side by side on the same surveys (DESIGN §8).
 * `npm run bench -- --json` prints one JSON object with every figure.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { readSurvey } from '../cli/index'
import { benchDuckdb, type DuckdbFigure, writeCsv } from './duckdb'
import {
  benchEngine,
  benchSurvey,
  binaryColumns,
  type EngineFigure,
  rowsOfSize,
  runsFor,
} from './engine'
import { measure, round, type Timing } from './measure'
import { naiveReport } from './naive'
import { benchWorker, printWorker } from './worker'

const SIZES = [9517, 100_000, 1_000_000]
const json = process.argv.includes('--json')
const log = (text: string) => process.stderr.write(`${text}\n`)

interface SizeFigures {
  rows: number
  /** From getValues-shaped rows (raw cells). */
  sapa: EngineFigure
  /** From the binary body's typed columns (dictionary codes), as the Worker reads them. */
  sapaColumns: EngineFigure
  duckdb: DuckdbFigure & { csvBytes: number }
  naive: Timing
  ratios: Record<string, number>
}

const started = performance.now()
const sample = await readSurvey('samples/survey-2017.xlsx')
const header = sample.header
const figures: SizeFigures[] = []
const dir = mkdtempSync(join(tmpdir(), 'sapa-bench-'))

/**
 * What needs a size's getValues rows: Sapa from rows, the naive version, the typed columns
 * and the CSV. The rows are let go on return, before the typed columns and DuckDB are timed:
 * the Worker holds only typed columns, and a heap of a million rows as JS arrays makes every
 * collection slow (the engine's report of a million rows varied 280–850 ms beside them).
 */
async function fromRows(size: number) {
  const rows = rowsOfSize(sample.rows, size)
  const typed = binaryColumns(header, rows)
  log(`${size.toLocaleString('en')} rows: Sapa's engine from rows…`)
  const sapa = await benchEngine(header, rows)
  log('  naive…')
  // The slow baselines at a million rows: 5 runs, no warm-up (their code is warm from 100,000).
  const slow = size >= 1_000_000 ? { runs: 5, warmup: 0 } : { runs: runsFor(size), warmup: 2 }
  const naive = await measure(() => naiveReport(header, rows), slow)
  const csv = join(dir, `survey-${size}.csv`)
  await writeCsv(header, rows, csv)
  return { typed, sapa, naive, csv, slow }
}

// The Worker first, while this process is small. Measured after the million-row sizes (this
// process at 1.8 GB), the sample's CPU per request read 11.0–13.5 ms in three runs; measured
// alone, 9.9 ms, at a slower moment of the machine (the unchanged `rows` form took 52.9 ms
// against 35.5). On 2 cores this process's collector runs beside workerd.
log('Worker under wrangler dev…')
const worker = await benchWorker()

try {
  for (const size of SIZES) {
    const { typed, sapa, naive, csv, slow } = await fromRows(size)
    log("  Sapa's engine from typed columns…")
    const sapaColumns = await benchSurvey(typed, size)
    log('  DuckDB…')
    const duck = await benchDuckdb(csv, slow)
    const csvBytes = statSync(csv).size
    rmSync(csv)
    const ratio = (a: number, b: number) => round(a / b, 3)
    figures.push({
      rows: size,
      sapa,
      sapaColumns,
      duckdb: { ...duck, csvBytes },
      naive,
      ratios: {
        sapaOverDuckdbInMemoryWall: ratio(sapa.wallMs, duck.inMemory.wallMs),
        sapaOverDuckdbInMemoryCpu: ratio(sapa.cpuMs, duck.inMemory.cpuMs),
        sapaColumnsOverDuckdbInMemoryWall: ratio(sapaColumns.wallMs, duck.inMemory.wallMs),
        sapaColumnsOverDuckdbInMemoryCpu: ratio(sapaColumns.cpuMs, duck.inMemory.cpuMs),
        sapaOverDuckdbWithCsvWall: ratio(sapa.wallMs, duck.withCsv.wallMs),
        sapaOverNaiveCpu: ratio(sapa.cpuMs, naive.cpuMs),
      },
    })
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
}
const benchSeconds = round((performance.now() - started) / 1000, 1)

if (json) {
  console.log(JSON.stringify({ machine, benchSeconds, sizes: figures, worker }))
} else {
  console.log(
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB, Node ${machine.node}`,
  )
  console.log('Median per run; CPU = user + system time of this process (all threads).')
  const ms = (t: { wallMs: number; cpuMs: number }) =>
    `${t.wallMs.toFixed(1).padStart(8)} ms wall ${t.cpuMs.toFixed(1).padStart(8)} ms CPU`
  for (const f of figures) {
    console.log(`\n${f.rows.toLocaleString('en')} rows`)
    console.log(`  Sapa engine, rows → all tables     ${ms(f.sapa)}`)
    console.log(`  Sapa engine, typed columns → all   ${ms(f.sapaColumns)}`)
    console.log(
      `  DuckDB, table in memory (SQL only) ${ms(f.duckdb.inMemory)}  (${f.duckdb.threads} threads)`,
    )
    console.log(
      `  DuckDB, loading the CSV + SQL      ${ms(f.duckdb.withCsv)}  (${(f.duckdb.csvBytes / 2 ** 20).toFixed(1)} MB CSV)`,
    )
    console.log(`  naive filter + simple-statistics   ${ms(f.naive)}`)
    const r = f.ratios
    console.log(
      `  sapa/duckdb in memory ${r.sapaOverDuckdbInMemoryWall} (wall), ${r.sapaOverDuckdbInMemoryCpu} (CPU); ` +
        `typed columns ${r.sapaColumnsOverDuckdbInMemoryWall} (wall), ${r.sapaColumnsOverDuckdbInMemoryCpu} (CPU); ` +
        `sapa/duckdb with CSV ${r.sapaOverDuckdbWithCsvWall} (wall); sapa/naive ${r.sapaOverNaiveCpu} (CPU)`,
    )
  }
  console.log('')
  printWorker(worker)
  console.log(`\nbench took ${benchSeconds} s`)
}
