/** @module Worksheet names Excel accepts, unique in their workbook: the sheets' title policy. */
import { caseless, freeTitle, XLSX_LIMITS } from '../../sheets/index'

/**
 * `title` with `[]:*?/\` replaced by `-` and no leading or trailing apostrophe, then given a
 * free name of at most 31 characters among `taken` (compared case-insensitively, as Excel
 * does) by the same policy as every writer (`freeTitle`: "Name (2)", "Name (3)"…).
 *
 * @example
 * excelSheetName('Тамыр-таныстар, бейресми сыйақылар және шағымдар', [])
 * // → 'Тамыр-таныстар, бейресми сыйақы'
 */
export function excelSheetName(title: string, taken: readonly string[]): string {
  const allowed =
    title
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet'
  return freeTitle(allowed, caseless(taken), XLSX_LIMITS.title)
}
