/** @module Timing helpers of the benchmarks: medians of CPU and wall time. */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Timing {
  /** Median wall milliseconds. */
  wallMs: number
  /** Median CPU milliseconds of this process (user + system, every thread: GC, DuckDB's pool). */
  cpuMs: number
  runs: number
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits))

/**
 * Medians of `runs` calls after unmeasured ones: at least `warmup` calls, and calls until
 * `warmupMs` have passed. V8 optimises a function only after many calls, so a few warm-up
 * calls of a 10 ms job leave it measured half-optimised, not as a busy process runs it.
 */
export async function measure(
  run: () => unknown,
  {
    runs = 5,
    warmup = 1,
    warmupMs = 0,
  }: { runs?: number; warmup?: number; warmupMs?: number } = {},
): Promise<Timing> {
  const start = performance.now()
  for (let i = 0; i < warmup || performance.now() - start < warmupMs; i++) await run()
  const walls: number[] = []
  const cpus: number[] = []
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage()
    const start = performance.now()
    await run()
    walls.push(performance.now() - start)
    const used = process.cpuUsage(cpu)
    cpus.push((used.user + used.system) / 1000)
  }
  return { wallMs: round(median(walls)), cpuMs: round(median(cpus)), runs }
}

/**
 * Warm-up of every timed job, Sapa's and DuckDB's alike: two calls at least, and calls for 2 s
 * (about 200 reports of the sample; V8 had not optimised the tables' code after 20).
 */
export const WARM = { warmup: 2, warmupMs: 2000 }

/** True when the module is the script node was started with (tsx included). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(url)
}
