/**
 * @module "Regenerate report": one read of the responses (and of the previous wave's and the
 * margins' sheets), one call to the Worker (or one fan-out), the report's sheets built from its
 * tables, written as new sheets and swapped in only when complete; the dialog says exactly what
 * state the workbook is left in, and the finishing toast which columns were not read.
 */
import type { Cell, WeightingOptions } from '../../../engine/index'
import { buildSheets } from '../../../sheets/index'
import type { SheetInfo } from '../platform/types'
import { replaceReport, type SwapOutcome } from '../report/swap'
import { roleKey, type Translate } from '../shared/messages'
import { checkWorkerUrl, cleanMapping, previousMissing, type Settings } from '../shared/settings'
import { type App, translate } from './app'
import { describeProblems, readMargins } from './margins'
import { savedSettings } from './settings-store'
import { messageOf, type ReportInput, requestReport, WorkerError } from './worker-client'

const LOCK_WAIT_MS = 5_000

export function regenerate(app: App): void {
  const { platform } = app
  const { workbook, ui } = platform
  const t = translate(app)
  const lock = platform.lock(LOCK_WAIT_MS)
  if (!lock) {
    ui.alert(t('busy.title'), t('busy.message'))
    return
  }
  const started = Date.now()
  try {
    const settings = savedSettings(platform.store)
    if (!settings?.workerUrl) throw new WorkerError(t('setup.title'), t('setup.message'))
    // Saved before this build's allowlist, or edited by hand: say why before Apps Script refuses.
    const urlProblem = checkWorkerUrl(settings.workerUrl, app.allowlist, t)
    if (urlProblem) {
      throw new WorkerError(t('badUrl.title'), t('badUrl.message', { reason: `${urlProblem}.` }))
    }
    // The workbook's sheets read once: the responses', the previous wave's, the margins'.
    const sheetNamed = namedIn(workbook.sheets())
    const sheet = sheetNamed(settings.sheet)
    if (!sheet) {
      throw new WorkerError(t('noSheet.title'), t('noSheet.message', { sheet: settings.sheet }))
    }
    const input = readInput(app, settings, sheet, sheetNamed, t)
    const respondents = thousands(Math.max(0, input.values.length - 1))
    workbook.toast(t('toast.scoring', { n: respondents }), -1)
    const { reply, unused } = requestReport(platform, settings, input, t)
    const models = buildSheets(reply, { generatedAt: new Date().toISOString() })
    workbook.toast(t('toast.writing', { n: models.length }), -1)
    const outcome = replaceReport(workbook, models, platform.uuid().slice(0, 8))
    report(app, outcome, t, started, unused)
  } catch (error) {
    workbook.toast(t('toast.stopped'), 5)
    if (error instanceof WorkerError) ui.alert(error.title, error.message)
    else {
      platform.log(`Sapa: ${messageOf(error)}`)
      ui.alert(t('write.title'), t('swap.untouched', { error: messageOf(error) }))
    }
  } finally {
    lock.release()
  }
}

/**
 * Everything the report reads from the workbook, each sheet in one `getValues`: the responses,
 * the previous wave's sheet, the margins' sheet (read into `weighting`, every bad row named).
 */
function readInput(
  app: App,
  settings: Settings,
  sheet: SheetInfo,
  sheetNamed: (name: string) => SheetInfo | undefined,
  t: Translate,
): ReportInput {
  const { workbook } = app.platform
  const values = workbook.values(sheet.id)
  let previous: Cell[][] | undefined
  if (settings.previousSheet !== '') {
    const found = sheetNamed(settings.previousSheet)
    if (!found) {
      throw new WorkerError(
        t('previous.title'),
        t('previous.noSheet', { sheet: settings.previousSheet }),
      )
    }
    previous = workbook.values(found.id)
    const header = (previous[0] ?? []).map((h) => String(h ?? '').trim())
    const [role] = previousMissing(cleanMapping(settings.mapping), header)
    if (role !== undefined) {
      throw new WorkerError(
        t('previous.title'),
        t('previous.missing', { sheet: found.name, role: t(roleKey(role)) }),
      )
    }
  }
  let weighting: WeightingOptions | undefined
  if (settings.marginsSheet !== '') {
    const found = sheetNamed(settings.marginsSheet)
    if (!found) {
      throw new WorkerError(
        t('margins.title'),
        t('margins.noSheet', { sheet: settings.marginsSheet }),
      )
    }
    const { margins, problems } = readMargins(workbook.values(found.id))
    if (problems.length > 0 || Object.keys(margins).length === 0) {
      const text = problems.length > 0 ? describeProblems(problems, t) : t('margins.empty')
      throw new WorkerError(
        t('margins.title'),
        t('margins.message', { sheet: found.name, problems: text }),
      )
    }
    const { min, max } = settings.trim
    const trim = { ...(min !== null ? { min } : {}), ...(max !== null ? { max } : {}) }
    weighting = { margins, ...(Object.keys(trim).length > 0 ? { trim } : {}) }
  }
  return { values, previous, weighting }
}

/** The sheet of `sheets` with exactly that name, if any. */
function namedIn(sheets: readonly SheetInfo[]): (name: string) => SheetInfo | undefined {
  return (name) => sheets.find((s) => s.name === name)
}

/** Headers named in the finishing toast at most; the rest are counted. */
const UNUSED_NAMED = 3
const UNUSED_NAME_LENGTH = 40

/** "A, B, C, …": the first few headers, each cut short. */
function someNames(headers: readonly string[]): string {
  const cut = (h: string) =>
    h.length > UNUSED_NAME_LENGTH ? `${h.slice(0, UNUSED_NAME_LENGTH - 1)}…` : h
  const names = headers.slice(0, UNUSED_NAMED).map(cut)
  return headers.length > UNUSED_NAMED ? `${names.join(', ')}, …` : names.join(', ')
}

/** The toast and dialog of a finished swap: what is where, and what the next run does. */
function report(
  { platform }: App,
  outcome: SwapOutcome,
  t: Translate,
  started: number,
  unused: readonly string[],
) {
  const { workbook, ui } = platform
  const dialog = swapDialog(outcome, t)
  if (dialog) {
    workbook.toast(t(dialog.changed ? 'toast.problem' : 'toast.stopped'), 5)
    ui.alert(dialog.title, dialog.message)
    return
  }
  const [first] = outcome.kind === 'done' ? outcome.sheets : []
  if (first) tryTo(() => workbook.activate(first.id))
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  // Columns the report did not read are said, never silently ignored (DESIGN §3).
  if (unused.length === 0) workbook.toast(t('toast.done', { seconds }), 5)
  else {
    const names = someNames(unused)
    workbook.toast(t('toast.doneUnused', { seconds, n: unused.length, names }), 10)
  }
}

/**
 * What the analyst is told after a swap that did not simply succeed: exactly which sheets are
 * where, and what the next run does about them. `changed`: the workbook is not as it was.
 */
export function swapDialog(
  outcome: SwapOutcome,
  t: Translate,
): { title: string; message: string; changed: boolean } | null {
  const names = (sheets: readonly SheetInfo[]) => sheets.map((s) => `"${s.name}"`).join(', ')
  const leftovers = (sheets: readonly SheetInfo[]) =>
    sheets.length === 0 ? '' : ` ${t('swap.leftovers', { n: sheets.length, names: names(sheets) })}`
  switch (outcome.kind) {
    case 'done':
      return null
    case 'notBuilt':
    case 'oldKept': {
      const error = messageOf(outcome.error)
      const first =
        outcome.kind === 'notBuilt' ? t('swap.untouched', { error }) : t('swap.oldKept', { error })
      return {
        title: t('write.title'),
        message: first + leftovers(outcome.leftovers),
        changed: outcome.leftovers.length > 0,
      }
    }
    case 'partial': {
      const error = messageOf(outcome.error)
      const parts: string[] = []
      const { oldLeft, unnamed } = outcome
      if (oldLeft.length > 0) {
        parts.push(t('swap.partial', { n: oldLeft.length, names: names(oldLeft), error }))
      }
      if (unnamed.length > 0) {
        parts.push(t('swap.unnamed', { n: unnamed.length, names: names(unnamed), error }))
      }
      return { title: t('write.partialTitle'), message: parts.join(' '), changed: true }
    }
  }
}

function tryTo(action: () => void) {
  try {
    action()
  } catch {
    // Showing the first sheet is a courtesy; the report is written either way.
  }
}

/** 9517 → "9,517": Apps Script's Intl support is not to be relied on. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
