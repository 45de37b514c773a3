/**
 * @module A stand-in for the Sheets API's `spreadsheets.batchUpdate`, written from the API's
 * reference and not from Sapa's writer: it applies the kinds of request the report uses to an
 * in-memory spreadsheet and refuses, as Sheets does, what Sheets would refuse (an unknown
 * request or field, a sheet used before it is added, a range outside its grid, a duplicate id
 * or title, a title over 100 characters, every row frozen, a cell over 50,000 characters, a
 * link without a uri, a chart series on an axis that is not its chart type's minor axis, a
 * chart source that is neither one column nor one row).
 *
 * Links: a cell-level link is `userEnteredFormat.textFormat.link` ("A cell-level link can also
 * be set from the userEnteredFormat.textFormat field", CellData.hyperlink; TextFormat.link is a
 * `Link {uri}`). Charts: BasicChartSpec's BAR and SCATTER; "It is an error to specify an axis
 * that isn't a valid minor axis for the chart's type" (BasicChartSeries.targetAxis): the bottom
 * axis for bar charts, the left or right one for the others; `stackedType` "applies to Area,
 * Bar, Column, Combo, and Stepped Area charts".
 */
import type { sheets_v4 } from 'googleapis'

type Request = sheets_v4.Schema$Request
type GridRange = sheets_v4.Schema$GridRange

export interface ApiColor {
  red: number
  green: number
  blue: number
}

export interface ApiCell {
  value: string | number | boolean | null
  /** The number format's pattern, and the type it was given with. */
  format: { type: string; pattern: string } | null
  note: string | null
  bold: boolean
  color: ApiColor | null
  /** The cell-level link's uri. */
  link: string | null
  /** The wrap strategy, `null` for the default (overflow). */
  wrap: string | null
}

export interface ApiBox {
  row: number
  column: number
  rows: number
  columns: number
}

export interface ApiChart {
  type: string
  stacked: string | null
  title: string
  legend: string
  headerCount: number
  axis: { position: string; title: string }[]
  domains: ApiBox[][]
  series: { boxes: ApiBox[]; axis: string }[]
  anchor: { row: number; column: number }
  width: number
  height: number
}

export interface ApiSheet {
  sheetId: number
  title: string
  rows: number
  columns: number
  frozenRows: number
  cells: ApiCell[][]
  /** Pixel widths of columns given one; the others keep Sheets' default. */
  widths: Map<number, number>
  /** Conditional rules in the order Sheets lists (and applies) them. */
  rules: {
    boxes: ApiBox[]
    min: { type: string; color: ApiColor }
    mid: { type: string; value: string; color: ApiColor }
    max: { type: string; color: ApiColor }
  }[]
  charts: ApiChart[]
  metadata: { key: string; value: string; visibility: string }[]
}

export class ApiError extends Error {
  override name = 'ApiError'
}

/** Sheets' grid for a new sheet whose size is not given. */
const NEW_GRID = { rows: 1000, columns: 26 }
const MAX_TITLE = 100
const MAX_CELL_TEXT = 50_000

export class StandInSpreadsheet {
  readonly sheets: ApiSheet[] = []

  constructor(existing: readonly { sheetId: number; title: string }[] = []) {
    for (const { sheetId, title } of existing) this.add(sheetId, title, {})
  }

  /** Applies every request or, on the first refused, none (a batchUpdate is atomic). */
  batchUpdate(requests: readonly Request[]): void {
    const saved = structuredClone(this.sheets)
    try {
      requests.forEach((request, i) => {
        this.apply(request, `requests[${i}]`)
      })
    } catch (error) {
      this.sheets.splice(0, this.sheets.length, ...saved)
      throw error
    }
  }

  sheet(title: string): ApiSheet {
    const found = this.sheets.find((s) => s.title === title)
    if (!found) throw new Error(`no sheet "${title}"`)
    return found
  }

  private apply(request: Request, at: string): void {
    const kinds = Object.keys(request) as (keyof Request)[]
    if (kinds.length !== 1) throw new ApiError(`${at}: ${kinds.length} kinds in one request`)
    const kind = kinds[0]
    const body = request[kind] as Record<string, unknown>
    switch (kind) {
      case 'addSheet': {
        const properties = (body as sheets_v4.Schema$AddSheetRequest).properties ?? {}
        known(properties, ['sheetId', 'title', 'gridProperties', 'index'], at)
        const grid = properties.gridProperties ?? {}
        known(grid, ['rowCount', 'columnCount', 'frozenRowCount'], at)
        if (typeof properties.sheetId !== 'number') throw new ApiError(`${at}: no sheetId`)
        this.add(properties.sheetId, properties.title ?? '', grid, at)
        return
      }
      case 'deleteSheet': {
        const sheet = this.byId((body as sheets_v4.Schema$DeleteSheetRequest).sheetId, at)
        this.sheets.splice(this.sheets.indexOf(sheet), 1)
        return
      }
      case 'updateCells':
        this.updateCells(body as sheets_v4.Schema$UpdateCellsRequest, at)
        return
      case 'repeatCell':
        this.repeatCell(body as sheets_v4.Schema$RepeatCellRequest, at)
        return
      case 'updateDimensionProperties': {
        const update = body as sheets_v4.Schema$UpdateDimensionPropertiesRequest
        const range = update.range ?? {}
        const sheet = this.byId(range.sheetId, at)
        if (range.dimension !== 'COLUMNS' || update.fields !== 'pixelSize') {
          throw new ApiError(`${at}: only column pixel sizes are understood here`)
        }
        const start = range.startIndex ?? 0
        const end = range.endIndex ?? sheet.columns
        if (!(0 <= start && start < end && end <= sheet.columns)) {
          throw new ApiError(`${at}: columns [${start}, ${end}) outside ${sheet.columns}`)
        }
        const pixels = update.properties?.pixelSize
        if (typeof pixels !== 'number') throw new ApiError(`${at}: no pixelSize`)
        for (let c = start; c < end; c++) sheet.widths.set(c, pixels)
        return
      }
      case 'addConditionalFormatRule':
        this.addRule(body as sheets_v4.Schema$AddConditionalFormatRuleRequest, at)
        return
      case 'addChart':
        this.addChart(body as sheets_v4.Schema$AddChartRequest, at)
        return
      case 'createDeveloperMetadata': {
        const metadata =
          (body as sheets_v4.Schema$CreateDeveloperMetadataRequest).developerMetadata ?? {}
        const sheet = this.byId(metadata.location?.sheetId, at)
        if (!metadata.metadataKey || !metadata.visibility) {
          throw new ApiError(`${at}: developer metadata needs a key and a visibility`)
        }
        sheet.metadata.push({
          key: metadata.metadataKey,
          value: metadata.metadataValue ?? '',
          visibility: metadata.visibility,
        })
        return
      }
      default:
        throw new ApiError(`${at}: "${String(kind)}" is not understood by this stand-in`)
    }
  }

  private add(
    sheetId: number,
    title: string,
    grid: sheets_v4.Schema$GridProperties,
    at = 'setup',
  ): void {
    if (this.sheets.some((s) => s.sheetId === sheetId)) {
      throw new ApiError(`${at}: a sheet with id ${sheetId} already exists`)
    }
    if (title.trim() === '' || [...title].length > MAX_TITLE) {
      throw new ApiError(`${at}: sheet title empty or over ${MAX_TITLE} characters`)
    }
    if (this.sheets.some((s) => s.title.toLowerCase() === title.toLowerCase())) {
      throw new ApiError(`${at}: a sheet with the name "${title}" already exists`)
    }
    const rows = grid.rowCount ?? NEW_GRID.rows
    const columns = grid.columnCount ?? NEW_GRID.columns
    const frozenRows = grid.frozenRowCount ?? 0
    if (frozenRows >= rows) throw new ApiError(`${at}: you can't freeze all visible rows`)
    const blank = (): ApiCell => ({
      value: null,
      format: null,
      note: null,
      bold: false,
      color: null,
      link: null,
      wrap: null,
    })
    this.sheets.push({
      sheetId,
      title,
      rows,
      columns,
      frozenRows,
      cells: Array.from({ length: rows }, () => Array.from({ length: columns }, blank)),
      widths: new Map(),
      rules: [],
      charts: [],
      metadata: [],
    })
  }

  private byId(sheetId: number | null | undefined, at: string): ApiSheet {
    const sheet = this.sheets.find((s) => s.sheetId === sheetId)
    if (!sheet) throw new ApiError(`${at}: no sheet with id ${sheetId}`)
    return sheet
  }

  private box(range: GridRange, at: string): { sheet: ApiSheet; box: ApiBox } {
    known(
      range,
      ['sheetId', 'startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'],
      at,
    )
    const sheet = this.byId(range.sheetId, at)
    const row = range.startRowIndex ?? 0
    const column = range.startColumnIndex ?? 0
    const box = {
      row,
      column,
      rows: (range.endRowIndex ?? sheet.rows) - row,
      columns: (range.endColumnIndex ?? sheet.columns) - column,
    }
    const inside =
      row >= 0 &&
      column >= 0 &&
      box.rows > 0 &&
      box.columns > 0 &&
      row + box.rows <= sheet.rows &&
      column + box.columns <= sheet.columns
    if (!inside) {
      throw new ApiError(
        `${at}: range ${JSON.stringify(range)} outside ${sheet.rows} × ${sheet.columns}`,
      )
    }
    return { sheet, box }
  }

  private updateCells(update: sheets_v4.Schema$UpdateCellsRequest, at: string): void {
    const fields = fieldsOf(update.fields, at)
    const start = update.start ?? {}
    const sheet = this.byId(start.sheetId, at)
    const top = start.rowIndex ?? 0
    const left = start.columnIndex ?? 0
    ;(update.rows ?? []).forEach((row, r) => {
      ;(row.values ?? []).forEach((data, c) => {
        if (top + r >= sheet.rows || left + c >= sheet.columns) {
          throw new ApiError(`${at}: cell (${top + r}, ${left + c}) outside its sheet`)
        }
        setCell(sheet.cells[top + r][left + c], data, fields, at)
      })
    })
  }

  private repeatCell(repeat: sheets_v4.Schema$RepeatCellRequest, at: string): void {
    const fields = fieldsOf(repeat.fields, at)
    const { sheet, box } = this.box(repeat.range ?? {}, at)
    for (let r = box.row; r < box.row + box.rows; r++) {
      for (let c = box.column; c < box.column + box.columns; c++) {
        setCell(sheet.cells[r][c], repeat.cell ?? {}, fields, at)
      }
    }
  }

  private addRule(add: sheets_v4.Schema$AddConditionalFormatRuleRequest, at: string): void {
    const rule = add.rule ?? {}
    const ranges = rule.ranges ?? []
    if (ranges.length === 0) throw new ApiError(`${at}: a rule needs a range`)
    const placed = ranges.map((range) => this.box(range, at))
    const sheet = placed[0].sheet
    if (placed.some((p) => p.sheet !== sheet)) throw new ApiError(`${at}: rule over two sheets`)
    const gradient = rule.gradientRule
    if (!gradient?.minpoint || !gradient.midpoint || !gradient.maxpoint) {
      throw new ApiError(`${at}: only three-point gradient rules are understood here`)
    }
    const point = (p: sheets_v4.Schema$InterpolationPoint) => ({
      type: p.type ?? '',
      value: p.value ?? '',
      color: colorOf(p.colorStyle?.rgbColor, at),
    })
    const index = add.index ?? 0
    if (index < 0 || index > sheet.rules.length) throw new ApiError(`${at}: rule index ${index}`)
    sheet.rules.splice(index, 0, {
      boxes: placed.map((p) => p.box),
      min: point(gradient.minpoint),
      mid: point(gradient.midpoint),
      max: point(gradient.maxpoint),
    })
  }

  private addChart(add: sheets_v4.Schema$AddChartRequest, at: string): void {
    const chart = add.chart ?? {}
    const overlay = chart.position?.overlayPosition ?? {}
    const anchorCell = overlay.anchorCell ?? {}
    const sheet = this.byId(anchorCell.sheetId, at)
    const anchor = { row: anchorCell.rowIndex ?? 0, column: anchorCell.columnIndex ?? 0 }
    if (anchor.row >= sheet.rows || anchor.column >= sheet.columns) {
      throw new ApiError(`${at}: chart anchored outside its sheet`)
    }
    const basic = chart.spec?.basicChart
    if (!basic) throw new ApiError(`${at}: only basic charts are understood here`)
    const type = basic.chartType ?? ''
    if (!CHART_TYPES.has(type))
      throw new ApiError(`${at}: chart type "${type}" not understood here`)
    const minor = type === 'BAR' ? ['BOTTOM_AXIS'] : ['LEFT_AXIS', 'RIGHT_AXIS']
    for (const series of basic.series ?? []) {
      if (!minor.includes(series.targetAxis ?? '')) {
        throw new ApiError(`${at}: ${series.targetAxis} is not a minor axis of a ${type} chart`)
      }
    }
    if (basic.stackedType && !STACKABLE.has(type)) {
      throw new ApiError(`${at}: a ${type} chart is not stacked`)
    }
    const sources = (data: sheets_v4.Schema$ChartData | undefined) =>
      (data?.sourceRange?.sources ?? []).map((range) => {
        const placed = this.box(range, at)
        if (placed.sheet !== sheet) throw new ApiError(`${at}: chart data on another sheet`)
        if (placed.box.rows !== 1 && placed.box.columns !== 1) {
          throw new ApiError(`${at}: a chart source is one column or one row`)
        }
        return placed.box
      })
    sheet.charts.push({
      type,
      stacked: basic.stackedType ?? null,
      title: chart.spec?.title ?? '',
      legend: basic.legendPosition ?? '',
      headerCount: basic.headerCount ?? 0,
      axis: (basic.axis ?? []).map((a) => ({ position: a.position ?? '', title: a.title ?? '' })),
      domains: (basic.domains ?? []).map((d) => sources(d.domain)),
      series: (basic.series ?? []).map((s) => ({
        boxes: sources(s.series),
        axis: s.targetAxis ?? '',
      })),
      anchor,
      width: overlay.widthPixels ?? 600,
      height: overlay.heightPixels ?? 371,
    })
  }
}

const CHART_TYPES = new Set(['BAR', 'SCATTER'])
/** CellFormat.wrapStrategy's values. */
const WRAP_STRATEGIES = ['OVERFLOW_CELL', 'LEGACY_WRAP', 'CLIP', 'WRAP']
const STACKABLE = new Set(['AREA', 'BAR', 'COLUMN', 'COMBO', 'STEPPED_AREA'])

const CELL_FIELDS = [
  'userEnteredValue',
  'note',
  'userEnteredFormat.textFormat.bold',
  'userEnteredFormat.textFormat.link',
  'userEnteredFormat.wrapStrategy',
  'userEnteredFormat.numberFormat',
  'userEnteredFormat.textFormat.foregroundColorStyle',
]

function fieldsOf(mask: string | null | undefined, at: string): Set<string> {
  const fields = new Set((mask ?? '').split(',').map((f) => f.trim()))
  for (const field of fields) {
    if (!CELL_FIELDS.includes(field)) throw new ApiError(`${at}: field "${field}" not understood`)
  }
  return fields
}

/** A field in the mask is set from the cell data, or cleared when the data leaves it out. */
function setCell(cell: ApiCell, data: sheets_v4.Schema$CellData, fields: Set<string>, at: string) {
  if (fields.has('userEnteredValue')) {
    const entered = data.userEnteredValue ?? {}
    known(entered, ['numberValue', 'stringValue', 'boolValue'], at)
    const value = entered.numberValue ?? entered.stringValue ?? entered.boolValue ?? null
    if (typeof value === 'string' && value.length > MAX_CELL_TEXT) {
      throw new ApiError(`${at}: a cell holds at most ${MAX_CELL_TEXT} characters`)
    }
    cell.value = value
  }
  if (fields.has('note')) cell.note = data.note ?? null
  const format = data.userEnteredFormat ?? {}
  known(format, ['textFormat', 'numberFormat', 'wrapStrategy'], at)
  known(format.textFormat ?? {}, ['bold', 'link', 'foregroundColorStyle'], at)
  if (fields.has('userEnteredFormat.textFormat.bold')) cell.bold = format.textFormat?.bold ?? false
  if (fields.has('userEnteredFormat.textFormat.link')) {
    const link = format.textFormat?.link
    if (link) {
      known(link, ['uri'], at)
      if (typeof link.uri !== 'string' || link.uri === '') {
        throw new ApiError(`${at}: a link needs a uri`)
      }
    }
    cell.link = link?.uri ?? null
  }
  if (fields.has('userEnteredFormat.numberFormat')) {
    const number = format.numberFormat
    cell.format = number ? { type: number.type ?? '', pattern: number.pattern ?? '' } : null
  }
  if (fields.has('userEnteredFormat.wrapStrategy')) {
    const wrap = format.wrapStrategy ?? null
    if (wrap !== null && !WRAP_STRATEGIES.includes(wrap)) {
      throw new ApiError(`${at}: wrap strategy "${wrap}" unknown`)
    }
    cell.wrap = wrap
  }
  if (fields.has('userEnteredFormat.textFormat.foregroundColorStyle')) {
    const rgb = format.textFormat?.foregroundColorStyle?.rgbColor
    cell.color = rgb ? colorOf(rgb, at) : null
  }
}

/** An absent component is 0, as in the API. */
function colorOf(color: sheets_v4.Schema$Color | undefined, at: string): ApiColor {
  if (!color) throw new ApiError(`${at}: a colour is missing`)
  return { red: color.red ?? 0, green: color.green ?? 0, blue: color.blue ?? 0 }
}

function known(object: object, keys: readonly string[], at: string): void {
  for (const key of Object.keys(object)) {
    if (!keys.includes(key)) throw new ApiError(`${at}: "${key}" not understood by this stand-in`)
  }
}
