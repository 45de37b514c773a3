/** @module A user's spreadsheet for the regenerate tests: responses, user sheets, saved settings. */
import { createHash } from 'node:crypto'
import type { SidebarState } from '../../../addon/src/shared/protocol'
import type { Cell, TableId } from '../../../engine/index'
import type { LoadedAddon } from '../apps-script/addon'
import type { FakeSheet } from '../apps-script/sheet'
import { snapshot } from '../apps-script/spreadsheet'

export const RESPONSES = 'Жауаптар'
/** A user's own sheet that has the Kazakh title of the rating sheet. */
export const NAMESAKE = 'Қызметтер рейтингі'

/** The responses, plus two sheets of the user's that Sapa must never touch. */
export function userSheets(addon: LoadedAddon, values: Cell[][]): FakeSheet[] {
  const responses = addon.spreadsheet.fakeAddSheet(RESPONSES, values)
  const namesake = addon.spreadsheet.fakeAddSheet(NAMESAKE, [
    ['My own ranking', 'Note'],
    [1, '=do not parse me'],
  ])
  const notes = addon.spreadsheet.fakeAddSheet('Notes', [['Sapa', 'is', 'a', 'guest', 'here']])
  notes.addDeveloperMetadata('someone.else', 'keep', 'DOCUMENT')
  notes.frozenRows = 1
  return [responses, namesake, notes]
}

/** Saves settings through the sidebar's server function, as the analyst would. */
export function saveSettings(
  addon: LoadedAddon,
  workerUrl: string,
  tables?: readonly TableId[],
): void {
  const state = addon.call('sidebarLoad') as SidebarState
  const result = addon.call('sidebarSave', {
    ...state.settings,
    tables: tables ?? state.settings.tables,
    workerUrl,
  }) as { ok: boolean }
  if (!result.ok) throw new Error(`settings refused: ${JSON.stringify(result)}`)
}

/** Rewrites one saved setting directly, as if the sheet had changed since it was saved. */
export function patchSettings(addon: LoadedAddon, patch: Record<string, unknown>): void {
  const document = addon.properties.document
  const saved = JSON.parse(document.getProperty('sapa.settings') ?? '{}')
  document.setProperty('sapa.settings', JSON.stringify({ ...saved, ...patch }))
  // Settings this short are one property; a longer one would be in parts (see the platform).
}

/** Names in order, and a hash of everything else a user could see. */
export function fingerprint(addon: LoadedAddon): { names: string[]; hash: string } {
  const sheets = snapshot(addon.spreadsheet)
  // Row by row: a sheet of 200,000 responses is more than one string can hold.
  const hash = createHash('sha256')
  for (const { cells, ...rest } of sheets) {
    hash.update(JSON.stringify(rest))
    for (const row of cells) hash.update(JSON.stringify(row))
  }
  return { names: sheets.map((s) => s.name), hash: hash.digest('hex') }
}

/** Sapa's sheets, with the table each holds (from its developer metadata). */
export function reportSheets(addon: LoadedAddon): { sheet: FakeSheet; table: TableId }[] {
  return addon.spreadsheet.sheets.flatMap((sheet) => {
    const mark = sheet.metadata.find((m) => m.key === 'sapa.generated')
    return mark ? [{ sheet, table: JSON.parse(mark.value).table as TableId }] : []
  })
}
