/** @module Larger surveys for benchmarks: the sample's rows drawn again with a fixed seed. */
import type { Cell } from '../functions/engine'

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `size` rows resampled from `rows`, each a fresh array as `getValues()` would return. */
export function resample(rows: Cell[][], size: number, seed = 2017): Cell[][] {
  const next = random(seed)
  return Array.from({ length: size }, () => [...rows[Math.floor(next() * rows.length)]])
}
