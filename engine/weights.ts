/**
 * @module Survey weights as the engine counts them: each rounded to a fixed number of
 * significant bits, so that sums of them are exact in doubles and partial states merge, in any
 * order, to the same bits as one pass.
 *
 * The rounding is relative (a weight keeps 24 significant bits, like a float32), not to a fixed
 * grid: a weight of 1e-7 or 1/9517 keeps its share, and weights × c give the same report for
 * any c up to rounding of 2⁻²⁴. Sums stay exact while the sum of weights is below about 2²⁹
 * times the smallest weight, and Σw² below 2²⁹ times the smallest w² (a million rows with
 * weights within a factor of 20 of each other, or fewer rows with wider weights); beyond,
 * the figures are still right to about 10⁻¹⁶ but a fan-out may differ from one pass in the
 * last bit.
 */

/**
 * The weights a survey may carry. Far wider than any survey's (expansion weights reach about
 * 10⁷, normalised ones 10⁻⁹), and narrow enough that no sum, square or product of four sums
 * the measures take leaves the double range: with up to 10⁹ respondents Σw ≤ 10³⁹ and
 * Σw² ≤ 10⁶⁹, a product of four such sums ≤ 10²⁸⁰; the smallest square, 10⁻⁶⁰, is far from
 * underflow. A weight of 10¹⁵⁴ would make Σw² infinite and every variance NaN.
 */
export const WEIGHT_RANGE = { min: 1e-30, max: 1e30 } as const

/** Whether `w` is a weight the engine counts (false for NaN and non-numbers too). */
export const isCountableWeight = (w: unknown): w is number =>
  typeof w === 'number' && w >= WEIGHT_RANGE.min && w <= WEIGHT_RANGE.max

/** Why a weight outside the range is not counted. */
export const WEIGHT_OUTSIDE = `weight must be between ${WEIGHT_RANGE.min} and ${WEIGHT_RANGE.max}`

/**
 * The range of every non-zero sum in a partial state sent back by a client: what weights in
 * `WEIGHT_RANGE` can make (Σw² ≤ 10⁶⁹, w² ≥ 10⁻⁶⁰), with the same headroom for products.
 */
export const SUM_RANGE = { min: 1e-70, max: 1e70 } as const

/** Significant bits of a weight and of a squared weight. */
const WEIGHT_BITS = 24
const SQUARE_BITS = 24

const view = new DataView(new ArrayBuffer(8))

/** x rounded to `bits` significant bits (half away from zero on the last); 0 and non-finite unchanged. */
function roundBits(x: number, bits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x
  // The binary exponent read from the bits, not Math.log2: the same in every JavaScript engine.
  view.setFloat64(0, x)
  const biased = (view.getUint16(0) >>> 4) & 0x7ff
  const exponent = Math.max(biased, 1) - 1023
  // Near the bottom of the double range the scale itself would overflow: nothing to round.
  if (exponent < bits - 1000) return x
  // Multiplying and dividing by a power of two is exact, so only Math.round rounds.
  const scale = 2 ** (bits - 1 - exponent)
  return Math.round(x * scale) / scale
}

/** A weight as it is counted. */
export const quantizeWeight = (w: number) => roundBits(w, WEIGHT_BITS)

/** A counted weight's square, for Σw². */
export const quantizeSquare = (w: number) => roundBits(w * w, SQUARE_BITS)
