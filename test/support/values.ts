/** Comparing lists of numbers in the tests. */
import { expect } from 'vitest'

/**
 * `actual` as long as `expected`, each value within `tolerance` of the expected one (an
 * absolute difference); null where `expected` has null.
 */
export function expectValues(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  tolerance: number,
): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((a, i) => {
    const e = expected[i]
    if (e === null) expect(a, `value ${i}`).toBe(null)
    else
      expect(Math.abs((a as number) - e), `value ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance)
  })
}
