/** @module Seeded pseudo-random numbers: arithmetic only, so every platform draws the same values. */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number

/** FNV-1a over the UTF-16 code units: turns a label into a 32-bit seed. */
function hashSeed(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: small, fast and good enough for synthetic data. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * One independent stream per purpose, so that changing how one part of the sample is drawn
 * does not reshuffle every other part.
 */
export function stream(seed: string, purpose: string): Random {
  return mulberry32(hashSeed(`${seed}/${purpose}`))
}

/** Integer in [min, max]. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/**
 * Approximately standard normal: the Irwin–Hall sum of four uniforms, rescaled. Unlike
 * Box–Muller it needs no log or cos, whose last bit may differ between JavaScript engines.
 */
export function normalish(random: Random): number {
  return (random() + random() + random() + random() - 2) * Math.sqrt(3)
}

/** Fisher–Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = items[i]
    items[i] = items[j]
    items[j] = t
  }
  return items
}

/** Picks an index with probability proportional to its weight. */
export function pickWeighted(random: Random, weights: readonly number[]): number {
  let total = 0
  for (const w of weights) total += w
  let u = random() * total
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]
    if (u < 0) return i
  }
  return weights.length - 1
}
