/**
 * The swap of a new report for the previous one, with a failure injected at every call it
 * makes (insert, fill, the read of the titles in use, delete, rename, and the clean-up after a
 * failure): whatever fails, the user's sheets are untouched, the dialog names exactly the sheets
 * that are out of place, and the next run leaves one clean report.
 */
import { describe, expect, it } from 'vitest'
import { replaceReport, type SwapOutcome } from '../../addon/src/report/swap'
import { swapDialog } from '../../addon/src/server/regenerate'
import { translator } from '../../addon/src/shared/messages'
import { buildSheets, METADATA_KEY } from '../../sheets/index'
import { FIXTURE_TIME, fixtureReport } from '../support/sheet-fixture'
import type { SyncHttp } from './apps-script/sync-http'
import { FakePlatform, type FakeSheet } from './support/fake-platform'

const models = buildSheets(fixtureReport(), { generatedAt: FIXTURE_TIME })
const t = translator('en')
const TITLES = models.map((m) => m.title)

/** A workbook with the user's sheets (one named like the rating sheet) and a previous report. */
function workbookWithReport() {
  const fake = new FakePlatform({ http: null as unknown as SyncHttp })
  fake.addSheet('Responses', [
    ['Service', 'Overall'],
    ['A', 5],
  ])
  fake.addSheet(TITLES[0], [['mine']])
  const workbook = fake.platform().workbook
  expect(replaceReport(workbook, models, 'first').kind).toBe('done')
  fake.resetCalls()
  return { fake, workbook }
}

const marked = (fake: FakePlatform) =>
  fake.sheets.filter((s) => s.marks.some((m) => m.key === METADATA_KEY))
const user = (fake: FakePlatform) =>
  fake.sheets.filter((s) => s.marks.length === 0).map((s) => ({ name: s.name, values: s.values }))
const quoted = (sheets: readonly { name: string }[]) => sheets.map((s) => `"${s.name}"`)

/** Every sheet the dialog names is in the workbook under that name, and vice versa. */
function expectDialogMatches(outcome: SwapOutcome, fake: FakePlatform, previous: FakeSheet[]) {
  const dialog = swapDialog(outcome, t)
  const report = marked(fake)
  const ids = (sheets: readonly { id: number }[]) => sheets.map((s) => s.id).sort()
  const temporary = report.filter((s) => s.name.startsWith('Sapa run00002 '))
  switch (outcome.kind) {
    case 'done':
      expect(dialog).toBeNull()
      expect(report.map((s) => s.name).sort()).toEqual(
        [`${TITLES[0]} (2)`, ...TITLES.slice(1)].sort(),
      )
      return
    case 'notBuilt':
    case 'oldKept': {
      // The previous report is as it was; only the listed leftovers are new.
      const old = report.filter((s) => previous.some((p) => p.id === s.id))
      expect(ids(old)).toEqual(ids(previous))
      expect(old.map((s) => s.name)).toEqual(previous.map((s) => s.name))
      expect(ids(report.filter((s) => !old.includes(s)))).toEqual(ids(outcome.leftovers))
      expect(dialog?.message).toMatch(
        outcome.kind === 'notBuilt'
          ? /The previous report is as it was/
          : /previous report is as it was/,
      )
      if (outcome.leftovers.length === 0) expect(dialog?.message).not.toMatch(/unfinished/)
      else {
        for (const name of quoted(outcome.leftovers)) expect(dialog?.message).toContain(name)
        expect(dialog?.message).toMatch(/the next run deletes them/)
      }
      expect(dialog?.changed).toBe(outcome.leftovers.length > 0)
      return
    }
    case 'partial': {
      // Every table of the new report is there; the old sheets left and the unnamed are listed.
      const fresh = report.filter((s) => !previous.some((p) => p.id === s.id))
      expect(fresh.map((s) => s.model?.table)).toEqual(models.map((m) => m.table))
      expect(ids(report.filter((s) => previous.some((p) => p.id === s.id)))).toEqual(
        ids(outcome.oldLeft),
      )
      expect(ids(temporary)).toEqual(ids(outcome.unnamed))
      for (const name of quoted([...outcome.oldLeft, ...outcome.unnamed])) {
        expect(dialog?.message).toContain(name)
      }
      expect(dialog?.message).toMatch(/The new report is written/)
      if (outcome.oldLeft.length) expect(dialog?.message).toMatch(/next run will try to delete/)
      if (outcome.unnamed.length) expect(dialog?.message).toMatch(/next run replaces them/)
      expect(dialog?.changed).toBe(true)
    }
  }
}

/** The calls a clean second run makes, per kind. */
function swapCalls(): [string, number][] {
  const { fake, workbook } = workbookWithReport()
  replaceReport(workbook, models, 'run00002')
  const kinds = [
    'workbook.sheets',
    'workbook.insertSheet',
    'workbook.writeReportSheet',
    'workbook.deleteSheet',
    'workbook.renameSheet',
  ]
  return kinds.map((kind) => [kind, fake.count(kind)])
}

describe('replaceReport with a failure at every call', () => {
  const cases = swapCalls().flatMap(([call, n]) =>
    Array.from({ length: n }, (_, i) => [call, i + 1] as const),
  )

  it('makes the calls it is tested on', () => {
    expect(Object.fromEntries(swapCalls())).toEqual({
      // The titles in use, read once, before anything changes.
      'workbook.sheets': 1,
      'workbook.insertSheet': models.length,
      'workbook.writeReportSheet': models.length,
      'workbook.deleteSheet': models.length,
      'workbook.renameSheet': models.length,
    })
  })

  it.each(cases)(
    '%s #%i fails: the dialog says where every sheet is; the next run cleans up',
    (call, nth) => {
      const { fake, workbook } = workbookWithReport()
      const before = user(fake)
      const previous = marked(fake).map((s) => ({ ...s }))
      fake.failOn(call, nth, 'Protected sheet')
      const outcome = replaceReport(workbook, models, 'run00002')
      expect(outcome.kind).not.toBe('done')
      expect('error' in outcome && (outcome.error as Error).message).toBe('Protected sheet')
      expect(user(fake)).toEqual(before)
      expectDialogMatches(outcome, fake, previous)

      fake.resetCalls()
      const next = replaceReport(workbook, models, 'run00003')
      expect(next.kind).toBe('done')
      expect(marked(fake).map((s) => s.model?.table)).toEqual(models.map((m) => m.table))
      expect(fake.sheets.filter((s) => s.name.startsWith('Sapa '))).toEqual([])
      expect(user(fake)).toEqual(before)
    },
  )

  it('a failure while building and again while cleaning up: the leftovers are named', () => {
    const { fake, workbook } = workbookWithReport()
    const previous = marked(fake).map((s) => ({ ...s }))
    fake.failOn('workbook.writeReportSheet', 3, 'Service Spreadsheets failed')
    fake.failOn('workbook.deleteSheet', 2, 'Protected sheet')
    const outcome = replaceReport(workbook, models, 'run00002')
    expect(outcome).toMatchObject({ kind: 'notBuilt', leftovers: [{ name: 'Sapa run00002 2' }] })
    expectDialogMatches(outcome, fake, previous)
    expect(swapDialog(outcome, t)?.message).toBe(
      'Service Spreadsheets failed. The previous report is as it was. 1 unfinished sheets could not be deleted: "Sapa run00002 2". They are marked as Sapa’s: the next run deletes them.',
    )
  })

  it('every old sheet protected: the new sheets are removed again, nothing changed', () => {
    const { fake, workbook } = workbookWithReport()
    const previous = marked(fake).map((s) => ({ ...s }))
    for (let n = 1; n <= models.length; n++)
      fake.failOn('workbook.deleteSheet', n, 'Protected sheet')
    const outcome = replaceReport(workbook, models, 'run00002')
    expect(outcome).toMatchObject({ kind: 'oldKept', leftovers: [] })
    expectDialogMatches(outcome, fake, previous)
  })
})
