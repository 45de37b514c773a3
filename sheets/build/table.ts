/**
 * @module A table as the sheets show it: machine keys left out, significance as ▲ ▼ beside the
 * measure it qualifies, the rank range as "3–9", totals by their label, the table's notes under
 * it; written as a block (bold header, values, bold total, grey small bases) anywhere on a sheet.
 */
import {
  type Column,
  columnLabel,
  displayValue,
  type Locale,
  type Table,
  type Value,
} from '../../engine/index'
import type { Rgb } from '../model'
import type { Grid } from './grid'

/** A column as shown: its value read from the row, its notes from the table's reasons. */
export interface ViewColumn {
  key: string
  label: string
  format?: Column['format']
  /** A note on the header cell (a ▲▼ column's full name). */
  headerNote?: string
  /** The value shown; by default the row's `key`, group types by their names. */
  value?: (row: Record<string, Value>) => Value
  /** The reasons' keys whose notes the column's cells carry; by default `[key]`. */
  noteKeys?: string[]
}

/** A table laid out for a sheet. Notes are keyed like `Table.reasons` (`"<index>.<key>"`). */
export interface TableView {
  columns: ViewColumn[]
  rows: readonly Record<string, Value>[]
  /** Each row's index in the table it came from (the key of its reasons); by default its place. */
  sources?: readonly number[]
  total?: Record<string, Value>
  notes: ReadonlyMap<string, string>
  /** Rows shown grey (small bases); by default those with `smallBase: true`. */
  grey?: (row: Record<string, Value>) => boolean
}

/** Where a block landed on its sheet. */
export interface TablePlace {
  header: number
  /** The first data row and the row after the last one (the total's, when there is one). */
  first: number
  end: number
  /** The first free row below the block. */
  after: number
  column: (key: string) => number
}

export const PATTERNS = new Map<Column['format'], string>([
  ['percent', '0.0%'],
  ['decimal', '0.00'],
  ['correlation', '0.000'],
  ['integer', '0'],
])

/** Small bases are greyed. */
export const GREY: Rgb = { red: 0.6, green: 0.6, blue: 0.6 }
/** ▲ and ▼: above the rest in green, below it in red (Google's palette). */
export const UP: Rgb = { red: 0.204, green: 0.659, blue: 0.325 }
export const DOWN: Rgb = { red: 0.918, green: 0.263, blue: 0.208 }

/** −1 / 0 / +1 as the sheets show them: ▼, blank, ▲. */
export function signText(value: Value): '▲' | '▼' | null {
  return value === 1 ? '▲' : value === -1 ? '▼' : null
}

/**
 * The measure a significance column qualifies: `sigSatisfaction` → `satisfaction`,
 * `localSigMean` → `localMean`, `sigChangeMean` → `changeMean`.
 */
export function signTarget(key: string): string | null {
  const match = /^(.*?)[sS]ig([A-Z]\w*)$/.exec(key)
  if (!match) return null
  const [, prefix, rest] = match
  return prefix ? prefix + rest : rest[0].toLowerCase() + rest.slice(1)
}

/**
 * The columns a sheet shows of a table's: `key` columns left out (the `label` beside says it in
 * words, under the key's heading), `rankLow`/`rankHigh` as one "3–9" column, and each ▲▼
 * column moved beside the measure it qualifies, headed "▲▼" with its full name in a note.
 */
export function viewColumns(columns: readonly Column[], locale: Locale): ViewColumn[] {
  const keys = new Set(columns.map((column) => column.key))
  const shown: ViewColumn[] = []
  const signs: ViewColumn[] = []
  let dropped: Column | null = null
  for (const column of columns) {
    const keyBefore = dropped
    dropped = column.format === 'key' ? column : null
    if (column.format === 'key' || column.key === 'rankHigh') continue
    // The label beside a machine key says what the key says: it takes the key's heading
    // ("Place", not "Name").
    if (keyBefore && column.key === 'label') {
      shown.push({ key: column.key, label: keyBefore.label, format: column.format })
      continue
    }
    if (column.key === 'rankLow' && keys.has('rankHigh')) {
      shown.push({
        key: 'rankRange',
        label: columnLabel('rankRange', locale),
        format: 'text',
        value: (row) => rankRange(row.rankLow, row.rankHigh),
        noteKeys: ['rankLow', 'rankHigh'],
      })
    } else if (column.format === 'sign') {
      signs.push({ key: column.key, label: column.label, format: 'sign' })
    } else {
      shown.push({ key: column.key, label: column.label, format: column.format })
    }
  }
  for (const sign of signs) {
    const target = signTarget(sign.key)
    const at = shown.findIndex((column) => column.key === target)
    if (at < 0) shown.push(sign)
    else shown.splice(at + 1, 0, { ...sign, label: '▲▼', headerNote: sign.label })
  }
  return shown
}

/** "3–9", or "3" when the range is one rank; blank without one. */
export function rankRange(low: Value, high: Value): string | null {
  if (typeof low !== 'number' || typeof high !== 'number') return null
  return low === high ? String(low) : `${low}–${high}`
}

/** A table's view: its shown columns, its reasons and small bases as notes. */
export function tableView(table: Table, locale: Locale, smallBaseNote: string): TableView {
  const columns = viewColumns(table.columns, locale)
  const notes = new Map(Object.entries(table.reasons ?? {}))
  const first = columns[0]
  if (first) {
    const key = first.noteKeys?.[0] ?? first.key
    table.rows.forEach((row, i) => {
      if (row.smallBase !== true) return
      notes.set(`${i}.${key}`, [notes.get(`${i}.${key}`), smallBaseNote].filter(Boolean).join('\n'))
    })
  }
  return { columns, rows: table.rows, total: table.total, notes }
}

/**
 * Writes the view from `top`, column 0: a bold header wrapped within its columns (the caller
 * freezes it), the rows, a bold total; number formats by column format (an empty table keeps
 * one formatted spare row), ▲ green and ▼ red, grey rows, the reasons as notes.
 */
export function writeTable(grid: Grid, top: number, view: TableView, locale: Locale): TablePlace {
  const header = top
  const first = top + 1
  view.columns.forEach((column, c) => {
    grid.put(header, c, column.label === '' ? null : column.label, {
      bold: true,
      note: column.headerNote,
      wrap: true,
    })
  })
  const lines = [...view.rows, ...(view.total ? [view.total] : [])]
  const grey = view.grey ?? ((row: Record<string, Value>) => row.smallBase === true)
  lines.forEach((line, i) => {
    const row = first + i
    const isTotal = i === view.rows.length
    const source = isTotal ? 'total' : String(view.sources?.[i] ?? i)
    const greyed = !isTotal && grey(line)
    view.columns.forEach((column, c) => {
      const note = (column.noteKeys ?? [column.key])
        .map((key) => view.notes.get(`${source}.${key}`))
        .filter(Boolean)
        .join('\n')
      const raw = column.value ? column.value(line) : (line[column.key] ?? null)
      let value = displayValue(column.key, raw, locale)
      let color: Rgb | null = null
      if (column.format === 'sign') {
        value = signText(raw)
        color = value === '▲' ? UP : value === '▼' ? DOWN : null
      }
      // A total row names itself by its label where its first column holds the key `total`.
      if (isTotal && c === 0 && raw === 'total' && typeof line.label === 'string') {
        value = line.label
      }
      grid.put(row, c, value, {
        note: note || undefined,
        bold: isTotal,
        color: greyed ? GREY : color,
        format: PATTERNS.get(column.format) ?? null,
      })
    })
  })
  const end = first + lines.length
  if (lines.length === 0) {
    // Sheets refuses to freeze every row: an empty table keeps one spare row, formatted.
    view.columns.forEach((column, c) => {
      grid.style(first, c, { format: PATTERNS.get(column.format) ?? null })
    })
  }
  const keys = view.columns.map((column) => column.key)
  return {
    header,
    first,
    end,
    after: Math.max(end, first + 1),
    column: (key) => keys.indexOf(key),
  }
}

/** The table's notes, one a row under `top` in column 0, spilling over the empty cells beside. */
export function writeNotes(grid: Grid, top: number, notes: readonly string[]): number {
  notes.forEach((note, i) => {
    grid.put(top + i, 0, note, { measure: false })
  })
  return top + notes.length
}
