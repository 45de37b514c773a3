/// <reference types="google-apps-script" />
/** @module The Sheet stand-in: its grid, frozen rows, widths, metadata, rules and charts. */
import { type FakeConditionalFormatRule, FakeEmbeddedChartBuilder } from './builders'
import { tracked } from './calls'
import { FakeDeveloperMetadata } from './metadata'
import { FakeRange, FakeRangeList, parseA1 } from './range'
import { as, blankCell, type CellState } from './shared'
import type { FakeSpreadsheet } from './spreadsheet'

export interface FakeChart {
  options: Record<string, unknown>
  ranges: string[]
  headers: number
  position: number[]
  type: string
}

export class FakeSheet
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Sheet,
      | 'getName'
      | 'setName'
      | 'getSheetId'
      | 'getIndex'
      | 'activate'
      | 'getRange'
      | 'getRangeList'
      | 'getDataRange'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'insertRowsAfter'
      | 'deleteRows'
      | 'insertColumnsAfter'
      | 'deleteColumns'
      | 'setFrozenRows'
      | 'getFrozenRows'
      | 'setColumnWidth'
      | 'addDeveloperMetadata'
      | 'getDeveloperMetadata'
      | 'setConditionalFormatRules'
      | 'newChart'
      | 'insertChart'
    >
{
  grid: CellState[][] = []
  frozenRows = 0
  widths = new Map<number, number>()
  metadata: FakeDeveloperMetadata[] = []
  rules: FakeConditionalFormatRule[] = []
  charts: FakeChart[] = []

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    readonly id: number,
    public name: string,
  ) {}

  get env() {
    return this.spreadsheet.env
  }

  fakeSelf(): FakeSheet {
    return this
  }

  fakeTracked(): FakeSheet {
    return tracked(this, 'Sheet', this.env.log)
  }

  fakeResize(rows: number, columns: number) {
    this.grid = Array.from({ length: rows }, () => Array.from({ length: columns }, blankCell))
  }

  get rowCount() {
    return this.grid.length
  }

  get columnCount() {
    return this.grid[0]?.length ?? 0
  }

  getName() {
    return this.name
  }

  setName(name: string) {
    this.spreadsheet.fakeCheckName(name, this)
    this.name = name
    return as<GoogleAppsScript.Spreadsheet.Sheet>(this)
  }

  getSheetId() {
    return this.id
  }

  getIndex() {
    return this.spreadsheet.sheets.indexOf(this) + 1
  }

  activate() {
    this.spreadsheet.active = this
    return as<GoogleAppsScript.Spreadsheet.Sheet>(this)
  }

  getRange(...args: unknown[]) {
    const [row, column, rows = 1, columns = 1] = args as number[]
    if (typeof row !== 'number')
      throw new Error('stand-in: getRange(row, column, rows, columns) only')
    return as<GoogleAppsScript.Spreadsheet.Range>(this.fakeRange(row, column, rows, columns))
  }

  fakeRange(row: number, column: number, rows: number, columns: number): FakeRange {
    if (row < 1 || column < 1 || rows < 1 || columns < 1) {
      throw new Error('The starting row/column and sizes of the range must be at least 1.')
    }
    if (row + rows - 1 > this.rowCount || column + columns - 1 > this.columnCount) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.')
    }
    return tracked(new FakeRange(this, row, column, rows, columns), 'Range', this.env.log)
  }

  getRangeList(a1Notations: string[]) {
    if (a1Notations.length === 0) throw new Error('The range list is empty.')
    const ranges = a1Notations.map((a1) => {
      const { row, column, rows, columns } = parseA1(a1)
      return this.fakeRange(row, column, rows, columns)
    })
    return as<GoogleAppsScript.Spreadsheet.RangeList>(
      tracked(new FakeRangeList(ranges), 'RangeList', this.env.log),
    )
  }

  getDataRange() {
    return as<GoogleAppsScript.Spreadsheet.Range>(
      this.fakeRange(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())),
    )
  }

  getLastRow() {
    for (let r = this.rowCount - 1; r >= 0; r--) {
      if (this.grid[r].some((cell) => cell.value !== '')) return r + 1
    }
    return 0
  }

  getLastColumn() {
    let last = 0
    for (const row of this.grid) {
      for (let c = row.length - 1; c >= last; c--) {
        if (row[c].value !== '') {
          last = c + 1
          break
        }
      }
    }
    return last
  }

  getMaxRows() {
    return this.rowCount
  }

  getMaxColumns() {
    return this.columnCount
  }

  insertRowsAfter(afterPosition: number, howMany: number) {
    if (howMany < 1) throw new Error('Those rows are out of bounds.')
    const columns = this.columnCount
    const rows = Array.from({ length: howMany }, () => Array.from({ length: columns }, blankCell))
    this.grid.splice(afterPosition, 0, ...rows)
    return as<GoogleAppsScript.Spreadsheet.Sheet>(this)
  }

  deleteRows(rowPosition: number, howMany: number) {
    if (rowPosition < 1 || rowPosition + howMany - 1 > this.rowCount) {
      throw new Error('Those rows are out of bounds.')
    }
    if (this.rowCount - howMany <= this.frozenRows) {
      throw new Error("You can't delete all the rows on the sheet.")
    }
    this.grid.splice(rowPosition - 1, howMany)
  }

  insertColumnsAfter(afterPosition: number, howMany: number) {
    if (howMany < 1) throw new Error('Those columns are out of bounds.')
    for (const row of this.grid) {
      row.splice(afterPosition, 0, ...Array.from({ length: howMany }, blankCell))
    }
    return as<GoogleAppsScript.Spreadsheet.Sheet>(this)
  }

  deleteColumns(columnPosition: number, howMany: number) {
    if (columnPosition < 1 || columnPosition + howMany - 1 > this.columnCount) {
      throw new Error('Those columns are out of bounds.')
    }
    if (this.columnCount - howMany < 1) throw new Error("You can't delete all the columns.")
    for (const row of this.grid) row.splice(columnPosition - 1, howMany)
  }

  setFrozenRows(rows: number) {
    if (rows >= this.rowCount) throw new Error("You can't freeze all visible rows on the sheet.")
    this.frozenRows = rows
  }

  getFrozenRows() {
    return this.frozenRows
  }

  setColumnWidth(columnPosition: number, width: number) {
    if (columnPosition < 1 || columnPosition > this.columnCount) {
      throw new Error('Those columns are out of bounds.')
    }
    this.widths.set(columnPosition, width)
    return as<GoogleAppsScript.Spreadsheet.Sheet>(this)
  }

  addDeveloperMetadata(...args: unknown[]) {
    const [key, value = '', visibility = 'DOCUMENT'] = args as string[]
    this.metadata.push(new FakeDeveloperMetadata(this, key, value, visibility))
    return as<GoogleAppsScript.Spreadsheet.Sheet>(this)
  }

  getDeveloperMetadata() {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadata[]>(
      this.metadata.map((m) => tracked(m, 'DeveloperMetadata', this.env.log)),
    )
  }

  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]) {
    const own = rules.map((rule) => (rule as unknown as FakeConditionalFormatRule).fakeSelf())
    for (const rule of own) {
      for (const range of rule.ranges) {
        if (range.sheet !== this) throw new Error('A rule refers to a range on another sheet.')
      }
    }
    this.rules = own
  }

  newChart() {
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(
      tracked(new FakeEmbeddedChartBuilder(this), 'EmbeddedChartBuilder', this.env.log),
    )
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const built = chart as unknown as FakeChart & { sheet: FakeSheet }
    if (built.sheet !== this) throw new Error('The chart was built for another sheet.')
    const { sheet: _, ...rest } = built
    this.charts.push(rest)
  }
}
