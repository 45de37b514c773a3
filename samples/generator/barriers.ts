/**
 * @module Complaints, informal payments and use of connections (3-кесте).
 *
 * Each service gets exactly as many «Иә» answers as its printed share implies, and they go
 * preferably to the less satisfied respondents, as in the report's social-concern analysis.
 */
import { stream } from './prng'
import { BARRIER_KEYS, type BarrierKey } from './reference'
import type { Respondent } from './respondents'

/** How much likelier a respondent is to report a barrier, by overall score (null = unrated). */
const LEANING: Record<string, number> = { '1': 10, '2': 10, '3': 5, '4': 2, '5': 1, null: 3 }

/** Share in % rounded to the report's one decimal. */
const printedPct = (yes: number, n: number) => Math.round((yes / n) * 1000) / 10

/**
 * How many of n answer and how many of those say «Иә», so that the share prints as pct. A few
 * respondents may skip the question when no count out of all n prints right (service 52's
 * complaints: 4.4 % is 3 of 68, not of its 70).
 */
export function yesCount(pct: number, n: number): { answered: number; yes: number } {
  for (let skipped = 0; skipped <= 4 && skipped < n; skipped++) {
    const answered = n - skipped
    const exact = Math.round((pct * answered) / 100)
    for (const delta of [0, -1, 1]) {
      const yes = exact + delta
      if (yes >= 0 && yes <= answered && printedPct(yes, answered) === pct) return { answered, yes }
    }
  }
  return { answered: n, yes: Math.round((pct * n) / 100) }
}

/**
 * Draws the three yes/no answers. `usable[row][barrier]` is false for bad cells, which
 * do not count toward the share.
 * @returns answers[row][barrier], null where the cell is bad or left blank
 */
export function drawBarriers(
  respondents: readonly Respondent[],
  usable: readonly (readonly boolean[])[],
  seed: string,
): (boolean | null)[][] {
  const answers: (boolean | null)[][] = respondents.map((_, i) =>
    BARRIER_KEYS.map((_, b) => (usable[i][b] ? false : null)),
  )
  const rowsByService = new Map<number, number[]>()
  respondents.forEach((r, i) => {
    const list = rowsByService.get(r.service.code)
    if (list) list.push(i)
    else rowsByService.set(r.service.code, [i])
  })
  BARRIER_KEYS.forEach((key: BarrierKey, b) => {
    const random = stream(seed, `barrier-${key}`)
    for (const rows of rowsByService.values()) {
      const eligible = rows.filter((i) => usable[i][b])
      const service = respondents[rows[0]].service
      const { answered, yes } = yesCount(service.barriersPct[key], eligible.length)
      // Smaller key first: a uniform draw divided by the leaning favours unhappy respondents.
      const ranked = eligible
        .map((i) => ({ i, key: random() / LEANING[String(respondents[i].overall)] }))
        .sort((x, y) => x.key - y.key || x.i - y.i)
      ranked.forEach(({ i }, rank) => {
        if (rank < yes) answers[i][b] = true
        else if (rank >= answered) answers[i][b] = null
      })
    }
  })
  return answers
}
