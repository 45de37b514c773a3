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
  return sumAt(d, 0, d.length)
}

/** Σ of `points` counts from `at`. */
export function sumAt(v: ArrayLike<number>, at: number, points: number): number {
  let n = 0
  for (let k = 0; k < points; k++) n += v[at + k]
  return n
}

/** Share of the top `top` points (satisfaction: 1, top-2-box: 2); null when N = 0. */
export function topShareAt(
  v: ArrayLike<number>,
  at: number,
  points: number,
  top: number,
): number | null {
  const n = sumAt(v, at, points)
  if (n === 0) return null
  let yes = 0
  for (let k = points - top; k < points; k++) yes += v[at + k]
  return yes / n
}

/** Share of the two lowest points; null when N = 0. */
export function lowShareAt(v: ArrayLike<number>, at: number, points: number): number | null {
  const n = sumAt(v, at, points)
  return n === 0 ? null : (v[at] + v[at + 1]) / n
}

/** Mean score Σ s·n_s / N with s = min + k; null when N = 0. */
export function meanAt(
  v: ArrayLike<number>,
  at: number,
  points: number,
  min: number,
): number | null {
  const n = sumAt(v, at, points)
  if (n === 0) return null
  let sum = 0
  for (let k = 0; k < points; k++) sum += (min + k) * v[at + k]
  return sum / n
}

/** Satisfaction: the share who gave the top point (the report's headline). Null when N = 0. */
export function satisfaction(d: Distribution): number | null {
  return topShareAt(d, 0, d.length, 1)
}

/** Top-2-box: the share who gave one of the two top points (the report's methodology recommendation). */
export function topTwoBox(d: Distribution): number | null {
  return topShareAt(d, 0, d.length, 2)
}

/** Mean score Σ s·n_s / N. */
export function meanScore(d: Distribution, scale: Scale = scaleOf(d)): number | null {
  return meanAt(d, 0, d.length, scale.min)
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
  return lowShareAt(d, 0, d.length)
}

/** Kish's effective base (Σw)² / Σw²; equals N without weights. */
export function effectiveBase(sumW: number, sumW2: number): number | null {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : null
}
