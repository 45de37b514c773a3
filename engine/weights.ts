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
