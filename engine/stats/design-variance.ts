/** @module Design-based variance of a weighted mean or proportion, from sums by scale point. */

/** A group's respondents summed by scale point: enough for its mean and that mean's variance. */
export interface PointSums {
  /** The score of each point, e.g. `[1, 2, 3, 4, 5]`. */
  values: readonly number[]
  /** Σw of the respondents at each point (counts without weights). */
  sumW: ArrayLike<number>
  /** Σw² of the respondents at each point (counts again without weights). */
  sumW2: ArrayLike<number>
  /** Unweighted number of respondents, m. */
  m: number
  /**
   * Where the points start in `sumW` and `sumW2` (default 0): a group's whole counts can be
   * passed without cutting views of them.
   */
  at?: number
  at2?: number
}

/** A yes/no indicator's sums: all respondents of the group and those answering yes. */
export interface IndicatorSums {
  /** Σw over the group's m respondents. */
  sumW: number
  /** Σw² over the group's m respondents. */
  sumW2: number
  /** Σw over those with the indicator at 1 (e.g. who gave the top score). */
  yesSumW: number
  /** Σw² over those with the indicator at 1. */
  yesSumW2: number
  /** Unweighted number of respondents, m. */
  m: number
}

/**
 * Variance of the weighted mean ȳ = Σwy / Σw by Taylor linearisation with the with-replacement
 * approximation (Wolter 2007, *Introduction to Variance Estimation*, §6.11; Lumley 2010,
 * *Complex Surveys*, §2.2 — what R's `survey::svymean` gives for `svydesign(ids = ~1,
 * weights = ~w)`):
 *
 *   v(ȳ) = m/(m − 1) · Σᵢ wᵢ²(yᵢ − ȳ)² / (Σw)²,
 *
 * where respondents at the same point share y, so Σᵢ runs over points as Σₖ Σw²ₖ·(yₖ − ȳ)².
 * Without weights (Σw = Σw² = counts, Σw = m) it is s²/m, the textbook variance of a mean.
 * Runs in O(K) for K points.
 *
 * @param sums the values and their Σw, Σw² by point, and m
 * @throws {Error} when there are no points, or sumW / sumW2 do not have one entry per value
 * @returns v(ȳ), or null when m < 2 or Σw = 0 (no variance can be estimated); 0 when every
 *   respondent is at one point
 * @example
 * // Scores 1..5 given by weights 0.8 | 2.5 | 1 | 0.5, 0.5 | 1.5, 2, 1.2 (m = 8):
 * varianceOfMean({
 *   values: [1, 2, 3, 4, 5],
 *   sumW: [0.8, 2.5, 1, 1, 4.7],
 *   sumW2: [0.64, 6.25, 1, 0.5, 7.69],
 *   m: 8,
 * }) // 0.41064173714285…, R survey's SE² (mean 3.63)
 */
export function varianceOfMean({
  values,
  sumW,
  sumW2,
  m,
  at = 0,
  at2 = 0,
}: PointSums): number | null {
  const k = values.length
  if (k === 0) throw new Error('varianceOfMean requires at least one scale point')
  const whole = at === 0 && at2 === 0
  if (
    whole ? sumW.length !== k || sumW2.length !== k : sumW.length < at + k || sumW2.length < at2 + k
  ) {
    throw new Error('varianceOfMean requires sumW and sumW2 with one entry per value')
  }
  let total = 0
  let weighted = 0
  let occupied = 0
  for (let i = 0; i < k; i++) {
    const w = sumW[at + i]
    total += w
    weighted += w * values[i]
    if (w > 0) occupied++
  }
  if (!(m >= 2) || !(total > 0)) return null
  // Σwy/Σw may miss the single occupied value by an ulp; a constant group has no spread at all.
  if (occupied === 1) return 0
  const mean = weighted / total
  // Centred per point: the same as Σw²y² − 2ȳΣw²y + ȳ²Σw² without its cancellation.
  let spread = 0
  for (let i = 0; i < k; i++) {
    const d = values[i] - mean
    spread += sumW2[at2 + i] * d * d
  }
  return ((m / (m - 1)) * spread) / (total * total)
}

/**
 * Variance of a weighted proportion p = Σw(yes) / Σw: the mean of a 0/1 indicator, so
 * {@link varianceOfMean} with values [0, 1] (Taylor linearisation, with-replacement approximation;
 * Lumley 2010, §2.2): v(p) = m/(m − 1) · (Σw²_yes·(1 − p)² + Σw²_no·p²) / (Σw)².
 * Without weights it is p(1 − p)/(m − 1). Runs in O(1).
 *
 * @returns v(p), or null when m < 2 or Σw = 0; 0 when p is 0 or 1
 * @example
 * // The sample above, indicator "gave 5": yes weights 1.5, 2, 1.2.
 * varianceOfProportion({ sumW: 10, sumW2: 16.08, yesSumW: 4.7, yesSumW2: 7.69, m: 8 })
 * // 0.04586825142857…, R survey's SE² (p = 0.47)
 */
export function varianceOfProportion({
  sumW,
  sumW2,
  yesSumW,
  yesSumW2,
  m,
}: IndicatorSums): number | null {
  return varianceOfMean({
    values: [0, 1],
    sumW: [sumW - yesSumW, yesSumW],
    sumW2: [sumW2 - yesSumW2, yesSumW2],
    m,
  })
}

/**
 * Design effect of a weighted proportion (Kish 1965, *Survey Sampling*, §8.2): its design-based
 * variance over the variance of a simple random sample of the same m respondents,
 * deff = v(p) / (p(1 − p)/(m − 1)). Exactly 1 in formula without weights. Runs in O(1).
 *
 * @returns deff, or null when m < 2, Σw = 0, or p is 0 or 1 (both variances are 0)
 * @example
 * proportionDesignEffect({ sumW: 10, sumW2: 16.08, yesSumW: 4.7, yesSumW2: 7.69, m: 8 })
 * // 1.28895126455238…
 */
export function proportionDesignEffect(sums: IndicatorSums): number | null {
  const variance = varianceOfProportion(sums)
  if (variance === null) return null
  const p = sums.yesSumW / sums.sumW
  if (!(p > 0 && p < 1)) return null
  return variance / ((p * (1 - p)) / (sums.m - 1))
}

/**
 * Effective base of a weighted proportion for the Wilson interval: n_eff = m / deff, the size
 * of a simple random sample with the same variance (Kish 1965, §8.2; Korn & Graubard 1998 use
 * it for intervals of survey proportions). Where deff does not exist (p is 0 or 1, or m < 2)
 * it falls back to Kish's (Σw)² / Σw², which depends on the weights only. Equals m without
 * weights. Runs in O(1).
 *
 * @returns n_eff, or null when Σw or Σw² is 0
 * @example
 * wilsonEffectiveBase({ sumW: 10, sumW2: 16.08, yesSumW: 4.7, yesSumW2: 7.69, m: 8 })
 * // 6.20659618405211…
 * wilsonEffectiveBase({ sumW: 10, sumW2: 16.08, yesSumW: 10, yesSumW2: 16.08, m: 8 })
 * // 6.2189054726… = 100 / 16.08 (p = 1: Kish)
 */
export function wilsonEffectiveBase(sums: IndicatorSums): number | null {
  if (!(sums.sumW > 0 && sums.sumW2 > 0)) return null
  const deff = proportionDesignEffect(sums)
  return deff !== null && deff > 0 ? sums.m / deff : (sums.sumW * sums.sumW) / sums.sumW2
}
