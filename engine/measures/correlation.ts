/** @module Pearson correlation of an aspect with the overall score, from their joint counts. */

/** Why a correlation could not be computed. */
export type NoCorrelation = { r: null; n: number; reason: string }
export type Correlation = { r: number; n: number } | NoCorrelation

/**
 * `joint[(x − 1) * 5 + (y − 1)]` = weighted respondents giving aspect x and overall y.
 * Equals simple-statistics' `sampleCorrelation` on the expanded pairs, computed in O(25).
 */
export function correlation(joint: ArrayLike<number>, offset = 0): Correlation {
  let n = 0
  let sx = 0
  let sy = 0
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let x = 1; x <= 5; x++) {
    for (let y = 1; y <= 5; y++) {
      const w = joint[offset + (x - 1) * 5 + (y - 1)]
      if (w === 0) continue
      n += w
      sx += w * x
      sy += w * y
      sxx += w * x * x
      syy += w * y * y
      sxy += w * x * y
    }
  }
  if (n === 0) return { r: null, n, reason: 'no respondents answered both' }
  const vx = n * sxx - sx * sx
  const vy = n * syy - sy * sy
  if (vx <= 0 || vy <= 0) {
    return { r: null, n, reason: 'constant: every respondent gave the same score' }
  }
  const r = (n * sxy - sx * sy) / Math.sqrt(vx * vy)
  return { r: Math.max(-1, Math.min(1, r)), n }
}
