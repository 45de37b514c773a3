/// <reference types="google-apps-script" />
/**
 * @module "Regenerate report": one read of the responses, one call to the Worker, the report's
 * sheets built from its tables, written as new sheets and swapped in only when complete.
 */
import type { Cell } from '../../../engine/index'
import { buildSheets } from '../../../sheets/index'
import { replaceReport } from '../report/write'
import { savedSettings } from './settings-store'
import { messageOf, requestReport, WorkerError } from './worker-client'

const LOCK_WAIT_MS = 5_000

export function regenerate(): void {
  const ui = SpreadsheetApp.getUi()
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet()
  const lock = LockService.getDocumentLock()
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    ui.alert(
      'Sapa is busy',
      'A report is already being generated in this spreadsheet.',
      ui.ButtonSet.OK,
    )
    return
  }
  const started = Date.now()
  try {
    const settings = savedSettings()
    if (!settings?.workerUrl) {
      throw new WorkerError(
        'Sapa is not set up',
        'Open Sapa › Settings, check the columns and enter the Worker URL.',
      )
    }
    const sheet = spreadsheet.getSheetByName(settings.sheet)
    if (!sheet) {
      throw new WorkerError(
        'Responses not found',
        `There is no sheet "${settings.sheet}". Choose the responses sheet in Sapa › Settings.`,
      )
    }
    toast(spreadsheet, `Reading ${thousands(Math.max(0, sheet.getLastRow() - 1))} responses…`)
    const values = sheet.getDataRange().getValues() as Cell[][]
    toast(spreadsheet, 'Scoring…')
    const reply = requestReport(settings, values)
    const sheets = buildSheets(reply, { generatedAt: new Date().toISOString() })
    toast(spreadsheet, `Writing ${sheets.length} sheets…`)
    const runId = Utilities.getUuid().slice(0, 8)
    const [first] = replaceReport(spreadsheet, sheets, runId)
    first?.activate()
    toast(spreadsheet, `Done in ${((Date.now() - started) / 1000).toFixed(1)} s`, 5)
  } catch (error) {
    toast(spreadsheet, 'Stopped: nothing was changed', 5)
    if (error instanceof WorkerError) ui.alert(error.title, error.message, ui.ButtonSet.OK)
    else {
      console.error(error)
      ui.alert(
        'The report could not be written',
        `${messageOf(error)}. The previous report is as it was.`,
        ui.ButtonSet.OK,
      )
    }
  } finally {
    lock.releaseLock()
  }
}

/** Progress stays up (-1) until the next toast replaces it. */
function toast(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  message: string,
  seconds = -1,
) {
  spreadsheet.toast(message, 'Sapa', seconds)
}

/** 9517 → "9,517": Apps Script's Intl support is not to be relied on. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
