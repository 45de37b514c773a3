/** @module Measures of one 1..5 score distribution (report §4): n_s = respondents giving s. */
import { sum } from 'simple-statistics'

/** Weighted counts n_1..n_5. */
export type Distribution = readonly number[]

/** N = Σ n_s. */
export function base(d: Distribution): number {
  return sum(d as number[])
}

/** Satisfaction: the share who gave 5 (the report's headline), or 4–5 with "top2". Null when N = 0. */
export function satisfaction(d: Distribution, definition: 'top' | 'top2' = 'top'): number | null {
  const n = base(d)
  if (n === 0) return null
  return definition === 'top2' ? (d[3] + d[4]) / n : d[4] / n
}

/** Top-2-box: the share who gave 4 or 5 (the report's methodology recommendation). */
export function topTwoBox(d: Distribution): number | null {
  return satisfaction(d, 'top2')
}

/** Mean score Σ s·n_s / N. */
export function meanScore(d: Distribution): number | null {
  const n = base(d)
  return n === 0 ? null : (d[0] + 2 * d[1] + 3 * d[2] + 4 * d[3] + 5 * d[4]) / n
}

/** 10-point score = 2 × mean (report table 111). */
export function score10(d: Distribution): number | null {
  const mean = meanScore(d)
  return mean === null ? null : 2 * mean
}

/** Shares n_s / N, s = 1..5; null when N = 0. */
export function shares(d: Distribution): number[] | null {
  const n = base(d)
  return n === 0 ? null : d.map((x) => x / n)
}

/** Dissatisfied: the share who gave 1 or 2 (social-concern index, table 104). */
export function dissatisfied(d: Distribution): number | null {
  const n = base(d)
  return n === 0 ? null : (d[0] + d[1]) / n
}

/** Kish's effective base (Σw)² / Σw²; equals N without weights. */
export function effectiveBase(sumW: number, sumW2: number): number | null {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : null
}
