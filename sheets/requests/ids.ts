/** @module Sheet ids for the Sheets API: the same kind of sheet always lands on the same sheet id. */
import { TABLE_IDS, type TableId } from '../../engine/index'
import { EXTRA_SHEETS, type SheetKind } from '../model'

/** "SAPA" in ASCII: a fixed base far from the small ids Sheets gives ordinary sheets. */
export const SHEET_ID_BASE = 0x53415041

/** The extra sheets sit above every table's id, so a new table never moves them. */
const EXTRA_OFFSET = 64

/** The same table (or extra sheet) always lands on the same sheet id, whatever else the report holds. */
export function sheetIdOf(kind: SheetKind): number {
  const table = TABLE_IDS.indexOf(kind as TableId)
  return table >= 0
    ? SHEET_ID_BASE + table
    : SHEET_ID_BASE + EXTRA_OFFSET + EXTRA_SHEETS.indexOf(kind as (typeof EXTRA_SHEETS)[number])
}
