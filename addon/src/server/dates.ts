/**
 * @module Dates of a `getValues` grid made one object per time value. Apps Script returns a new
 * Date for every date cell, and dictionary coding keys cells by identity, so a date column the
 * report reads would code to one entry per row (303 kB of the 2017 sample's 808 kB body, when
 * its survey-date column was still sent).
 */
import type { Cell } from '../../../engine/index'

/** The same grid, every Date with the same time value (invalid ones too) replaced by one object. */
export function internDates(values: Cell[][]): Cell[][] {
  const seen = new Map<number, Date>()
  let changed = false
  const rows = values.map((row) => {
    let copy: Cell[] | null = null
    row.forEach((cell, c) => {
      if (!(cell instanceof Date)) return
      const time = cell.getTime()
      let first = seen.get(time)
      if (first === undefined) {
        first = cell
        seen.set(time, cell)
      }
      if (first !== cell) {
        copy ??= [...row]
        copy[c] = first
      }
    })
    if (copy) changed = true
    return copy ?? row
  })
  return changed ? rows : values
}
