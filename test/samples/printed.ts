/**
 * What the checks of the samples against the printed report share: how many cells each printed
 * table has, and how a value or a ratio of counts is compared with a printed figure. None of it
 * is computed by the engine.
 */

/** Printed cells per table (blank cells of 16 and 108 count as printed zeros). */
export const PRINTED: Record<string, number> = {
  '1': 165,
  '2': 24,
  '3': 168,
  '5': 69,
  '107': 93,
  '6': 200,
  '7': 69,
  '8': 51,
  '108': 85,
  '111': 16,
  '9': 170,
  '10': 51,
  '17': 51,
  '14': 103,
  '734': 10,
  '15': 153,
  '16': 119,
  '104': 56,
  '109': 447,
  '122': 48,
  place: 56,
  age: 26,
  drivers: 24,
}

/** Whether a real value rounds (half away from zero) to the printed text. */
export function near(value: number | null | undefined, text: string): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false
  const d = text.includes('.') ? text.split('.')[1].length : 0
  const f = 10 ** d
  return Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9) === Math.round(Number(text) * f)
}

/** Whether scale·a/b rounds (half up) to the printed text, in whole numbers only (never when b is 0). */
export function prints(a: number, b: number, text: string, scale = 1): boolean {
  if (b === 0) return false
  const d = text.includes('.') ? text.split('.')[1].length : 0
  const twice = Math.round(Number(text) * 2 * 10 ** d)
  const lhs = 2 * 10 ** d * scale * a
  return lhs >= (twice - 1) * b && lhs < (twice + 1) * b
}

/** `x` rounded to one decimal, half up (a hair above .x5 so a double just under it still goes up). */
export const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10
