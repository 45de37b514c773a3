/**
 * @module Cells as real data-entry leaves them: blanks, «hard to say», a few dozen bad cells
 * (which the engine must report, one by one) and valid but unusual spellings (which it must
 * read correctly). Bad cells never land on a score that counts: a bad overall score replaces
 * a blank one, and bad aspect or yes/no cells are chosen before those columns are calibrated.
 */
import type { CellState } from './aspects'
import { type Random, shuffle, stream } from './prng'
import type { Respondent } from './respondents'
import { CHANNEL_LABELS, COL } from './sheet'

/** A bad cell: `replaces` is what the cell would otherwise hold ('' for blank). */
/** Bad cells and unusual spellings, by sheet row (header = row 1) and header text. */
export interface IssuesFile {
  about: string
  issues: { row: number; column: string; value: string; replaces: string }[]
  spellings: { row: number; column: string; value: string; means: number | 'yes' | 'no' }[]
}

export interface PlannedIssue {
  row: number
  column: number
  value: string
  replaces: string
}

/** A valid cell in an unusual spelling, and what it means. */
export interface PlannedSpelling {
  row: number
  column: number
  value: string
  means: number | 'yes' | 'no'
}

export interface Gaps {
  aspectStates: CellState[][]
  barrierUsable: boolean[][]
  issues: PlannedIssue[]
}

/** Services this small keep every aspect cell, so 109-кесте's means stay exactly reachable. */
const MIN_SAMPLE_FOR_GAPS = 30
const BLANK_ASPECT = 0.015
const BLANK_ASPECT_UNRATED = 0.08
const HARD_TO_SAY_ASPECT = 0.005

const BAD_OVERALL = [
  '6',
  '0',
  '4.5',
  'жақсыы',
  '5-5',
  '6',
  'білмеймін деп жазды',
  '55',
  '4,5',
  '3-4',
  '0',
  '7',
]
const BAD_ASPECT = [
  '6',
  '0',
  '4.5',
  '7',
  'жақсыы',
  '5-5',
  '4/5',
  '3.5',
  '10',
  '6',
  '0',
  '4,5',
  '55',
  'орташаа',
  '9',
  '5+',
  '6',
  '2.5',
  '44',
  'нашарр',
]
const BAD_BARRIER = ['2', 'Иәә', 'иә/жоқ', '5', 'Жооқ', '3']
const BAD_AGE = ['-34', '-52', '340']
const BAD_CHANNEL = ['Пошта бөлімшесі', 'Банк бөлімшесі']

const cellKey = (row: number, column: number) => `${row}|${column}`

/** Picks `count` distinct cells, in a seeded order, among the candidates that pass `accept`. */
function pickCells(
  random: Random,
  candidates: readonly { row: number; column: number }[],
  count: number,
  taken: Set<string>,
  accept: (row: number, column: number) => boolean = () => true,
): { row: number; column: number }[] {
  const picked: { row: number; column: number }[] = []
  for (const c of shuffle(random, [...candidates])) {
    if (picked.length === count) break
    const key = cellKey(c.row, c.column)
    if (taken.has(key) || !accept(c.row, c.column)) continue
    taken.add(key)
    picked.push(c)
  }
  if (picked.length < count) throw new Error(`only ${picked.length} of ${count} cells to pick`)
  return picked
}

/** Blanks, «hard to say» and bad cells, decided before the aspect and yes/no columns are drawn. */
export function planGaps(
  respondents: readonly Respondent[],
  seed: string,
  taken: Set<string>,
): Gaps {
  const random = stream(seed, 'gaps')
  const gapsAllowed = (i: number) => respondents[i].service.sample >= MIN_SAMPLE_FOR_GAPS
  const aspectStates = respondents.map((r, i) =>
    Array.from({ length: 8 }, (): CellState => {
      const u = random()
      if (!gapsAllowed(i)) return 'value'
      const blank = r.overall === null ? BLANK_ASPECT_UNRATED : BLANK_ASPECT
      if (u < blank) return 'blank'
      if (u < blank + HARD_TO_SAY_ASPECT) return 'hardToSay'
      return 'value'
    }),
  )
  const barrierUsable = respondents.map(() => [true, true, true])
  const issues: PlannedIssue[] = []
  const rows = respondents.map((_, i) => i)
  const cellsIn = (columns: number[], filter: (i: number) => boolean) =>
    rows.filter(filter).flatMap((row) => columns.map((column) => ({ row, column })))

  const unrated = cellsIn([COL.overall], (i) => respondents[i].overall === null)
  pickCells(random, unrated, BAD_OVERALL.length, taken).forEach((c, k) => {
    issues.push({ ...c, value: BAD_OVERALL[k], replaces: '' })
  })

  const aspectColumns = Array.from({ length: 8 }, (_, a) => COL.aspects + a)
  const aspectCells = cellsIn(aspectColumns, gapsAllowed)
  const isValue = (row: number, column: number) =>
    aspectStates[row][column - COL.aspects] === 'value'
  pickCells(random, aspectCells, BAD_ASPECT.length, taken, isValue).forEach((c, k) => {
    aspectStates[c.row][c.column - COL.aspects] = 'bad'
    issues.push({ ...c, value: BAD_ASPECT[k], replaces: '' })
  })

  const barrierCells = cellsIn([COL.barriers, COL.barriers + 1, COL.barriers + 2], gapsAllowed)
  pickCells(random, barrierCells, BAD_BARRIER.length, taken).forEach((c, k) => {
    barrierUsable[c.row][c.column - COL.barriers] = false
    issues.push({ ...c, value: BAD_BARRIER[k], replaces: '' })
  })

  pickCells(random, cellsIn([COL.age], gapsAllowed), BAD_AGE.length, taken).forEach((c, k) => {
    issues.push({ ...c, value: BAD_AGE[k], replaces: String(respondents[c.row].age) })
  })
  pickCells(random, cellsIn([COL.channel], gapsAllowed), BAD_CHANNEL.length, taken).forEach(
    (c, k) => {
      const replaces = CHANNEL_LABELS[respondents[c.row].channel]
      issues.push({ ...c, value: BAD_CHANNEL[k], replaces })
    },
  )
  return { aspectStates, barrierUsable, issues }
}

interface SpellingRule {
  /** Columns to sprinkle over. */
  columns: number[]
  value: string
  means: number | 'yes' | 'no'
  count: number
}

const OVERALL = [COL.overall]
const ASPECTS = Array.from({ length: 8 }, (_, a) => COL.aspects + a)
const BARRIERS = [COL.barriers, COL.barriers + 1, COL.barriers + 2]

const SPELLINGS: SpellingRule[] = [
  { columns: OVERALL, value: '5,0', means: 5, count: 4 },
  { columns: OVERALL, value: '5 балл', means: 5, count: 3 },
  { columns: OVERALL, value: 'өте жақсы', means: 5, count: 2 },
  { columns: OVERALL, value: '5.0', means: 5, count: 1 },
  { columns: OVERALL, value: 'жақсы', means: 4, count: 3 },
  { columns: OVERALL, value: ' 4 ', means: 4, count: 3 },
  { columns: OVERALL, value: '4 балл', means: 4, count: 1 },
  { columns: OVERALL, value: 'орташа', means: 3, count: 1 },
  { columns: ASPECTS, value: '5,0', means: 5, count: 3 },
  { columns: ASPECTS, value: '5 балл', means: 5, count: 2 },
  { columns: ASPECTS, value: 'жақсы', means: 4, count: 2 },
  { columns: ASPECTS, value: ' 4 ', means: 4, count: 2 },
  { columns: BARRIERS, value: 'Да', means: 'yes', count: 1 },
  { columns: BARRIERS, value: 'Нет', means: 'no', count: 3 },
  { columns: BARRIERS, value: '1', means: 'yes', count: 1 },
  { columns: BARRIERS, value: '0', means: 'no', count: 1 },
]

/** Valid answers rewritten in spellings people also type, on cells that hold that answer. */
export function planSpellings(
  respondents: readonly Respondent[],
  aspects: readonly (readonly (number | null)[])[],
  barriers: readonly (readonly (boolean | null)[])[],
  seed: string,
  taken: Set<string>,
): PlannedSpelling[] {
  const random = stream(seed, 'spellings')
  const meaning = (row: number, column: number): number | 'yes' | 'no' | null => {
    if (column === COL.overall) return respondents[row].overall
    if (column >= COL.barriers) {
      const v = barriers[row][column - COL.barriers]
      return v === null ? null : v ? 'yes' : 'no'
    }
    return aspects[row][column - COL.aspects]
  }
  const out: PlannedSpelling[] = []
  for (const rule of SPELLINGS) {
    const candidates = respondents.flatMap((_, row) =>
      rule.columns.map((column) => ({ row, column })),
    )
    const accept = (row: number, column: number) => meaning(row, column) === rule.means
    for (const c of pickCells(random, candidates, rule.count, taken, accept)) {
      out.push({ ...c, value: rule.value, means: rule.means })
    }
  }
  return out
}
