/** @module Colour conversion: the model's 0..1 components as the hex that Apps Script and Excel take. */
import type { Rgb } from './model'

/** `{ red: 0.6, green: 0.6, blue: 0.6 }` → `#999999`; components clamped to 0..1. */
export function hexOf(color: Rgb): string {
  const part = (value: number) =>
    Math.round(Math.min(1, Math.max(0, value)) * 255)
      .toString(16)
      .padStart(2, '0')
  return `#${part(color.red)}${part(color.green)}${part(color.blue)}`
}
