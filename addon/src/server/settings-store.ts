/** @module Settings in the document's properties, and the sheets they may point at. */

import type { DocumentStore, SheetInfo, Workbook } from '../platform/types'
import { previousReport } from '../report/swap'
import type { Translate } from '../shared/messages'
import type { Detection } from '../shared/protocol'
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings'
import { detectMapping } from './detect'

const KEY = 'sapa.settings'
export const EXAMPLES_KEY = 'sapa.examples'

export function savedSettings(store: DocumentStore): Settings | null {
  const text = store.get(KEY)
  if (!text) return null
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(text) as Settings) }
  } catch {
    return null
  }
}

export function storeSettings(store: DocumentStore, settings: Settings): void {
  store.set(KEY, JSON.stringify(settings))
}

/** Sheets that may hold responses: every sheet but Sapa's own (report and examples). */
export function responseSheets(workbook: Workbook): SheetInfo[] {
  const ours = new Set(
    [...previousReport(workbook), ...workbook.marked(EXAMPLES_KEY)].map((sheet) => sheet.id),
  )
  return workbook.sheets().filter((sheet) => !ours.has(sheet.id))
}

export function detectionOf(workbook: Workbook, sheet: SheetInfo, t: Translate): Detection {
  const headers = workbook.headerRow(sheet.id)
  return { sheet: sheet.name, headers, ...detectMapping(headers, t) }
}
