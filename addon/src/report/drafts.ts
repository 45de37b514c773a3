/**
 * @module The Worker's sheet plan (Sheets API batchUpdate requests) read into one draft per
 * sheet: every cell's value, note, format and colour in grids, so a sheet is written with a
 * fixed number of calls whatever its size. Pure; a request it cannot apply throws before
 * anything is written.
 */
import type { sheets_v4 } from 'googleapis'

type Request = sheets_v4.Schema$Request
type GridRange = sheets_v4.Schema$GridRange
export type CellValue = string | number | boolean

/** Apps Script's "automatic" number format; text cells get "@" so nothing is reparsed. */
export const AUTOMATIC_FORMAT = '0.###############'
export const TEXT_FORMAT = '@'
export const BLACK = '#000000'
export const DEFAULT_COLUMN_WIDTH = 100

/** A range on the draft's own sheet, 0-based and half-open like the API's. */
export interface Box {
  startRow: number
  endRow: number
  startColumn: number
  endColumn: number
}

export interface GradientDraft {
  boxes: Box[]
  min: string
  mid: { color: string; percentile: string }
  max: string
}

export interface ChartDraft {
  title: string
  stacked: boolean
  legend: boolean
  headerCount: number
  axisTitle: string
  /** Domain first, then each series: one box per column. */
  columns: Box[]
  anchor: { row: number; column: number }
  width: number
  height: number
}

export interface SheetDraft {
  /** The plan's sheet id: only a key here, Apps Script picks the real one. */
  planId: number
  title: string
  rows: number
  columns: number
  frozenRows: number
  values: CellValue[][]
  notes: string[][]
  weights: ('bold' | 'normal')[][]
  formats: string[][]
  colors: string[][]
  widths: number[]
  gradients: GradientDraft[]
  charts: ChartDraft[]
  metadata: { key: string; value: string }[]
}

export class PlanError extends Error {
  override name = 'PlanError'
}

/** The drafts of every sheet the plan adds, in plan order. */
export function draftSheets(requests: readonly Request[]): SheetDraft[] {
  const drafts = new Map<number, SheetDraft>()
  const sheetOf = (sheetId: number | null | undefined, at: string) => {
    const draft = drafts.get(sheetId ?? Number.NaN)
    if (!draft) throw new PlanError(`${at}: sheet ${sheetId} was not added before`)
    return draft
  }
  requests.forEach((request, index) => {
    const at = `plan request ${index}`
    const kinds = Object.keys(request) as (keyof Request)[]
    if (kinds.length !== 1) throw new PlanError(`${at}: ${kinds.length} kinds of request`)
    const kind = kinds[0]
    switch (kind) {
      case 'addSheet': {
        const draft = addSheet(request.addSheet ?? {}, at)
        if (drafts.has(draft.planId))
          throw new PlanError(`${at}: sheet ${draft.planId} added twice`)
        drafts.set(draft.planId, draft)
        return
      }
      case 'updateCells': {
        const update = request.updateCells ?? {}
        updateCells(sheetOf(update.start?.sheetId, at), update, at)
        return
      }
      case 'repeatCell': {
        const repeat = request.repeatCell ?? {}
        repeatCell(sheetOf(repeat.range?.sheetId, at), repeat, at)
        return
      }
      case 'updateDimensionProperties': {
        const update = request.updateDimensionProperties ?? {}
        const range = update.range ?? {}
        const draft = sheetOf(range.sheetId, at)
        if (range.dimension !== 'COLUMNS' || update.fields !== 'pixelSize') {
          throw new PlanError(`${at}: only column widths are supported`)
        }
        const width = update.properties?.pixelSize ?? DEFAULT_COLUMN_WIDTH
        for (let c = range.startIndex ?? 0; c < (range.endIndex ?? draft.columns); c++) {
          draft.widths[c] = width
        }
        return
      }
      case 'addConditionalFormatRule': {
        const rule = request.addConditionalFormatRule?.rule ?? {}
        const ranges = rule.ranges ?? []
        const draft = sheetOf(ranges[0]?.sheetId, at)
        // index 0 puts each new rule first, as the API does.
        draft.gradients.unshift(gradient(draft, rule, at))
        return
      }
      case 'addChart': {
        const spec = request.addChart?.chart ?? {}
        const anchor = spec.position?.overlayPosition?.anchorCell ?? {}
        chartOf(sheetOf(anchor.sheetId, at), spec, at)
        return
      }
      case 'createDeveloperMetadata': {
        const metadata = request.createDeveloperMetadata?.developerMetadata ?? {}
        const draft = sheetOf(metadata.location?.sheetId, at)
        if (!metadata.metadataKey) throw new PlanError(`${at}: developer metadata without a key`)
        draft.metadata.push({ key: metadata.metadataKey, value: metadata.metadataValue ?? '' })
        return
      }
      default:
        throw new PlanError(`${at}: "${String(kind)}" is not supported by the add-on`)
    }
  })
  return [...drafts.values()]
}

function addSheet(request: sheets_v4.Schema$AddSheetRequest, at: string): SheetDraft {
  const properties = request.properties ?? {}
  const grid = properties.gridProperties ?? {}
  const planId = properties.sheetId
  const title = properties.title
  if (typeof planId !== 'number' || !title) throw new PlanError(`${at}: sheet without id or title`)
  const rows = grid.rowCount ?? 1000
  const columns = grid.columnCount ?? 26
  const fill = <T>(value: T) =>
    Array.from({ length: rows }, () => new Array<T>(columns).fill(value))
  return {
    planId,
    title,
    rows,
    columns,
    frozenRows: grid.frozenRowCount ?? 0,
    values: fill<CellValue>(''),
    notes: fill(''),
    weights: fill<'bold' | 'normal'>('normal'),
    formats: fill(TEXT_FORMAT),
    colors: fill(BLACK),
    widths: new Array<number>(columns).fill(DEFAULT_COLUMN_WIDTH),
    gradients: [],
    charts: [],
    metadata: [],
  }
}

function updateCells(draft: SheetDraft, update: sheets_v4.Schema$UpdateCellsRequest, at: string) {
  const fields = new Set((update.fields ?? '').split(',').map((f) => f.trim()))
  const known = ['userEnteredValue', 'note', 'userEnteredFormat.textFormat.bold']
  const unknown = [...fields].filter((f) => !known.includes(f))
  if (unknown.length > 0)
    throw new PlanError(`${at}: cell fields ${unknown.join(', ')} unsupported`)
  const top = update.start?.rowIndex ?? 0
  const left = update.start?.columnIndex ?? 0
  ;(update.rows ?? []).forEach((row, r) => {
    ;(row.values ?? []).forEach((cell, c) => {
      const [y, x] = [top + r, left + c]
      if (y >= draft.rows || x >= draft.columns)
        throw new PlanError(`${at}: cell outside its sheet`)
      if (fields.has('userEnteredValue')) {
        const value = cellValueOf(cell.userEnteredValue, at)
        draft.values[y][x] = value
        // Numbers keep the number format a repeatCell gives their column; text stays text.
        draft.formats[y][x] = typeof value === 'number' ? AUTOMATIC_FORMAT : TEXT_FORMAT
      }
      if (fields.has('note')) draft.notes[y][x] = cell.note ?? ''
      if (fields.has('userEnteredFormat.textFormat.bold')) {
        draft.weights[y][x] = cell.userEnteredFormat?.textFormat?.bold ? 'bold' : 'normal'
      }
    })
  })
}

function cellValueOf(value: sheets_v4.Schema$ExtendedValue | undefined, at: string): CellValue {
  if (!value) return ''
  if (typeof value.numberValue === 'number') return value.numberValue
  if (typeof value.stringValue === 'string') return value.stringValue
  if (typeof value.boolValue === 'boolean') return value.boolValue
  throw new PlanError(`${at}: only number, text and TRUE/FALSE values are supported`)
}

function repeatCell(draft: SheetDraft, repeat: sheets_v4.Schema$RepeatCellRequest, at: string) {
  const box = boxOf(draft, repeat.range ?? {}, at)
  const format = repeat.cell?.userEnteredFormat ?? {}
  if (repeat.fields === 'userEnteredFormat.numberFormat') {
    const pattern = format.numberFormat?.pattern
    if (!pattern) throw new PlanError(`${at}: number format without a pattern`)
    // As in Sheets, a number format shows on numbers; text cells are left as text.
    eachCell(box, (y, x) => {
      if (typeof draft.values[y][x] === 'number') draft.formats[y][x] = pattern
    })
  } else if (repeat.fields === 'userEnteredFormat.textFormat.foregroundColorStyle') {
    const rgb = format.textFormat?.foregroundColorStyle?.rgbColor
    if (!rgb) throw new PlanError(`${at}: text colour without rgbColor`)
    const color = hexOf(rgb)
    eachCell(box, (y, x) => {
      draft.colors[y][x] = color
    })
  } else {
    throw new PlanError(`${at}: repeatCell of "${repeat.fields}" is not supported`)
  }
}

function gradient(draft: SheetDraft, rule: sheets_v4.Schema$ConditionalFormatRule, at: string) {
  const g = rule.gradientRule
  const { minpoint, midpoint, maxpoint } = g ?? {}
  if (
    minpoint?.type !== 'MIN' ||
    maxpoint?.type !== 'MAX' ||
    midpoint?.type !== 'PERCENTILE' ||
    midpoint.value === undefined
  ) {
    throw new PlanError(`${at}: only MIN / PERCENTILE / MAX colour scales are supported`)
  }
  const color = (point: sheets_v4.Schema$InterpolationPoint) =>
    hexOf(point.colorStyle?.rgbColor ?? point.color ?? {})
  return {
    boxes: (rule.ranges ?? []).map((range) => boxOf(draft, range, at)),
    min: color(minpoint),
    mid: { color: color(midpoint), percentile: String(midpoint.value) },
    max: color(maxpoint),
  }
}

function chartOf(draft: SheetDraft, chart: sheets_v4.Schema$EmbeddedChart, at: string) {
  const basic = chart.spec?.basicChart
  if (basic?.chartType !== 'BAR') throw new PlanError(`${at}: only bar charts supported`)
  const sources = [
    ...(basic.domains ?? []).map((d) => d.domain),
    ...(basic.series ?? []).map((s) => s.series),
  ]
  const columns = sources.map((source) => {
    const ranges = source?.sourceRange?.sources ?? []
    if (ranges.length === 0) throw new PlanError(`${at}: chart data without a range`)
    const boxes = ranges.map((range) => boxOf(draft, range, at))
    // Apps Script takes one range per column: chosen rows that are not contiguous are
    // charted as one block from the first to the last (the engine orders them together).
    return {
      startRow: Math.min(...boxes.map((b) => b.startRow)),
      endRow: Math.max(...boxes.map((b) => b.endRow)),
      startColumn: boxes[0].startColumn,
      endColumn: boxes[0].endColumn,
    }
  })
  const overlay = chart.position?.overlayPosition ?? {}
  draft.charts.push({
    title: chart.spec?.title ?? '',
    stacked: basic.stackedType === 'PERCENT_STACKED',
    legend: basic.legendPosition !== 'NO_LEGEND',
    headerCount: basic.headerCount ?? 0,
    axisTitle: basic.axis?.[0]?.title ?? '',
    columns,
    anchor: {
      row: overlay.anchorCell?.rowIndex ?? 0,
      column: overlay.anchorCell?.columnIndex ?? 0,
    },
    width: overlay.widthPixels ?? 600,
    height: overlay.heightPixels ?? 371,
  })
}

function boxOf(draft: SheetDraft, range: GridRange, at: string): Box {
  const box = {
    startRow: range.startRowIndex ?? 0,
    endRow: range.endRowIndex ?? draft.rows,
    startColumn: range.startColumnIndex ?? 0,
    endColumn: range.endColumnIndex ?? draft.columns,
  }
  if (
    box.startRow < 0 ||
    box.startColumn < 0 ||
    box.endRow > draft.rows ||
    box.endColumn > draft.columns ||
    box.startRow >= box.endRow ||
    box.startColumn >= box.endColumn
  ) {
    throw new PlanError(`${at}: range outside sheet "${draft.title}"`)
  }
  return box
}

function eachCell(box: Box, visit: (row: number, column: number) => void) {
  for (let y = box.startRow; y < box.endRow; y++) {
    for (let x = box.startColumn; x < box.endColumn; x++) visit(y, x)
  }
}

function hexOf(rgb: sheets_v4.Schema$Color): string {
  const part = (v: number | null | undefined) =>
    Math.round((v ?? 0) * 255)
      .toString(16)
      .padStart(2, '0')
  return `#${part(rgb.red)}${part(rgb.green)}${part(rgb.blue)}`
}

/** A1 notation of a box, for `Sheet.getRangeList`. */
export function a1Of(box: Box): string {
  return `${columnName(box.startColumn)}${box.startRow + 1}:${columnName(box.endColumn - 1)}${box.endRow}`
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}
