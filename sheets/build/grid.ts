/** @module A sheet filled cell by cell as its blocks are laid out, then sized into a model. */
import type { Value } from '../../engine/index'
import type {
  CellRef,
  CellValue,
  ChartModel,
  ColorScale,
  Limits,
  Rgb,
  SheetKind,
  SheetModel,
} from '../model'
import { cut } from '../titles'
import type { SheetTexts } from './texts'

/** What a sheet needs to know of the report and the platform, besides its content. */
export interface SheetFrame {
  title: string
  metadata: SheetModel['metadata']
  limits: Limits
  texts: SheetTexts
}

/** How a cell looks besides its value. */
export interface Look {
  note?: string
  bold?: boolean
  color?: Rgb | null
  format?: string | null
  link?: CellRef
  /** Wrapped within its column: the column is as wide as the longest word. */
  wrap?: boolean
  /**
   * Whether the cell's text sizes its column; titles, notes and links spill over the empty
   * cells to their right instead.
   */
  measure?: boolean
}

interface Cell {
  value: CellValue
  note: string | null
  bold: boolean
  color: Rgb | null
  format: string | null
  link: CellRef | null
  wrap: boolean
}

/** Column widths: 7 px a character plus 16, 60 to 400 px. */
const widthOf = (chars: number) => Math.min(400, Math.max(60, Math.round(chars * 7 + 16)))

export class Grid {
  private readonly cells: (Cell | undefined)[][] = []
  private readonly chars: number[] = []
  readonly rules: ColorScale[] = []
  readonly charts: ChartModel[] = []

  constructor(private readonly frame: SheetFrame) {}

  get texts(): SheetTexts {
    return this.frame.texts
  }

  /** The first row below everything written so far. */
  get end(): number {
    return this.cells.length
  }

  /** Writes a value (text cut to what the platform holds, with a note saying so) and its look. */
  put(row: number, column: number, value: Value | undefined, look: Look = {}): void {
    const { text, cutNote } = this.fitted(value)
    const cell = this.cell(row, column)
    cell.value = text
    const note = [look.note, cutNote].filter(Boolean).join('\n')
    if (note) cell.note = note
    if (look.bold) cell.bold = true
    if (look.color !== undefined) cell.color = look.color
    if (look.format !== undefined) cell.format = look.format
    if (look.link) cell.link = look.link
    if (look.wrap) cell.wrap = true
    if (look.measure !== false) {
      const chars =
        typeof text !== 'string'
          ? 7
          : look.wrap
            ? Math.max(0, ...text.split(/\s+/).map((word) => word.length))
            : text.length
      this.chars[column] = Math.max(this.chars[column] ?? 0, chars)
    }
  }

  /** Sets the look of a cell, whatever it holds. */
  style(row: number, column: number, look: Omit<Look, 'measure'>): void {
    const cell = this.cell(row, column)
    if (look.note) cell.note = [cell.note, look.note].filter(Boolean).join('\n')
    if (look.bold) cell.bold = true
    if (look.color !== undefined) cell.color = look.color
    if (look.format !== undefined) cell.format = look.format
  }

  /**
   * The sheet: as many rows and columns as its cells and a chart's anchor need;
   * measured columns sized to their longest text, the others left at the platform's default.
   */
  build(table: SheetKind, frozenRows: number): SheetModel {
    const anchors = this.charts.map((chart) => chart.anchor)
    const rows = Math.max(1, frozenRows + 1, this.end, ...anchors.map((a) => a.row + 1))
    const used = this.cells.reduce((most, row) => Math.max(most, row.length), 0)
    const columns = Math.max(1, used, this.chars.length, ...anchors.map((a) => a.column + 1))
    const at = (r: number, c: number) => this.cells[r]?.[c]
    const grid = <T>(read: (cell: Cell | undefined) => T) =>
      Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c) => read(at(r, c))),
      )
    return {
      table,
      title: this.frame.title,
      rows,
      columns,
      frozenRows,
      values: grid((cell) => cell?.value ?? null),
      formats: grid((cell) => cell?.format ?? null),
      notes: grid((cell) => cell?.note ?? null),
      bold: grid((cell) => cell?.bold ?? false),
      colors: grid((cell) => cell?.color ?? null),
      links: grid((cell) => cell?.link ?? null),
      wraps: grid((cell) => cell?.wrap ?? false),
      widths: Array.from({ length: columns }, (_, c) =>
        this.chars[c] === undefined ? null : widthOf(this.chars[c]),
      ),
      rules: this.rules,
      charts: this.charts,
      metadata: this.frame.metadata,
    }
  }

  private cell(row: number, column: number): Cell {
    while (this.cells.length <= row) this.cells.push([])
    const line = this.cells[row]
    let cell = line[column]
    if (!cell) {
      cell = {
        value: null,
        note: null,
        bold: false,
        color: null,
        format: null,
        link: null,
        wrap: false,
      }
      line[column] = cell
    }
    return cell
  }

  private fitted(value: Value | undefined): { text: CellValue; cutNote?: string } {
    const limit = this.frame.limits.cellText
    if (typeof value !== 'string' || value.length <= limit) return { text: value ?? null }
    const text = cut(value, limit)
    return {
      text,
      cutNote: this.frame.texts.cut(value.length, text.length, this.frame.limits.name),
    }
  }
}
