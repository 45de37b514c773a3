/** A survey's rows cut into chunks and their states merged, as a fan-out does, in the tests. */
import { mergeStates, type PartialState } from '../../engine/index'

/**
 * The chunks of `rows` cut before each of `cuts` (distinct row numbers; those outside
 * 1..rows.length − 1 are left out), in order, each with its first row's sheet row (the
 * header is row 1).
 */
export function chunksOf<T>(
  rows: readonly T[],
  cuts: readonly number[],
): { rows: T[]; firstRow: number }[] {
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < rows.length).sort((a, b) => a - b)]
  bounds.push(rows.length)
  return bounds
    .slice(0, -1)
    .map((start, i) => ({ rows: rows.slice(start, bounds[i + 1]), firstRow: 2 + start }))
}

/**
 * `states` merged in the tree and order that `picks` choose, each merge taking its operands
 * either way round: what associativity and commutativity allow a fan-out.
 */
export function mergeInAnyOrder(
  states: readonly PartialState[],
  picks: readonly number[],
): PartialState {
  const left = [...states]
  let k = 0
  while (left.length > 1) {
    const i = picks[k++ % picks.length] % left.length
    const [a] = left.splice(i, 1)
    const j = picks[k++ % picks.length] % left.length
    left[j] = k % 2 ? mergeStates(a, left[j]) : mergeStates(left[j], a)
  }
  return left[0]
}
