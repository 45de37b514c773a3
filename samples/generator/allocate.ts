/**
 * @module Which respondents get which overall score.
 *
 * Each service's score counts are fixed (the report's own distribution) and so is the size of
 * each stratum (region × channel × age band). Within those two hard margins, iterative
 * proportional fitting pulls the scores toward softer targets the report also prints —
 * satisfaction by region for local bodies (8-кесте), by channel (122-кесте) and by age band —
 * and a controlled rounding turns the fitted table into whole respondents.
 */

/** Score categories: 0 = could not rate (blank), 1..5 = the score. */
const CATEGORIES = 6

export interface Stratum {
  service: number
  size: number
  /** Keys the soft targets group by, e.g. `{ region: '5', channel: 'state_body' }`. */
  keys: Readonly<Record<string, string>>
}

/** A soft target: the distribution of scores 1..5 (shares summing to 1) for each group. */
export interface SoftTarget {
  /** Group of a stratum, or null when the target does not cover it. */
  group: (stratum: Stratum) => string | null
  shares: ReadonlyMap<string, readonly number[]>
}

/** Counts per stratum and category; rows sum to the stratum size, columns to the service counts. */
export type Allocation = number[][]

// Zero targets would zero a cell for good and can make the hard margins unreachable.
const SHARE_FLOOR = 0.002
const ITERATIONS = 300

/**
 * Fits every stratum's score counts.
 * @param serviceCounts service → counts of categories 0..5
 */
export function allocateScores(
  strata: readonly Stratum[],
  serviceCounts: ReadonlyMap<number, readonly number[]>,
  targets: readonly SoftTarget[],
): Allocation {
  const fit = strata.map((s) => {
    const counts = serviceCounts.get(s.service)
    if (!counts) throw new Error(`no counts for service ${s.service}`)
    const total = counts.reduce((a, b) => a + b, 0)
    return counts.map((c) => (s.size * c) / total)
  })
  const byService = groupIndexes(strata, (s) => String(s.service))
  const soft = targets.map((t) => ({
    groups: groupIndexes(strata, t.group),
    shares: t.shares,
  }))

  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (const { groups, shares } of soft) {
      for (const [key, members] of groups) {
        const share = shares.get(key)
        if (share) fitConditional(fit, members, share)
      }
    }
    for (const [key, members] of byService) {
      fitColumns(fit, members, serviceCounts.get(Number(key)) as readonly number[])
    }
    strata.forEach((s, i) => {
      fitRow(fit[i], s.size)
    })
  }

  const result: Allocation = strata.map(() => new Array(CATEGORIES).fill(0))
  for (const [key, members] of byService) {
    const counts = serviceCounts.get(Number(key)) as readonly number[]
    const rounded = roundControlled(
      members.map((i) => fit[i]),
      members.map((i) => strata[i].size),
      counts,
    )
    members.forEach((i, m) => {
      result[i] = rounded[m]
    })
  }
  return result
}

function groupIndexes(
  strata: readonly Stratum[],
  group: (s: Stratum) => string | null,
): Map<string, number[]> {
  const groups = new Map<string, number[]>()
  strata.forEach((s, i) => {
    const key = group(s)
    if (key === null) return
    const list = groups.get(key)
    if (list) list.push(i)
    else groups.set(key, [i])
  })
  return groups
}

/** Scales the rated categories of a group toward the target shares, keeping its rated total. */
function fitConditional(fit: number[][], members: readonly number[], share: readonly number[]) {
  const floored = share.map((s) => Math.max(s, SHARE_FLOOR))
  const norm = floored.reduce((a, b) => a + b, 0)
  const current = new Array(CATEGORIES).fill(0)
  for (const i of members) for (let k = 1; k < CATEGORIES; k++) current[k] += fit[i][k]
  let rated = 0
  for (let k = 1; k < CATEGORIES; k++) rated += current[k]
  if (rated === 0) return
  for (let k = 1; k < CATEGORIES; k++) {
    if (current[k] === 0) continue
    const factor = (rated * floored[k - 1]) / norm / current[k]
    for (const i of members) fit[i][k] *= factor
  }
}

function fitColumns(fit: number[][], members: readonly number[], counts: readonly number[]) {
  for (let k = 0; k < CATEGORIES; k++) {
    let current = 0
    for (const i of members) current += fit[i][k]
    const factor = current === 0 ? 0 : counts[k] / current
    for (const i of members) fit[i][k] *= factor
  }
}

function fitRow(row: number[], size: number) {
  const current = row.reduce((a, b) => a + b, 0)
  const factor = current === 0 ? 0 : size / current
  for (let k = 0; k < row.length; k++) row[k] *= factor
}

/**
 * Rounds a non-negative table to integers with exact row and column sums: floors first,
 * then hands out the missing units one at a time to the cell furthest below its fitted value
 * among those whose row and column both still lack units (ties: first cell).
 */
function roundControlled(
  fit: readonly (readonly number[])[],
  rowSums: readonly number[],
  colSums: readonly number[],
): number[][] {
  const out = fit.map((row) => row.map((x) => Math.floor(x + 1e-9)))
  const rowLack = out.map((row, r) => rowSums[r] - row.reduce((a, b) => a + b, 0))
  const colLack = colSums.map((sum, k) => sum - out.reduce((a, row) => a + row[k], 0))
  if (rowLack.some((x) => x < 0) || colLack.some((x) => x < 0)) {
    // Floors overshoot only when the fit breaks a margin; the greedy pass below cannot repair that.
    throw new Error('controlled rounding: fitted table exceeds its margins')
  }
  for (;;) {
    let best = -1
    let bestK = -1
    let bestGap = Number.NEGATIVE_INFINITY
    for (let r = 0; r < out.length; r++) {
      if (rowLack[r] <= 0) continue
      for (let k = 0; k < colLack.length; k++) {
        if (colLack[k] <= 0) continue
        const gap = fit[r][k] - out[r][k]
        if (gap > bestGap) {
          bestGap = gap
          best = r
          bestK = k
        }
      }
    }
    if (best < 0) break
    out[best][bestK]++
    rowLack[best]--
    colLack[bestK]--
  }
  if (rowLack.some((x) => x !== 0) || colLack.some((x) => x !== 0)) {
    throw new Error('controlled rounding: margins do not add up')
  }
  return out
}
