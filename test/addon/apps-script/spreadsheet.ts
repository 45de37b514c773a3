/// <reference types="google-apps-script" />
/**
 * @module SpreadsheetApp and the spreadsheet stand-ins; sheets, ranges, developer metadata,
 * rule and chart builders and the Ui live in their own modules. Each implements the methods it
 * has of the `@types/google-apps-script` interface, so a renamed method or a changed parameter
 * list fails to compile. They throw where Sheets throws (ranges outside the grid, data of the
 * wrong size, duplicate names, freezing every row, deleting the last sheet).
 */

import { FakeConditionalFormatRuleBuilder, FakeRichTextValueBuilder } from './builders'
import { tracked } from './calls'
import { FakeDeveloperMetadataFinder } from './metadata'
import { as, type CellState, type Env } from './shared'
import { FakeSheet } from './sheet'
import type { FakeUi } from './ui'

type SS = typeof GoogleAppsScript.Spreadsheet
type Api = GoogleAppsScript.Spreadsheet.SpreadsheetApp

export class FakeSpreadsheetApp
  implements
    Pick<
      Api,
      | 'getActiveSpreadsheet'
      | 'getUi'
      | 'newConditionalFormatRule'
      | 'newRichTextValue'
      | 'DeveloperMetadataLocationType'
      | 'DeveloperMetadataVisibility'
      | 'InterpolationType'
    >
{
  DeveloperMetadataLocationType = as<SS['DeveloperMetadataLocationType']>({
    SPREADSHEET: 'SPREADSHEET',
    SHEET: 'SHEET',
    ROW: 'ROW',
    COLUMN: 'COLUMN',
    RANGE: 'RANGE',
  })
  DeveloperMetadataVisibility = as<SS['DeveloperMetadataVisibility']>({
    DOCUMENT: 'DOCUMENT',
    PROJECT: 'PROJECT',
  })
  InterpolationType = as<SS['InterpolationType']>({
    NUMBER: 'NUMBER',
    PERCENT: 'PERCENT',
    PERCENTILE: 'PERCENTILE',
    MIN: 'MIN',
    MAX: 'MAX',
  })

  constructor(
    private readonly env: Env,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi,
  ) {}

  getActiveSpreadsheet() {
    return as<GoogleAppsScript.Spreadsheet.Spreadsheet>(this.spreadsheet.fakeTracked())
  }

  getUi() {
    return as<GoogleAppsScript.Base.Ui>(tracked(this.ui, 'Ui', this.env.log))
  }

  newRichTextValue() {
    return as<GoogleAppsScript.Spreadsheet.RichTextValueBuilder>(
      tracked(new FakeRichTextValueBuilder(), 'RichTextValueBuilder', this.env.log),
    )
  }

  newConditionalFormatRule() {
    return as<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(
      tracked(new FakeConditionalFormatRuleBuilder(), 'ConditionalFormatRuleBuilder', this.env.log),
    )
  }
}

export class FakeSpreadsheet
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Spreadsheet,
      | 'getSheets'
      | 'getSheetByName'
      | 'getNumSheets'
      | 'insertSheet'
      | 'deleteSheet'
      | 'getActiveSheet'
      | 'toast'
      | 'createDeveloperMetadataFinder'
      | 'getSpreadsheetLocale'
    >
{
  readonly sheets: FakeSheet[] = []
  /** File › Settings › Locale. */
  locale = 'kk_KZ'
  readonly toasts: string[] = []
  active: FakeSheet | null = null
  private nextId = 1

  constructor(readonly env: Env) {}

  fakeTracked(): FakeSpreadsheet {
    return tracked(this, 'Spreadsheet', this.env.log)
  }

  /** A sheet as a user made it (not counted). */
  fakeAddSheet(name: string, values: unknown[][] = [[]]): FakeSheet {
    const sheet = new FakeSheet(this, this.nextId++, name)
    const rows = Math.max(1000, values.length)
    const columns = values.reduce((most, row) => Math.max(most, row.length), 26)
    sheet.fakeResize(rows, columns)
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        sheet.grid[r][c].value = value as CellState['value']
      })
    })
    this.sheets.push(sheet)
    this.active ??= sheet
    return sheet
  }

  fakeSheetNamed(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name)
  }

  getSheets() {
    return as<GoogleAppsScript.Spreadsheet.Sheet[]>(this.sheets.map((s) => s.fakeTracked()))
  }

  getSheetByName(name: string) {
    const sheet = this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())
    return sheet ? as<GoogleAppsScript.Spreadsheet.Sheet>(sheet.fakeTracked()) : null
  }

  getNumSheets() {
    return this.sheets.length
  }

  insertSheet(...args: unknown[]) {
    const [name, index] = args as [string, number | undefined]
    if (typeof name !== 'string') throw new Error('stand-in: insertSheet(name, index) only')
    this.fakeCheckName(name)
    const sheet = new FakeSheet(this, this.nextId++, name)
    sheet.fakeResize(1000, 26)
    this.sheets.splice(index ?? this.sheets.length, 0, sheet)
    this.active = sheet
    return as<GoogleAppsScript.Spreadsheet.Sheet>(sheet.fakeTracked())
  }

  fakeCheckName(name: string, except?: FakeSheet) {
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`)
    }
  }

  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    const target = (sheet as unknown as FakeSheet).fakeSelf()
    const at = this.sheets.indexOf(target)
    if (at < 0) throw new Error('Sheet not found')
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.")
    this.sheets.splice(at, 1)
    if (this.active === target) this.active = this.sheets[0]
  }

  getActiveSheet() {
    return as<GoogleAppsScript.Spreadsheet.Sheet>((this.active ?? this.sheets[0]).fakeTracked())
  }

  getSpreadsheetLocale() {
    return this.locale
  }

  toast(message: string, _title?: string, _timeoutSeconds?: number | null) {
    this.toasts.push(message)
  }

  createDeveloperMetadataFinder() {
    const all = this.sheets.flatMap((sheet) => sheet.metadata)
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder>(
      tracked(
        new FakeDeveloperMetadataFinder(this.env, all),
        'DeveloperMetadataFinder',
        this.env.log,
      ),
    )
  }
}

/** Everything a user could see of the spreadsheet, as plain data, for before/after comparisons. */
export function snapshot(spreadsheet: FakeSpreadsheet) {
  return spreadsheet.sheets.map((sheet) => ({
    name: sheet.name,
    id: sheet.id,
    rows: sheet.rowCount,
    columns: sheet.columnCount,
    frozenRows: sheet.frozenRows,
    cells: sheet.grid.map((row) => row.map((cell) => ({ ...cell }))),
    widths: [...sheet.widths],
    metadata: sheet.metadata.map((m) => ({ key: m.key, value: m.value, visibility: m.visibility })),
    rules: sheet.rules.map((rule) => ({
      ranges: rule.ranges.map((range) => range.getA1Notation()),
      gradient: rule.gradient,
    })),
    charts: sheet.charts,
  }))
}
