/** @module Pearson correlation of two scores, from their joint counts. */

/** Why a correlation could not be computed. */
export type NoCorrelation = { r: null; n: number; reason: string }
export type Correlation = { r: number; n: number } | NoCorrelation

/**
 * `joint[offset + x·K + y]` = weighted respondents giving point x of the first score and point
 * y of the second (K points each). Equals simple-statistics' `sampleCorrelation` on the expanded
 * pairs (Pearson's r is the same whatever the points' values, so they are taken as 0..K−1),
 * computed in O(K²).
 */
export function correlation(joint: ArrayLike<number>, offset = 0, points = 5): Correlation {
  let n = 0
  let sx = 0
  let sy = 0
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let x = 0; x < points; x++) {
    for (let y = 0; y < points; y++) {
      const w = joint[offset + x * points + y]
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
