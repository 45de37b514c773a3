/**
 * @module The drivers' joint counts of a small survey, a column at a time: for every pair of
 * the rated variables (overall first) and every driver slot, Σw per pair of points, where both
 * are answered. Large surveys count answer profiles instead (count.ts).
 */
import type { PairLayout } from './layout'

/** Bins of a triple's joint table beyond which counting pair by pair is cheaper. */
const MAX_TRIPLE_BINS = 1 << 15

/**
 * Adds every counted row's w into `drivers` (slots × pairs × points², as PairLayout lays them
 * out). `columns` are the variables' points (-1 not answered), `slots` each row's driver slot
 * below `slotCount` (-1: not counted).
 *
 * Without weights the pairs are counted three variables at a time: one joint table of a
 * triple gives three pairs (each summed over the third variable, answered or not), so a row is
 * read 14 times instead of 36 for nine variables (2017's), and adds into 14 bins instead of
 * 36. Counts are whole numbers, exact in any order. With weights each pair is counted on its
 * own, rows in order: the same sums to the bit as row by row, whatever the weights.
 */
export function addJointCounts(
  drivers: Float64Array,
  columns: Int8Array[],
  slots: Int8Array,
  slotCount: number,
  pairs: PairLayout,
  weight: Float64Array | null,
) {
  const size = pairs.points + 1
  if (weight === null && (slotCount + 1) * size ** 3 <= MAX_TRIPLE_BINS) {
    addByTriples(drivers, columns, slots, slotCount, pairs)
    return
  }
  const bases = new Int32Array(slots.length)
  for (let a = 0; a < columns.length - 1; a++) {
    pairBases(bases, slots, columns[a], pairs.width, pairs.points)
    for (let b = a + 1; b < columns.length; b++) {
      addColumnPair(drivers.subarray(pairs.pair(a, b)), bases, columns[b], weight)
    }
  }
}

/** Rows whose pair is not counted: far enough below zero that no point brings them back. */
const UNCOUNTED = -(2 ** 30)

/**
 * Each row's offset for the pairs of variable x, within a pair's block: its slot's block plus
 * its point's row of the joint table, or UNCOUNTED (no slot, or x not answered).
 */
function pairBases(
  out: Int32Array,
  slots: Int8Array,
  x: Int8Array,
  pairWidth: number,
  points: number,
) {
  for (let i = 0; i < out.length; i++) {
    const slot = slots[i]
    const u = x[i]
    out[i] = slot < 0 || u < 0 ? UNCOUNTED : slot * pairWidth + u * points
  }
}

/**
 * Adds each row's w to the joint count of its points on x and y, `pair` being the pair's block.
 * A row counts where its base and its y are both there: the sum of the two is then the bin,
 * and negative otherwise.
 */
function addColumnPair(
  pair: Float64Array,
  bases: Int32Array,
  y: Int8Array,
  weight: Float64Array | null,
) {
  if (weight) {
    for (let i = 0; i < bases.length; i++) {
      const v = y[i]
      const at = bases[i] + v
      if ((at | v) >= 0) pair[at] += weight[i]
    }
    return
  }
  for (let i = 0; i < bases.length; i++) {
    const v = y[i]
    const at = bases[i] + v
    if ((at | v) >= 0) pair[at] += 1
  }
}

/** A triple (or, at the end, a pair) of variables and the pairs its joint table counts. */
export interface Triple {
  variables: number[]
  pairs: [a: number, b: number][]
}

/**
 * Triples of variables that between them count every pair once: for each pair not yet counted,
 * in order, the third variable that brings most pairs not yet counted (a pair alone when none
 * does). Nine variables take 14 triples for their 36 pairs.
 */
export function triplesOf(variables: number): Triple[] {
  const counted = new Uint8Array(variables * variables)
  const triples: Triple[] = []
  for (let a = 0; a < variables; a++) {
    for (let b = a + 1; b < variables; b++) {
      if (counted[a * variables + b]) continue
      let third = -1
      let most = 0
      for (let c = b + 1; c < variables; c++) {
        const fresh = 2 - counted[a * variables + c] - counted[b * variables + c]
        if (fresh > most) {
          most = fresh
          third = c
        }
      }
      const triple: Triple = { variables: [a, b], pairs: [[a, b]] }
      counted[a * variables + b] = 1
      if (third >= 0) {
        triple.variables.push(third)
        for (const x of [a, b]) {
          if (counted[x * variables + third]) continue
          counted[x * variables + third] = 1
          triple.pairs.push([x, third])
        }
      }
      triples.push(triple)
    }
  }
  return triples
}

/**
 * Counts (no weights) by triples: each row adds 1 to its bin of the triple's joint table,
 * (slot, point + 1 on each variable), 0 standing for not answered and rows in no slot going to
 * a slot of their own; each pair is then the table summed over the third variable.
 */
function addByTriples(
  drivers: Float64Array,
  columns: Int8Array[],
  slots: Int8Array,
  slotCount: number,
  pairs: PairLayout,
) {
  const { points } = pairs
  const size = points + 1
  const n = slots.length
  // Rows in no slot go to a slot of their own, past the others, never read.
  const slotBase = new Int32Array(n)
  for (let i = 0; i < n; i++) slotBase[i] = (slots[i] < 0 ? slotCount : slots[i]) * size ** 3
  // Counts of rows, whole numbers: Int32 adds faster than Float64 in workerd (1.15 → 0.8 ms
  // for the sample's pairs), and reading a row's lead once per first variable 0.8 → 0.55.
  const table = new Int32Array((slotCount + 1) * size ** 3)
  // Each row's bin less its last two variables' terms: its slot's block, its point on the
  // triple's first variable and the +1s of the others. Made again only when the first
  // variable changes (triples come in order of it), so a row is read once less per triple.
  const leads = new Int32Array(n)
  let lead = ''
  for (const triple of triplesOf(columns.length)) {
    const [a, b, c] = triple.variables
    // The strides of the variables in the table: the triple's first varies slowest.
    const strides = c === undefined ? [size, 1] : [size * size, size, 1]
    if (lead !== `${a}:${strides.length}`) {
      lead = `${a}:${strides.length}`
      const x = columns[a]
      const ones = c === undefined ? 1 : size + 1
      for (let i = 0; i < n; i++) leads[i] = slotBase[i] + (x[i] + 1) * strides[0] + ones
    }
    table.fill(0)
    const y = columns[b]
    if (c === undefined) {
      for (let i = 0; i < n; i++) table[leads[i] + y[i]] += 1
    } else {
      const z = columns[c]
      for (let i = 0; i < n; i++) table[leads[i] + y[i] * size + z[i]] += 1
    }
    for (const [p, q] of triple.pairs) {
      const of = (v: number) => strides[triple.variables.indexOf(v)]
      const [sp, sq] = [of(p), of(q)]
      // Summed over the third variable (stride 0 and a single term for a pair alone).
      const rest = strides.find((_, k) => triple.variables[k] !== p && triple.variables[k] !== q)
      const terms = rest === undefined ? 1 : size
      const at = pairs.pair(p, q)
      for (let slot = 0; slot < slotCount; slot++) {
        for (let u = 0; u < points; u++) {
          for (let v = 0; v < points; v++) {
            const from = slot * size ** 3 + (u + 1) * sp + (v + 1) * sq
            let sum = 0
            for (let t = 0; t < terms; t++) sum += table[from + t * (rest ?? 0)]
            drivers[slot * pairs.width + at + u * points + v] += sum
          }
        }
      }
    }
  }
}
