/** @module Sheet ids for the Sheets API: the same table always lands on the same sheet id. */
import { TABLE_IDS, type TableId } from '../../engine/index'

/** "SAPA" in ASCII: a fixed base far from the small ids Sheets gives ordinary sheets. */
export const SHEET_ID_BASE = 0x53415041

/** The same table always lands on the same sheet id, whatever else the report holds. */
export function sheetIdOf(table: TableId): number {
  return SHEET_ID_BASE + TABLE_IDS.indexOf(table)
}
