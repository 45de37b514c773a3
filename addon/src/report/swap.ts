/**
 * @module The report's sheets written beside the previous report and swapped in for it, with an
 * exact account of what happened when a step fails: which sheets were made, removed, kept or left
 * unnamed, so the dialog can say what state the workbook is in and what the next run will do.
 */
import { freeTitle, METADATA_KEY, SHEETS_LIMITS, type SheetModel } from '../../../sheets/index'
import type { SheetInfo, Workbook } from '../platform/types'

/** How a replacement ended; every case names the sheets a user may find out of place. */
export type SwapOutcome =
  /** The new report is in place under its titles, the previous one gone. */
  | { kind: 'done'; sheets: SheetInfo[] }
  /**
   * Building failed: the previous report is untouched. `leftovers` are the unfinished sheets
   * that could not be deleted (marked, so the next run deletes them).
   */
  | { kind: 'notBuilt'; error: unknown; leftovers: SheetInfo[] }
  /**
   * No sheet of the previous report could be deleted: the new ones were removed again (but for
   * `leftovers`), the previous report is as it was.
   */
  | { kind: 'oldKept'; error: unknown; leftovers: SheetInfo[] }
  /**
   * The new report is in place; `oldLeft` are sheets of the previous report that could not be
   * deleted, `unnamed` new sheets still under their temporary names (both marked: the next run
   * replaces them).
   */
  | {
      kind: 'partial'
      error: unknown
      sheets: SheetInfo[]
      oldLeft: SheetInfo[]
      unnamed: SheetInfo[]
    }

/** The sheets of the previous report: those carrying Sapa's developer metadata. */
export function previousReport(workbook: Workbook): SheetInfo[] {
  return workbook.marked(METADATA_KEY).map(({ id, name }) => ({ id, name }))
}

/**
 * Builds every sheet under a temporary name (`Sapa <run> <n>`), each marked before it is filled;
 * only when all are complete are the previous report's sheets deleted and the new ones given
 * their titles (or the next free one: a user's sheet is never touched).
 */
export function replaceReport(
  workbook: Workbook,
  models: readonly SheetModel[],
  runId: string,
): SwapOutcome {
  const previous = previousReport(workbook)
  const built: SheetInfo[] = []
  // The titles the new sheets must not take: every sheet but the previous report's. Read
  // before anything changes, so that a failure here still leaves the report as it was.
  let others: SheetInfo[]
  try {
    const old = new Set(previous.map((sheet) => sheet.id))
    others = workbook.sheets().filter((sheet) => !old.has(sheet.id))
    models.forEach((model, i) => {
      const sheet = workbook.insertSheet(`Sapa ${runId} ${i + 1}`)
      built.push(sheet)
      workbook.writeReportSheet(sheet.id, model)
    })
  } catch (error) {
    return { kind: 'notBuilt', error, leftovers: discard(workbook, built) }
  }

  let firstError: unknown
  const oldLeft: SheetInfo[] = []
  for (const sheet of previous) {
    try {
      workbook.deleteSheet(sheet.id)
    } catch (error) {
      firstError ??= error
      oldLeft.push(sheet)
    }
  }
  if (previous.length > 0 && oldLeft.length === previous.length) {
    // Nothing was deleted: going back is still possible.
    return { kind: 'oldKept', error: firstError, leftovers: discard(workbook, built) }
  }

  const unnamed: SheetInfo[] = []
  const taken = new Set([...others, ...oldLeft].map((sheet) => sheet.name.toLowerCase()))
  const sheets = built.map((sheet, i) => {
    const title = freeTitle(models[i].title, (t) => taken.has(t.toLowerCase()), SHEETS_LIMITS.title)
    try {
      workbook.renameSheet(sheet.id, title)
      taken.add(title.toLowerCase())
      return { id: sheet.id, name: title }
    } catch (error) {
      firstError ??= error
      unnamed.push(sheet)
      taken.add(sheet.name.toLowerCase())
      return sheet
    }
  })
  if (oldLeft.length === 0 && unnamed.length === 0) return { kind: 'done', sheets }
  return { kind: 'partial', error: firstError, sheets, oldLeft, unnamed }
}

/** Deletes this run's sheets; returns those that could not be deleted. */
function discard(workbook: Workbook, sheets: readonly SheetInfo[]): SheetInfo[] {
  const left: SheetInfo[] = []
  for (const sheet of sheets) {
    try {
      workbook.deleteSheet(sheet.id)
    } catch {
      left.push(sheet)
    }
  }
  return left
}
