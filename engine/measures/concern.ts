/** @module The social-concern index (report table 104, footnote 11). */

export interface ConcernParts {
  dissatisfied: number | null
  distrust: number | null
  complaints: number | null
  informalPayments: number | null
  connections: number | null
}

/**
 * The mean of five shares: dissatisfied (overall 1–2), distrust (trust 1–2), complaints,
 * informal payments, personal connections. Null, naming the parts, when any is missing.
 */
export function socialConcern(parts: ConcernParts): { index: number | null; missing: string[] } {
  const values = Object.values(parts)
  const missing = Object.keys(parts).filter((_, i) => values[i] === null)
  if (missing.length > 0) return { index: null, missing }
  return { index: (values as number[]).reduce((a, b) => a + b, 0) / values.length, missing }
}
