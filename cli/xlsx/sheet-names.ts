/** @module Worksheet names Excel accepts, unique in their workbook. */

/** Excel refuses longer worksheet names. */
export const MAX_EXCEL_NAME = 31

/**
 * `title` cut to 31 characters, `[]:*?/\` replaced by `-`, no leading or trailing
 * apostrophe, and a numbered suffix when `taken` already holds it (compared
 * case-insensitively, as Excel does).
 *
 * @example
 * excelSheetName('Тамыр-таныстар, бейресми сыйақылар және шағымдар', [])
 * // → 'Тамыр-таныстар, бейресми сыйақы'
 */
export function excelSheetName(title: string, taken: readonly string[]): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet'
  const used = new Set(taken.map((name) => name.toLowerCase()))
  let name = base.slice(0, MAX_EXCEL_NAME).trimEnd()
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`
    name = base.slice(0, MAX_EXCEL_NAME - suffix.length).trimEnd() + suffix
  }
  return name
}
