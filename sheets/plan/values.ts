/** @module The sheet's cells: caption, bold header, values with their notes, bold total. */
import type { sheets_v4 } from 'googleapis'
import type { Value } from '../../engine/index'
import { displayValue } from '../../engine/index'
import type { SheetLayout, SheetSource } from './layout'

const BOLD: sheets_v4.Schema$CellFormat = { textFormat: { bold: true } }

/** One updateCells request writing every cell of the table, top-left at A1. */
export function valueRequest(layout: SheetLayout, source: SheetSource): sheets_v4.Schema$Request {
  const notes = source.notes ?? {}
  const rows: sheets_v4.Schema$RowData[] = []
  if (source.caption !== undefined) {
    rows.push({ values: [{ ...cellOf(source.caption), userEnteredFormat: BOLD }] })
  }
  rows.push({
    values: source.columns.map((column) => ({ ...cellOf(column.label), userEnteredFormat: BOLD })),
  })
  source.rows.forEach((row, index) => {
    rows.push({
      values: source.columns.map((c) =>
        withNote(
          cellOf(displayValue(c.key, row[c.key], source.locale)),
          notes[`${index}.${c.key}`],
        ),
      ),
    })
  })
  const total = source.total
  if (total) {
    rows.push({
      values: source.columns.map((c) => ({
        ...withNote(
          cellOf(displayValue(c.key, total[c.key], source.locale)),
          notes[`total.${c.key}`],
        ),
        userEnteredFormat: BOLD,
      })),
    })
  }
  return {
    updateCells: {
      start: { sheetId: layout.sheetId, rowIndex: 0, columnIndex: 0 },
      rows,
      fields: 'userEnteredValue,note,userEnteredFormat.textFormat.bold',
    },
  }
}

function cellOf(value: Value | undefined): sheets_v4.Schema$CellData {
  // stringValue is never parsed, so a label such as "=1+1" stays text, not a formula.
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } }
  if (typeof value === 'string') return { userEnteredValue: { stringValue: value } }
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } }
  return {}
}

function withNote(cell: sheets_v4.Schema$CellData, note: string | undefined) {
  return note === undefined ? cell : { ...cell, note }
}
