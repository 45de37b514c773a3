/** @module Large surveys in the compact form, drawn directly as codes: no rows are ever built. */
import type { Cell, EncodedColumn } from '../engine/index'
import { encodeColumns } from '../protocol/index'
import { mulberry32 } from '../samples/generator/prng'

export interface ColumnSurvey {
  header: Cell[]
  columns: EncodedColumn[]
}

/**
 * `size` respondents drawn with replacement (fixed seed) from `header` + `rows`, as
 * dictionary-coded columns: the same respondents `resample` would draw, at a fraction of the
 * memory and time.
 * @param weights when given, a weight column «Салмақ» drawn from these values is appended.
 */
export function resampleColumns(
  header: Cell[],
  rows: Cell[][],
  size: number,
  { seed = 2017, weights }: { seed?: number; weights?: number[] } = {},
): ColumnSurvey {
  const next = mulberry32(seed)
  const picks = new Int32Array(size)
  for (let i = 0; i < size; i++) picks[i] = Math.floor(next() * rows.length)
  const columns = encodeColumns(header, rows).map((column) => {
    // encodeColumns codes every column; a `values` column is never produced.
    const { dict, codes: source } = column as { dict: Cell[]; codes: number[] }
    const codes = new Array<number>(size)
    for (let i = 0; i < size; i++) codes[i] = source[picks[i]]
    return { dict, codes }
  })
  if (!weights) return { header, columns }
  const codes = new Array<number>(size)
  for (let i = 0; i < size; i++) codes[i] = Math.floor(next() * weights.length)
  return { header: [...header, 'Салмақ'], columns: [...columns, { dict: weights, codes }] }
}
