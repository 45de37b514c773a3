/**
 * @module Complaints, informal payments and use of connections (3-кесте).
 *
 * Each service gets exactly as many «Иә» answers as its printed share implies, and they go
 * preferably to the less satisfied respondents, as in the report's social-concern analysis.
 */
import { anneal, Fit, type FitCell } from './anneal'
import { printedBounds, ratioMiss } from './printed'
import { stream } from './prng'
import { BARRIER_KEYS, type BarrierKey, type Reference } from './reference'
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
function yesCount(pct: number, n: number): { answered: number; yes: number } {
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

/**
 * Moves «Иә» answers between respondents of the same service (each service keeps its 3-кесте
 * shares exactly) until the regional shares print as 10-кесте (local bodies, all channels) and
 * 17-кесте (the State Corporation). Rows in `noChannel` count in no State Corporation region.
 * @returns the labels of the printed cells still missed
 */
export function calibrateBarriers(
  reference: Reference,
  respondents: readonly Respondent[],
  answers: (boolean | null)[][],
  noChannel: ReadonlySet<number>,
  seed: string,
): string[] {
  const index = new Map<string, number>()
  const group = (key: string) => {
    let g = index.get(key)
    if (g === undefined) {
      g = index.size
      index.set(key, g)
    }
    return g
  }
  const cells: FitCell[] = []
  const tables = [
    ['10', 'local', reference.printed.localBarriers],
    ['17', 'corp', reference.printed.corpBarriers],
  ] as const
  for (const [table, scope, rows] of tables) {
    for (const row of rows) {
      const g = group(`${scope}|${row.region_code}`)
      BARRIER_KEYS.forEach((key, b) => {
        const bounds = printedBounds(row[COLUMN[key]], 100)
        cells.push({
          label: `${table} r${row.region_code} ${key}`,
          groups: [g],
          miss: (stats, w) => ratioMiss(stats[g * w + 2 * b + 1], stats[g * w + 2 * b], bounds),
        })
      })
    }
  }
  const groupsOf = respondents.map((r, i) => {
    const keys: string[] = []
    if (r.service.level === 'local') keys.push(`local|${r.region}`, 'local|total')
    if (r.channel === 'state_corporation' && !noChannel.has(i))
      keys.push(`corp|${r.region}`, 'corp|total')
    return keys.map(group)
  })
  const fit = new Fit(cells, index.size, 2 * BARRIER_KEYS.length)
  respondents.forEach((_, i) => {
    answers[i].forEach((v, b) => {
      if (v === null) return
      fit.add(groupsOf[i], 2 * b, 1)
      if (v) fit.add(groupsOf[i], 2 * b + 1, 1)
    })
  })
  fit.rescoreAll()

  const rowsByService = new Map<number, number[]>()
  respondents.forEach((r, i) => {
    if (groupsOf[i].length === 0) return
    const list = rowsByService.get(r.service.code)
    if (list) list.push(i)
    else rowsByService.set(r.service.code, [i])
  })
  const pool = [...rowsByService.values()].flat()
  const random = stream(seed, 'calibrate-barriers')
  anneal({
    steps: 1_500_000,
    threshold: 0.5,
    misfit: () => fit.total,
    propose: () => {
      const i = pool[Math.floor(random() * pool.length)]
      const rows = rowsByService.get(respondents[i].service.code) as number[]
      const j = rows[Math.floor(random() * rows.length)]
      const b = Math.floor(random() * BARRIER_KEYS.length)
      const a = answers[i][b]
      if (a === null || answers[j][b] === null || a === answers[j][b]) return null
      const exchange = () => {
        const yes = answers[i][b] ? i : j
        const no = yes === i ? j : i
        fit.add(groupsOf[yes], 2 * b + 1, -1)
        fit.add(groupsOf[no], 2 * b + 1, 1)
        answers[yes][b] = false
        answers[no][b] = true
        return fit.rescore(groupsOf[i], groupsOf[j])
      }
      return { apply: exchange, undo: exchange }
    },
  })
  return fit.missing()
}

const COLUMN: Record<BarrierKey, string> = {
  complaints: 'complaints_pct',
  informal_payment: 'informal_payment_pct',
  connections: 'connections_pct',
}
