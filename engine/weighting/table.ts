/** @module Checks a raking input and reduces it to one canonical table of cells. */
import { RakeError } from './error'
import type { RakeInput } from './types'

/** Shares of a role may sum to 1 within this; they are then rescaled to sum to exactly 1. */
export const SHARE_SUM_TOLERANCE = 1e-6

/** A checked input: cells merged and sorted canonically, targets per category index. */
export interface RakeTable {
  readonly roles: readonly string[]
  readonly labels: readonly (readonly string[])[]
  /** Per role, the category indices that have respondents, in the data's order. */
  readonly raked: readonly (readonly number[])[]
  /** Per role, target share by category index (rescaled to sum to 1; 0 where absent). */
  readonly targets: readonly Float64Array[]
  /** Per role, the category index of each canonical cell. */
  readonly cats: readonly Int32Array[]
  readonly weight: Float64Array
  readonly count: Float64Array
  /** Respondents in all cells. */
  readonly n: number
  /** Per role, respondents per category index. */
  readonly people: readonly Float64Array[]
  /** For each input cell, its canonical cell. */
  readonly cellOf: Int32Array
}

const quote = (label: string) => JSON.stringify(label)
const list = (labels: readonly string[]) => labels.map(quote).join(', ')
const respondents = (n: number) => `${n} respondent${n === 1 ? '' : 's'}`

/**
 * Refuses what raking cannot honestly use and builds the canonical table.
 * Cells with the same categories and base weight are merged (counts are integers, so sums are
 * exact) and sorted by categories then weight: every later sum runs in that order, so the
 * result is bit-identical however the survey was chunked or its cells ordered.
 * @throws {RakeError} naming the role and categories of the first problem found.
 */
export function rakeTable(input: RakeInput): RakeTable {
  const { roles, categories, cells, margins } = input
  if (roles.length === 0) throw new RakeError('bad_input', 'raking needs at least one role')
  if (new Set(roles).size !== roles.length) {
    throw new RakeError('bad_input', `the raking roles repeat a role: ${list(roles)}`)
  }
  if (categories.length !== roles.length) {
    throw new RakeError(
      'bad_input',
      `${roles.length} raking roles but category labels for ${categories.length}`,
    )
  }
  roles.forEach((role, r) => {
    if (new Set(categories[r]).size !== categories[r].length) {
      throw new RakeError('bad_input', `the categories of ${quote(role)} repeat a label`, role)
    }
  })

  for (const role of margins.keys()) {
    if (!roles.includes(role)) {
      throw new RakeError(
        'unknown_role',
        `the margins name the role ${quote(role)}, which is not among the raking roles (${list(roles)})`,
        role,
      )
    }
  }
  for (const role of roles) {
    if (!margins.has(role)) {
      throw new RakeError(
        'role_without_margins',
        `the raking role ${quote(role)} has no margins`,
        role,
      )
    }
  }
  for (const [role, shares] of margins) {
    let total = 0
    for (const [category, share] of shares) {
      if (!Number.isFinite(share) || share < 0) {
        throw new RakeError(
          'bad_shares',
          `the share of ${role} ${quote(category)} must be a number from 0 to 1, not ${share}`,
          role,
          [category],
        )
      }
      total += share
    }
    if (!(Math.abs(total - 1) <= SHARE_SUM_TOLERANCE)) {
      throw new RakeError(
        'bad_shares',
        `the shares of ${quote(role)} sum to ${Number(total.toPrecision(8))}, not 1`,
        role,
        [...shares.keys()],
      )
    }
  }

  // Merge by categories and weight; the key is exact because a number's shortest string
  // round-trips to the same double.
  const merged = new Map<string, { categories: readonly number[]; weight: number; count: number }>()
  const keys: string[] = []
  cells.forEach((cell, i) => {
    const where = `raking cell ${i + 1}`
    if (cell.categories.length !== roles.length) {
      throw new RakeError(
        'bad_input',
        `${where} has ${cell.categories.length} categories, not one per raking role (${roles.length})`,
      )
    }
    cell.categories.forEach((c, r) => {
      if (!Number.isInteger(c) || c < -1 || c >= categories[r].length) {
        throw new RakeError(
          'bad_input',
          `${where} has category ${c} for ${quote(roles[r])}, which has ${categories[r].length}`,
          roles[r],
        )
      }
    })
    if (!(Number.isFinite(cell.weight) && cell.weight > 0)) {
      throw new RakeError(
        'bad_input',
        `${where} has base weight ${cell.weight}, not a positive number`,
      )
    }
    if (!(Number.isInteger(cell.count) && cell.count > 0)) {
      throw new RakeError('bad_input', `${where} has count ${cell.count}, not a positive integer`)
    }
    const key = `${cell.categories.join(',')}|${cell.weight}`
    keys.push(key)
    const seen = merged.get(key)
    if (seen) seen.count += cell.count
    else merged.set(key, { categories: cell.categories, weight: cell.weight, count: cell.count })
  })
  if (cells.length === 0) throw new RakeError('bad_input', 'raking needs respondents')

  const sorted = [...merged.entries()].sort(([, a], [, b]) => {
    for (let r = 0; r < roles.length; r++) {
      if (a.categories[r] !== b.categories[r]) return a.categories[r] - b.categories[r]
    }
    return a.weight - b.weight
  })
  const position = new Map(sorted.map(([key], k) => [key, k]))
  const size = sorted.length
  const cats = roles.map((_, r) => Int32Array.from(sorted, ([, cell]) => cell.categories[r]))
  const weight = Float64Array.from(sorted, ([, cell]) => cell.weight)
  const count = Float64Array.from(sorted, ([, cell]) => cell.count)
  let n = 0
  for (let k = 0; k < size; k++) n += count[k]

  // Respondents per category; -1 is counted apart: raking would have to drop them.
  const people = roles.map((_, r) => new Float64Array(categories[r].length))
  roles.forEach((role, r) => {
    let missing = 0
    for (let k = 0; k < size; k++) {
      if (cats[r][k] < 0) missing += count[k]
      else people[r][cats[r][k]] += count[k]
    }
    if (missing > 0) {
      throw new RakeError(
        'missing_category',
        `${respondents(missing)} ${missing === 1 ? 'has' : 'have'} no ${role}: raking needs every respondent's ${role}`,
        role,
        [],
        missing,
      )
    }
  })

  const raked = roles.map((_, r) => categories[r].flatMap((_, c) => (people[r][c] > 0 ? [c] : [])))
  const targets = roles.map((role, r) => {
    const shares = margins.get(role) as ReadonlyMap<string, number>
    const inData = new Set(raked[r].map((c) => categories[r][c]))
    const absent = [...shares.keys()].filter((label) => !inData.has(label))
    if (absent.length > 0) {
      throw new RakeError(
        'absent_category',
        `${role} ${list(absent)} ${absent.length === 1 ? 'is' : 'are'} in the margins but no respondent has ${absent.length === 1 ? 'it' : 'them'}`,
        role,
        absent,
      )
    }
    const unlisted = raked[r].filter((c) => !shares.has(categories[r][c]))
    if (unlisted.length > 0) {
      const held = unlisted.reduce((s, c) => s + people[r][c], 0)
      throw new RakeError(
        'unlisted_category',
        `${role} ${list(unlisted.map((c) => categories[r][c]))} (${respondents(held)}) ${unlisted.length === 1 ? 'is' : 'are'} in the data but not in the margins`,
        role,
        unlisted.map((c) => categories[r][c]),
        held,
      )
    }
    const zero = raked[r].filter((c) => shares.get(categories[r][c]) === 0)
    if (zero.length > 0) {
      const held = zero.reduce((s, c) => s + people[r][c], 0)
      throw new RakeError(
        'zero_share',
        `${role} ${list(zero.map((c) => categories[r][c]))} ${zero.length === 1 ? 'has' : 'have'} share 0 in the margins but ${respondents(held)}, who would get weight 0`,
        role,
        zero.map((c) => categories[r][c]),
        held,
      )
    }
    // Rescaled in the data's order (not the map's), so the targets do not depend on how the
    // margins were listed, and the roles agree exactly on the total they imply.
    let total = 0
    for (const c of raked[r]) total += shares.get(categories[r][c]) as number
    const target = new Float64Array(categories[r].length)
    for (const c of raked[r]) target[c] = (shares.get(categories[r][c]) as number) / total
    return target
  })

  return {
    roles,
    labels: categories,
    raked,
    targets,
    cats,
    weight,
    count,
    n,
    people,
    cellOf: Int32Array.from(keys, (key) => position.get(key) as number),
  }
}
