/**
 * @module Counting: decoded columns into the cells of a partial state. Each row is touched
 * once: it adds into its cell of (service, agency, region, channel, level), its demographic
 * cell of (service, age, gender), its choice answers and its driver group's joint counts.
 * Every table is a roll-up of these cells, made when the report is built.
 */
import type { Coded, SurveyColumns } from './decode'
import { addJointCounts } from './joint-counts'
import { type Layout, layoutOf, type PairLayout, pairLayoutOf, peopleLayoutOf } from './layout'
import { CHANNELS } from './vocabulary'
import { quantizeSquare } from './weights'

/** Driver slots: central, local, State Corporation, then rows that belong to none. */
export const DRIVER_SLOTS = 4

/** Rows from which profiles pay: below, most rows have a profile of their own. */
const PROFILE_ROWS = 50_000

const CORP = CHANNELS.indexOf('corp')

/**
 * The driver slot of a row or cell by its channel and level codes (-1 none): the State
 * Corporation's whatever the level, else its level's, else the last (none). Counting and the
 * cube's driver groups both place rows by it, so the groups and their joint counts agree.
 */
export const driverSlot = (channel: number, level: number) =>
  channel === CORP ? 2 : level >= 0 ? level : DRIVER_SLOTS - 1

export interface Counts {
  /** Per cell: service, agency, region, channel, level codes (-1 = none). */
  cellKeys: Int32Array
  cellCounts: Float64Array
  /** Per demographic cell: service, age, gender codes. */
  peopleKeys: Int32Array
  peopleCounts: Float64Array
  /** Per choice question: [cell, option] per entry, and its Σw. */
  choices: { keys: Int32Array; counts: Float64Array }[]
  drivers: Float64Array
  /** Respondents (rows with any answer), left out or not. */
  rows: number
}

/** Counts a survey's decoded columns. */
export function countColumns(c: SurveyColumns): Counts {
  const layout = layoutOf(c.schema)
  const pairs = pairLayoutOf(c.schema)
  const n = c.length
  const weight = c.weight
  const square = weight ? squares(weight) : null

  const cellOf = new Int32Array(n)
  const cellRows: number[] = []
  const cellCount = cellIds(
    [c.service.codes, c.agency?.codes, c.region?.codes, c.channel, c.level],
    [
      c.service.labels.length,
      c.agency?.labels.length ?? 0,
      c.region?.labels.length ?? 0,
      CHANNELS.length,
      2,
    ],
    c,
    cellOf,
    cellRows,
  )
  const cellCounts = new Float64Array(cellCount * layout.width)
  const drivers = new Float64Array(DRIVER_SLOTS * pairs.width)
  if (weight) countCells(c, layout, pairs, cellOf, cellCounts, drivers, weight, square)
  else {
    // Without weights the counts are whole numbers below 2³¹ (a row adds 1 at most), made in
    // an Int32Array: workerd adds integers faster than doubles (the sample's cells: 0.65 →
    // 0.45 ms in workerd).
    const whole = new Int32Array(cellCounts.length)
    countCells(c, layout, pairs, cellOf, whole, drivers, null, null)
    cellCounts.set(whole)
    copySquares(cellCounts, cellCount, layout)
  }
  const cellKeys = keysOf(
    [c.service.codes, c.agency?.codes, c.region?.codes, c.channel, c.level],
    cellRows,
  )

  const people = peopleLayoutOf(c.schema)
  const personOf = new Int32Array(n)
  const personRows: number[] = []
  const personCount = cellIds(
    [c.service.codes, c.age?.codes, c.gender],
    [c.service.labels.length, c.age?.labels.length ?? 0, 2],
    c,
    personOf,
    personRows,
  )
  const peopleCounts = new Float64Array(personCount * people.width)
  if (weight) countPeople(c, people, personOf, peopleCounts, weight, square)
  else {
    const whole = new Int32Array(peopleCounts.length)
    countPeople(c, people, personOf, whole, null, null)
    peopleCounts.set(whole)
    copySquares(peopleCounts, personCount, people)
  }
  const peopleKeys = keysOf([c.service.codes, c.age?.codes, c.gender], personRows)

  const choices = c.choices.map((choice) => countChoice(choice, c, cellOf, weight))
  let rows = 0
  for (let i = 0; i < n; i++) rows += c.present[i]
  return { cellKeys, cellCounts, peopleKeys, peopleCounts, choices, drivers, rows }
}

/**
 * Dense ids of the combinations of `parts` among counted rows (-1 for the others), written
 * into `out`, numbered in order of first appearance; each id's first row pushed onto `first`.
 */
function cellIds(
  parts: (ArrayLike<number> | null | undefined)[],
  sizes: number[],
  c: SurveyColumns,
  out: Int32Array,
  first: number[],
): number {
  const present = c.present
  const weight = c.weight
  const used = parts.flatMap((codes, p) => (codes ? [{ codes, radix: sizes[p] + 1 }] : []))
  let space = 1
  for (const { radix } of used) space *= radix
  // The usual case: the combined key (codes in mixed radix) in one pass, looked up in a flat
  // table when the key space is small beside the rows, else in a hash table sized by them.
  if (space <= 1 << 24) {
    const keys = combinedKeys(used, present, weight, out)
    return space <= Math.max(4 * out.length, 1 << 16)
      ? flatIds(keys, space, out, first)
      : hashedIds(keys, out, first)
  }
  // A huge key space: combine one part at a time, renumbering densely after each.
  let ids = new Int32Array(c.length)
  let card = 1
  for (const { codes, radix } of used) {
    const seen = new Map<number, number>()
    const next = new Int32Array(c.length)
    for (let i = 0; i < c.length; i++) {
      const key = ids[i] * radix + codes[i] + 1
      let id = seen.get(key)
      if (id === undefined) {
        id = seen.size
        seen.set(key, id)
      }
      next[i] = id
    }
    ids = next
    card = seen.size
  }
  const renumber = new Int32Array(card).fill(-1)
  let count = 0
  for (let i = 0; i < c.length; i++) {
    if (present[i] === 0 || (weight !== null && !(weight[i] > 0))) {
      out[i] = -1
      continue
    }
    const id = ids[i]
    if (renumber[id] < 0) {
      renumber[id] = count++
      first.push(i)
    }
    out[i] = renumber[id]
  }
  return count
}

/**
 * Each counted row's combined key (its parts' codes in mixed radix, a missing code digit 0)
 * into `out`, -1 for the rows not counted (no answer, or a weight that is not positive).
 */
function combinedKeys(
  used: { codes: ArrayLike<number>; radix: number }[],
  present: Uint8Array,
  weight: Float64Array | null,
  out: Int32Array,
): Int32Array {
  const [a, b, d, e, f] = [0, 1, 2, 3, 4].map((k) => used[k] ?? { codes: null, radix: 1 })
  for (let i = 0; i < out.length; i++) {
    if (present[i] === 0 || (weight !== null && !(weight[i] > 0))) {
      out[i] = -1
      continue
    }
    // Up to five parts (the cell's), unrolled.
    let key = a.codes ? a.codes[i] + 1 : 0
    if (b.codes) key = key * b.radix + b.codes[i] + 1
    if (d.codes) key = key * d.radix + d.codes[i] + 1
    if (e.codes) key = key * e.radix + e.codes[i] + 1
    if (f.codes) key = key * f.radix + f.codes[i] + 1
    out[i] = key
  }
  return out
}

/**
 * The keys in `keys` (-1: none) as dense ids, in order of first appearance, written over them;
 * each id's first row pushed onto `first`. Looked up in a flat table over the key space.
 */
function flatIds(keys: Int32Array, space: number, out: Int32Array, first: number[]): number {
  const table = new Int32Array(space).fill(-1)
  let count = 0
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    if (key < 0) continue
    let id = table[key]
    if (id < 0) {
      id = count++
      table[key] = id
      first.push(i)
    }
    out[i] = id
  }
  return count
}

/** As `flatIds`, in an open-addressing hash table sized by the rows (keys below 2²⁴). */
function hashedIds(keys: Int32Array, out: Int32Array, first: number[]): number {
  let size = 16
  while (size < 2 * keys.length) size *= 2
  const mask = size - 1
  const slotKeys = new Int32Array(size).fill(-1)
  const slotIds = new Int32Array(size)
  let count = 0
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    if (key < 0) continue
    let slot = Math.imul(key, 0x9e3779b1) & mask
    let id = -1
    for (;;) {
      const k = slotKeys[slot]
      if (k === key) {
        id = slotIds[slot]
        break
      }
      if (k < 0) {
        id = count++
        slotKeys[slot] = key
        slotIds[slot] = id
        first.push(i)
        break
      }
      slot = (slot + 1) & mask
    }
    out[i] = id
  }
  return count
}

/** Each cell's key codes, read at its first row (-1 for a part the survey lacks). */
function keysOf(parts: (ArrayLike<number> | null | undefined)[], first: number[]): Int32Array {
  const width = parts.length
  const keys = new Int32Array(first.length * width).fill(-1)
  parts.forEach((codes, p) => {
    if (!codes) return
    for (let cell = 0; cell < first.length; cell++) keys[cell * width + p] = codes[first[cell]]
  })
  return keys
}

/** Each row's w², computed once per run of equal weights. */
function squares(weight: Float64Array): Float64Array {
  const out = new Float64Array(weight.length)
  let last = Number.NaN
  let lastSquare = 0
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i]
    if (w !== last) {
      last = w
      lastSquare = quantizeSquare(w)
    }
    out[i] = lastSquare
  }
  return out
}

/** Without weights Σw² per point is the count: copied once instead of added row by row. */
function copySquares(counts: Float64Array, cells: number, layout: Layout) {
  for (let cell = 0; cell < cells; cell++) {
    const base = cell * layout.width
    counts.copyWithin(
      base + layout.overallW2,
      base + layout.overall,
      base + layout.overall + layout.points,
    )
  }
}

/** The hot loop: every counted row into its cell and its driver group. */
function countCells(
  c: SurveyColumns,
  layout: Layout,
  pairs: PairLayout,
  cellOf: Int32Array,
  acc: Float64Array | Int32Array,
  drivers: Float64Array,
  weight: Float64Array | null,
  square: Float64Array | null,
) {
  const { width, points } = layout
  const RESPONDENTS = layout.respondents
  const RATED = layout.rated
  const OVERALL = layout.overall
  const OVERALL_W2 = layout.overallW2
  const ratingAt = layout.ratings
  const yesAt = layout.yesno
  const multiAt = layout.multi
  const { overall, ratings, yesno, multi, channel, level } = c
  const variables = pairs.variables
  const pairWidth = pairs.width
  // The offset of each pair's block, a · V + b, precomputed for the double loop below.
  const pairAt = new Int32Array(variables * variables)
  for (let a = 0; a < variables; a++) {
    for (let b = a + 1; b < variables; b++) pairAt[a * variables + b] = pairs.pair(a, b)
  }
  const answered = new Int32Array(variables)
  const values = new Int32Array(variables)
  // The drivers' joint counts come from each row's answer profile (its points on the overall
  // score and every rated item, "missing" a point of its own): rows share few profiles, so
  // counting profiles and expanding each into its pairs once is far cheaper than pairs per row.
  // Not in a small survey, whose rows mostly have profiles of their own: there, hashing them
  // costs more than it saves (9,517 rows: 3.4 ms by profile, 2.6 row by row), and the pairs
  // are counted column by column after the loop (joint-counts.ts).
  const radix = points + 1
  const profiles =
    c.length >= PROFILE_ROWS && radix ** variables * DRIVER_SLOTS < 2 ** 53
      ? new ProfileCounter()
      : null
  // Without profiles, each counted row's driver slot (-1: none) for those passes.
  const slots = profiles ? null : new Int8Array(c.length).fill(-1)
  for (let i = 0; i < c.length; i++) {
    const cell = cellOf[i]
    if (cell < 0) continue
    const w = weight ? weight[i] : 1
    const base = cell * width
    acc[base + RESPONDENTS] += w
    const o = overall[i]
    if (o >= 0) {
      acc[base + OVERALL + o] += w
      acc[base + RATED] += 1
      if (square) acc[base + OVERALL_W2 + o] += square[i]
    }
    // How many variables the row answered (overall first) and, for profiles, its profile.
    let m = o >= 0 ? 1 : 0
    let profile = o >= 0 ? o : points
    let place = radix
    for (let r = 0; r < ratings.length; r++) {
      const v = ratings[r][i]
      if (profiles) {
        profile += (v < 0 ? points : v) * place
        place *= radix
      }
      if (v < 0) continue
      acc[base + ratingAt[r] + v] += w
      m++
    }
    for (let y = 0; y < yesno.length; y++) {
      const v = yesno[y][i]
      if (v < 0) continue
      const at = base + yesAt[y]
      acc[at] += v * w
      acc[at + 1] += w
    }
    for (let q = 0; q < multi.length; q++) {
      const options = multi[q]
      const at = base + multiAt[q]
      for (let k = 0; k < options.length; k++) {
        const v = options[k][i]
        if (v < 0) continue
        acc[at + 2 * k] += v * w
        acc[at + 2 * k + 1] += w
      }
    }
    // Every counted row has its slot: a pair is counted only where both its answers are.
    const slot = driverSlot(channel ? channel[i] : -1, level ? level[i] : -1)
    if (slots) slots[i] = slot
    else if (profiles && m > 1) profiles.add(profile * DRIVER_SLOTS + slot, w)
  }
  if (slots) addJointCounts(drivers, [overall, ...ratings], slots, DRIVER_SLOTS, pairs, weight)
  // Each profile's pairs, once, with the Σw of its rows.
  profiles?.forEach((key, w) => {
    const slot = key % DRIVER_SLOTS
    let profile = (key - slot) / DRIVER_SLOTS
    let m = 0
    for (let a = 0; a < variables; a++) {
      const v = profile % radix
      profile = (profile - v) / radix
      if (v === points) continue
      answered[m] = a
      values[m++] = v
    }
    addPairs(drivers, slot * pairWidth, answered, values, m, pairAt, variables, points, w)
  })
}

/** Adds Σw to the joint count of every pair of the answered variables. */
function addPairs(
  drivers: Float64Array,
  block: number,
  answered: Int32Array,
  values: Int32Array,
  m: number,
  pairAt: Int32Array,
  variables: number,
  points: number,
  w: number,
) {
  for (let x = 0; x < m; x++) {
    const a = answered[x]
    const offset = block + values[x] * points
    for (let z = x + 1; z < m; z++) {
      drivers[offset + pairAt[a * variables + answered[z]] + values[z]] += w
    }
  }
}

/**
 * Σw per key (a whole number below 2⁵³), in an open-addressing hash table of typed arrays
 * that doubles when half full. Sums in each slot are exact (counts, or 24-bit weights), so
 * the order rows arrive in does not matter.
 */
class ProfileCounter {
  private size = 1024
  private keys = new Float64Array(this.size).fill(-1)
  private sums = new Float64Array(this.size)
  private used = 0

  add(key: number, w: number) {
    const mask = this.size - 1
    let slot = hash(key) & mask
    for (;;) {
      const k = this.keys[slot]
      if (k === key) {
        this.sums[slot] += w
        return
      }
      if (k < 0) break
      slot = (slot + 1) & mask
    }
    this.keys[slot] = key
    this.sums[slot] = w
    if (++this.used * 2 > this.size) this.grow()
  }

  forEach(f: (key: number, sum: number) => void) {
    for (let slot = 0; slot < this.size; slot++) {
      if (this.keys[slot] >= 0) f(this.keys[slot], this.sums[slot])
    }
  }

  private grow() {
    const { keys, sums } = this
    this.size *= 2
    this.keys = new Float64Array(this.size).fill(-1)
    this.sums = new Float64Array(this.size)
    const mask = this.size - 1
    for (let old = 0; old < keys.length; old++) {
      if (keys[old] < 0) continue
      let slot = hash(keys[old]) & mask
      while (this.keys[slot] >= 0) slot = (slot + 1) & mask
      this.keys[slot] = keys[old]
      this.sums[slot] = sums[old]
    }
  }
}

/** A well-spread 32-bit hash of a whole number below 2⁵³. */
function hash(key: number): number {
  const low = key | 0
  const high = (key / 4294967296) | 0
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0
}

/** Demographic cells: respondents and overall counts only. */
function countPeople(
  c: SurveyColumns,
  layout: Layout,
  personOf: Int32Array,
  acc: Float64Array | Int32Array,
  weight: Float64Array | null,
  square: Float64Array | null,
) {
  const { width } = layout
  for (let i = 0; i < c.length; i++) {
    const cell = personOf[i]
    if (cell < 0) continue
    const w = weight ? weight[i] : 1
    const base = cell * width
    acc[base + layout.respondents] += w
    const o = c.overall[i]
    if (o < 0) continue
    acc[base + layout.overall + o] += w
    acc[base + layout.rated] += 1
    if (square) acc[base + layout.overallW2 + o] += square[i]
  }
}

/** One choice question's answers per (cell, option). */
function countChoice(
  choice: Coded,
  c: SurveyColumns,
  cellOf: Int32Array,
  weight: Float64Array | null,
): { keys: Int32Array; counts: Float64Array } {
  const options = choice.labels.length
  const sums = new Map<number, number>()
  for (let i = 0; i < c.length; i++) {
    const cell = cellOf[i]
    const option = choice.codes[i]
    if (cell < 0 || option < 0) continue
    const key = cell * options + option
    sums.set(key, (sums.get(key) ?? 0) + (weight ? weight[i] : 1))
  }
  const entries = [...sums].sort((x, y) => x[0] - y[0])
  const keys = new Int32Array(entries.length * 2)
  const counts = new Float64Array(entries.length)
  entries.forEach(([key, sum], e) => {
    keys[2 * e] = Math.floor(key / options)
    keys[2 * e + 1] = key % options
    counts[e] = sum
  })
  return { keys, counts }
}
