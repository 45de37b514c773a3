/** @module Sheet ids and titles: deterministic, unique, within Sheets' limits. */
import { TABLE_IDS, type TableId } from '../../engine/index'

/** "SAPA" in ASCII: a fixed base far from the small ids Sheets gives ordinary sheets. */
export const SHEET_ID_BASE = 0x53415041

/** Sheets refuses longer sheet titles. */
export const MAX_TITLE_LENGTH = 100

/** The same table always lands on the same sheet id, whatever else the report holds. */
export function sheetIdOf(table: TableId): number {
  return SHEET_ID_BASE + TABLE_IDS.indexOf(table)
}

/**
 * Titles cut to 100 characters and made unique (Sheets compares them case-insensitively)
 * by a numbered suffix.
 */
export function uniqueTitles(titles: readonly string[]): string[] {
  const taken = new Set<string>()
  return titles.map((raw) => {
    const base = raw.trim() || 'Sapa'
    let title = base.slice(0, MAX_TITLE_LENGTH)
    for (let n = 2; taken.has(title.toLowerCase()); n++) {
      const suffix = ` (${n})`
      title = base.slice(0, MAX_TITLE_LENGTH - suffix.length) + suffix
    }
    taken.add(title.toLowerCase())
    return title
  })
}
