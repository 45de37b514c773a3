/** @module Larger surveys for benchmarks: the sample's rows drawn again with a fixed seed. */
import type { Cell } from '../engine'
import { mulberry32 } from '../samples/generator/prng'

/** `size` rows resampled from `rows`, each a fresh array as `getValues()` would return. */
export function resample(rows: Cell[][], size: number, seed = 2017): Cell[][] {
  const next = mulberry32(seed)
  return Array.from({ length: size }, () => [...rows[Math.floor(next() * rows.length)]])
}
