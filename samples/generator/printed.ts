/**
 * @module A printed figure as the whole-number bounds it puts on a ratio.
 *
 * A figure printed as t with d decimals stands for any value in [t − ½·10⁻ᵈ, t + ½·10⁻ᵈ)
 * (the report rounds half up). For a ratio scale·A/B of whole counts that is
 * f·A − L·B ≥ 0 and f·A − H·B ≤ −1 with f = 2·10ᵈ·scale, L = 2·10ᵈ·t − 1, H = 2·10ᵈ·t + 1:
 * integers only, so no rounding of doubles decides a boundary case.
 */

export interface PrintedBounds {
  f: number
  L: number
  H: number
}

/** Decimals a printed figure shows: "65.0" → 1, "75" → 0. */
export const decimalsOf = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0)

/** Bounds of a figure printed as `text`, for scale·A/B (scale 100 for a percentage). */
export function printedBounds(text: string, scale = 1): PrintedBounds {
  const unit = 2 * 10 ** decimalsOf(text)
  const twice = Math.round(Number(text) * unit)
  if (!Number.isFinite(twice)) throw new Error(`not a printed number: "${text}"`)
  return { f: unit * scale, L: twice - 1, H: twice + 1 }
}

/** How far A/B is outside the bounds, in units of A (0 when it prints as the figure). */
export function ratioMiss(A: number, B: number, { f, L, H }: PrintedBounds): number {
  if (B === 0) return A === 0 ? 1 : A
  const low = L * B - f * A
  const high = f * A - H * B + 1
  return (low > 0 ? low : Math.max(high, 0)) / f
}

/** Whether scale·A/B prints as `text`. */
export const printsAs = (A: number, B: number, text: string, scale = 1) =>
  B > 0 && ratioMiss(A, B, printedBounds(text, scale)) === 0
