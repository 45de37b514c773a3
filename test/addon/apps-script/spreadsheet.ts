/// <reference types="google-apps-script" />
/**
 * @module SpreadsheetApp stand-ins: spreadsheet, sheets, ranges, developer metadata,
 * conditional formats and charts, as far as the add-on uses them. Each implements the methods
 * it has of the `@types/google-apps-script` interface, so a renamed method or a changed
 * parameter list fails to compile. They throw where Sheets throws (ranges outside the grid,
 * data of the wrong size, duplicate names, freezing every row, deleting the last sheet).
 */
import { type CallLog, tracked } from './calls'
import { copyOut, type Realm } from './realm'

type SS = typeof GoogleAppsScript.Spreadsheet
type Api = GoogleAppsScript.Spreadsheet.SpreadsheetApp

/** Stand-ins hand out other stand-ins where the interface names the real class. */
const as = <T>(standIn: unknown): T => standIn as T

export interface CellState {
  value: string | number | boolean | Date
  formula: string
  format: string
  note: string
  weight: string
  color: string
}

const AUTOMATIC = '0.###############'
const blankCell = (): CellState => ({
  value: '',
  formula: '',
  format: AUTOMATIC,
  note: '',
  weight: 'normal',
  color: '#000000',
})

/** What the stand-ins share: the call log and the add-on's realm. */
export interface Env {
  log: CallLog
  realm: () => Realm
}

export class FakeSpreadsheetApp
  implements
    Pick<
      Api,
      | 'getActiveSpreadsheet'
      | 'getUi'
      | 'newConditionalFormatRule'
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
    >
{
  readonly sheets: FakeSheet[] = []
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
    const columns = Math.max(26, ...values.map((r) => r.length))
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

export class FakeRange
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Range,
      | 'getValues'
      | 'getDisplayValues'
      | 'setValues'
      | 'setValue'
      | 'setFormulas'
      | 'setNumberFormats'
      | 'setNumberFormat'
      | 'setNotes'
      | 'setFontWeights'
      | 'setFontWeight'
      | 'setFontColors'
      | 'getA1Notation'
      | 'getNumRows'
      | 'getNumColumns'
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {}

  fakeSelf(): FakeRange {
    return this
  }

  private cells(): CellState[][] {
    return this.sheet.grid
      .slice(this.row - 1, this.row - 1 + this.rows)
      .map((row) => row.slice(this.column - 1, this.column - 1 + this.columns))
  }

  private each<T>(data: T[][], set: (cell: CellState, value: T) => void) {
    if (!Array.isArray(data) || data.length !== this.rows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data?.length} but the range has ${this.rows}.`,
      )
    }
    const cells = this.cells()
    data.forEach((row, r) => {
      if (row.length !== this.columns) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.columns}.`,
        )
      }
      row.forEach((value, c) => {
        set(cells[r][c], copyOut(value))
      })
    })
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  getValues() {
    return this.sheet.env.realm().copyIn(this.cells().map((row) => row.map((cell) => cell.value)))
  }

  getDisplayValues() {
    return this.sheet.env
      .realm()
      .copyIn(this.cells().map((row) => row.map((cell) => display(cell.value))))
  }

  setValues(values: unknown[][]) {
    return this.each(values, (cell, value) => enter(cell, value))
  }

  setValue(value: unknown) {
    for (const row of this.cells()) for (const cell of row) enter(cell, value)
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  setFormulas(formulas: string[][]) {
    return this.each(formulas, (cell, formula) => {
      if (formula !== '' && !String(formula).startsWith('='))
        throw new Error(`Not a formula: ${formula}`)
      cell.formula = String(formula)
      cell.value = ''
    })
  }

  setNumberFormats(numberFormats: string[][]) {
    return this.each(numberFormats, (cell, format) => {
      cell.format = String(format)
    })
  }

  setNumberFormat(numberFormat: string) {
    for (const row of this.cells()) for (const cell of row) cell.format = numberFormat
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  setNotes(notes: (string | null)[][]) {
    return this.each(notes, (cell, note) => {
      cell.note = note ?? ''
    })
  }

  setFontWeights(fontWeights: (GoogleAppsScript.Spreadsheet.FontWeight | null)[][]) {
    return this.each(fontWeights, (cell, weight) => {
      if (weight !== 'bold' && weight !== 'normal' && weight !== null) {
        throw new Error(`Invalid font weight: ${String(weight)}`)
      }
      cell.weight = weight ?? 'normal'
    })
  }

  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null) {
    for (const row of this.cells()) for (const cell of row) cell.weight = fontWeight ?? 'normal'
    return as<GoogleAppsScript.Spreadsheet.Range>(this)
  }

  setFontColors(colors: unknown[][]) {
    return this.each(colors, (cell, color) => {
      if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) {
        throw new Error(`Invalid color: ${String(color)}`)
      }
      cell.color = color
    })
  }

  getA1Notation() {
    const end = `${columnName(this.column + this.columns - 2)}${this.row + this.rows - 1}`
    return `${columnName(this.column - 1)}${this.row}:${end}`
  }

  getNumRows() {
    return this.rows
  }

  getNumColumns() {
    return this.columns
  }
}

/** As Sheets takes entered values: text in a "@" cell stays text; otherwise numbers and formulas are parsed. */
function enter(cell: CellState, value: unknown) {
  cell.formula = ''
  if (typeof value === 'string' && cell.format !== '@') {
    if (value.startsWith('=')) {
      cell.formula = value
      cell.value = ''
      return
    }
    if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
      cell.value = Number(value)
      return
    }
  }
  if (value === null || value === undefined) cell.value = ''
  else if (['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date) {
    cell.value = value as CellState['value']
  } else throw new Error(`Cannot enter ${Object.prototype.toString.call(value)} into a cell`)
}

function display(value: CellState['value']): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

export class FakeRangeList implements Pick<GoogleAppsScript.Spreadsheet.RangeList, 'getRanges'> {
  constructor(private readonly ranges: FakeRange[]) {}

  getRanges() {
    return as<GoogleAppsScript.Spreadsheet.Range[]>([...this.ranges])
  }
}

export class FakeDeveloperMetadata
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadata,
      'getKey' | 'getValue' | 'getLocation' | 'getVisibility'
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly key: string,
    readonly value: string,
    readonly visibility: string,
  ) {}

  getKey() {
    return this.key
  }

  getValue() {
    return this.value
  }

  getVisibility() {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility>(this.visibility)
  }

  getLocation() {
    const location: Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation,
      'getSheet' | 'getLocationType'
    > = {
      getSheet: () => as<GoogleAppsScript.Spreadsheet.Sheet>(this.sheet.fakeTracked()),
      getLocationType: () =>
        as<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType>('SHEET'),
    }
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation>(
      tracked(location, 'DeveloperMetadataLocation', this.sheet.env.log),
    )
  }
}

export class FakeDeveloperMetadataFinder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder,
      'withKey' | 'withLocationType' | 'find'
    >
{
  constructor(
    private readonly env: Env,
    private readonly all: FakeDeveloperMetadata[],
    private readonly key?: string,
  ) {}

  withKey(key: string) {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder>(
      tracked(
        new FakeDeveloperMetadataFinder(this.env, this.all, key),
        'DeveloperMetadataFinder',
        this.env.log,
      ),
    )
  }

  /** Only sheet-level metadata exists here, so the type filter keeps everything. */
  withLocationType(_locationType: GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType) {
    return as<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder>(this)
  }

  find() {
    return this.all
      .filter((m) => this.key === undefined || m.key === this.key)
      .map((m) =>
        as<GoogleAppsScript.Spreadsheet.DeveloperMetadata>(
          tracked(m, 'DeveloperMetadata', this.env.log),
        ),
      )
  }
}

export class FakeConditionalFormatRule {
  constructor(
    readonly ranges: FakeRange[],
    readonly gradient: Record<string, unknown>,
  ) {}

  fakeSelf(): FakeConditionalFormatRule {
    return this
  }
}

export class FakeConditionalFormatRuleBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      | 'setGradientMinpoint'
      | 'setGradientMidpointWithValue'
      | 'setGradientMaxpoint'
      | 'setRanges'
      | 'build'
    >
{
  private gradient: Record<string, unknown> = {}
  private ranges: FakeRange[] = []

  private self() {
    return as<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(this)
  }

  setGradientMinpoint(color: string) {
    this.gradient.min = color
    return this.self()
  }

  setGradientMidpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ) {
    this.gradient.mid = { color, type: String(type), value }
    return this.self()
  }

  setGradientMaxpoint(color: string) {
    this.gradient.max = color
    return this.self()
  }

  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
    this.ranges = ranges.map((range) => (range as unknown as FakeRange).fakeSelf())
    return this.self()
  }

  build() {
    if (this.ranges.length === 0) throw new Error('A conditional format rule needs a range.')
    return as<GoogleAppsScript.Spreadsheet.ConditionalFormatRule>(
      new FakeConditionalFormatRule(this.ranges, { ...this.gradient }),
    )
  }
}

export class FakeEmbeddedChartBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
      'asBarChart' | 'addRange' | 'setNumHeaders' | 'setOption' | 'setPosition' | 'build'
    >
{
  private readonly chart: FakeChart = {
    options: {},
    ranges: [],
    headers: -1,
    position: [],
    type: 'NONE',
  }

  constructor(private readonly sheet: FakeSheet) {}

  private self() {
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(this)
  }

  asBarChart() {
    this.chart.type = 'BAR'
    return as<GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder>(this)
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range) {
    const own = (range as unknown as FakeRange).fakeSelf()
    if (own.sheet !== this.sheet) throw new Error('The range is on another sheet.')
    this.chart.ranges.push(own.getA1Notation())
    return this.self()
  }

  setNumHeaders(headers: number) {
    this.chart.headers = headers
    return this.self()
  }

  setOption(option: string, value: unknown) {
    this.chart.options[option] = copyOut(value)
    return this.self()
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number) {
    this.chart.position = [anchorRowPos, anchorColPos, offsetX, offsetY]
    return this.self()
  }

  build() {
    if (this.chart.ranges.length === 0) throw new Error('A chart needs data.')
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChart>({ ...this.chart, sheet: this.sheet })
  }
}

export class FakeMenu
  implements Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addToUi'>
{
  readonly items: string[] = []

  constructor(private readonly ui: FakeUi) {}

  addItem(caption: string, functionName: string) {
    this.items.push(`${caption} → ${functionName}`)
    return as<GoogleAppsScript.Base.Menu>(this)
  }

  addSeparator() {
    this.items.push('—')
    return as<GoogleAppsScript.Base.Menu>(this)
  }

  addToUi() {
    this.ui.menus.push(this.items)
  }
}

export interface Dialog {
  title: string
  message: string
}

export class FakeUi
  implements
    Pick<GoogleAppsScript.Base.Ui, 'alert' | 'createAddonMenu' | 'showSidebar' | 'ButtonSet'>
{
  ButtonSet = as<typeof GoogleAppsScript.Base.ButtonSet>({ OK: 'OK', OK_CANCEL: 'OK_CANCEL' })
  readonly dialogs: Dialog[] = []
  readonly menus: string[][] = []
  readonly sidebars: string[] = []

  alert(...args: unknown[]) {
    const [title, message] = args.length >= 2 && typeof args[1] === 'string' ? args : ['', args[0]]
    this.dialogs.push({ title: String(title), message: String(message) })
    return as<GoogleAppsScript.Base.Button>('OK')
  }

  createAddonMenu() {
    return as<GoogleAppsScript.Base.Menu>(new FakeMenu(this))
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput) {
    this.sidebars.push(userInterface.getTitle())
  }
}

/** "B2:D5" → 1-based row, column and size. */
export function parseA1(a1: string) {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1)
  if (!match) throw new Error(`Range not found: ${a1}`)
  const [, c1, r1, c2, r2] = match
  const column = columnIndex(c1)
  const row = Number(r1)
  return { row, column, rows: Number(r2) - row + 1, columns: columnIndex(c2) - column + 1 }
}

function columnIndex(name: string): number {
  return [...name].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
}

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
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
