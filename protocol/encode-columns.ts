/** @module DESIGN §6's compact survey body: each column dictionary-coded. */
import type { Cell, EncodedColumn } from '../engine/index'

/**
 * One `{dict, codes}` per header cell (code -1 = blank). Survey columns repeat a few
 * values, so this is a fraction of the rows' JSON and parses in a fraction of the time.
 *
 * @example
 * encodeColumns(['Арна'], [['ХҚКО'], ['egov'], ['ХҚКО'], ['']])
 * // → [{ dict: ['ХҚКО', 'egov'], codes: [0, 1, 0, -1] }]
 */
export function encodeColumns(header: readonly Cell[], rows: readonly Cell[][]): EncodedColumn[] {
  return header.map((_, c) => {
    const index = new Map<Cell, number>()
    const codes = rows.map((row) => {
      const cell = row[c]
      if (cell === '' || cell === null || cell === undefined) return -1
      let code = index.get(cell)
      if (code === undefined) {
        code = index.size
        index.set(cell, code)
      }
      return code
    })
    return { dict: [...index.keys()], codes }
  })
}
