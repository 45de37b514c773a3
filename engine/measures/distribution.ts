/**
 * @module Measures of one score distribution (DESIGN §4): `d[k]` = respondents (weighted)
 * giving the k-th point of the scale min..max, so on 1..5 `d[0]` counts the 1s.
 */
import type { Scale } from '../schema'

/** Weighted counts n_min..n_max. */
export type Distribution = ArrayLike<number>

/** The 1..K scale a distribution of K points has when no other is given. */
const scaleOf = (d: Distribution): Scale => ({ min: 1, max: d.length })

/** N = Σ n_s. */
export function base(d: Distribution): number {
  let n = 0
  for (let k = 0; k < d.length; k++) n += d[k]
  return n
}

/** Satisfaction: the share who gave the top point (the report's headline). Null when N = 0. */
export function satisfaction(d: Distribution): number | null {
  const n = base(d)
  return n === 0 ? null : d[d.length - 1] / n
}

/** Top-2-box: the share who gave one of the two top points (the report's methodology recommendation). */
export function topTwoBox(d: Distribution): number | null {
  const n = base(d)
  return n === 0 ? null : (d[d.length - 1] + d[d.length - 2]) / n
}

/** Mean score Σ s·n_s / N. */
export function meanScore(d: Distribution, scale: Scale = scaleOf(d)): number | null {
  const n = base(d)
  if (n === 0) return null
  let sum = 0
  for (let k = 0; k < d.length; k++) sum += (scale.min + k) * d[k]
  return sum / n
}

/** 10-point score = 10 × mean / max (= 2 × mean on 1..5, report table 111). */
export function score10(d: Distribution, scale: Scale = scaleOf(d)): number | null {
  const mean = meanScore(d, scale)
  return mean === null ? null : (10 * mean) / scale.max
}

/** Index 0–100 = 100 × (mean − min) / (max − min). */
export function index100(d: Distribution, scale: Scale = scaleOf(d)): number | null {
  const mean = meanScore(d, scale)
  return mean === null ? null : (100 * (mean - scale.min)) / (scale.max - scale.min)
}

/** Shares n_s / N for each point; null when N = 0. */
export function shares(d: Distribution): number[] | null {
  const n = base(d)
  return n === 0 ? null : Array.from(d, (x) => x / n)
}

/** Dissatisfied: the share who gave one of the two lowest points (social-concern index, table 104). */
export function dissatisfied(d: Distribution): number | null {
  const n = base(d)
  return n === 0 ? null : (d[0] + d[1]) / n
}

/** Kish's effective base (Σw)² / Σw²; equals N without weights. */
export function effectiveBase(sumW: number, sumW2: number): number | null {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : null
}
