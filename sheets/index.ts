/**
 * @module The report's sheets: one plain model built from a report (`buildSheets`), its
 * invariants (`checkSheets`), the Sheets API writer (`sheetRequests`) and what every writer
 * shares: the title policy, A1 notation and colour conversion.
 */
export { a1Of, columnLetters } from './a1'
export { type BuildOptions, buildSheets, MAX_LISTED_ISSUES } from './build/index'
export { checkSheets } from './check'
export { hexOf } from './colors'
export {
  type Box,
  type CellRef,
  type CellValue,
  type ChartModel,
  type ColorScale,
  EXTRA_SHEETS,
  type Limits,
  METADATA_KEY,
  type Rgb,
  SHEETS_DEFAULTS,
  SHEETS_LIMITS,
  type SheetKind,
  type SheetModel,
  XLSX_LIMITS,
} from './model'
export { SHEET_ID_BASE, sheetIdOf } from './requests/ids'
export { linkUri, type RequestOptions, sheetRequests } from './requests/index'
export { caseless, freeTitle } from './titles'
