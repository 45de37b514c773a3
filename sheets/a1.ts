/** @module A1 notation: column letters and boxes, as Sheets, Apps Script and Excel write them. */
import type { Box } from './model'

/** 0 → A, 25 → Z, 26 → AA, 702 → AAA. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** `{ row: 1, column: 1, rows: 4, columns: 3 }` → `B2:D5`. */
export function a1Of(box: Box): string {
  const end = `${columnLetters(box.column + box.columns - 1)}${box.row + box.rows}`
  return `${columnLetters(box.column)}${box.row + 1}:${end}`
}
