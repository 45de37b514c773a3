/** @module The formulas' last argument: the answer scale, written "MIN..MAX". */
import { checkScale, DEFAULT_SCALE, type Scale } from '../../../engine/index'

/**
 * The scale a formula's `scale` argument names: text "MIN..MAX" (`"1..10"`, `"0..10"`, with
 * `…`, `-` or `–` between also read), MIN 0 or 1, MAX 5 to 10; left out, 1..5 (DESIGN §3).
 * A setting read inside would not do: Sheets recalculates a custom function only when its
 * arguments change.
 * @example scaleArgument('1..10') // { min: 1, max: 10 }
 */
export function scaleArgument(value: unknown): Scale {
  if (value === undefined || value === null || value === '') return DEFAULT_SCALE
  const match = /^\s*(\d+)\s*(?:\.\.|…|-|–)\s*(\d+)\s*$/.exec(String(value))
  if (match) {
    try {
      return checkScale({ min: Number(match[1]), max: Number(match[2]) })
    } catch {
      // Said below, with what a scale looks like.
    }
  }
  throw new Error(
    `scale must be "MIN..MAX" with MIN 0 or 1 and MAX 5 to 10, e.g. "1..10", not "${String(value)}"`,
  )
}

/** "1..5": how messages name a scale. */
export const scaleText = (scale: Scale) => `${scale.min}..${scale.max}`
