/**
 * @module A body whose `header` is not the survey's header: title rows above it, or a second
 * header row under it. Refused with a hint (DESIGN §3), so no such row counts as a respondent.
 */
import {
  type Cell,
  HEADER_SCAN_ROWS,
  locateHeader,
  type Survey,
  SurveyError,
} from '../engine/index'
import { ApiError } from './errors'

/** @throws {ApiError} 400 `missing_column` naming the row that is the header */
export function checkHeaderRow({ header, rows, columns, mapping }: Survey) {
  const first = firstRows(rows, columns)
  let layout: ReturnType<typeof locateHeader>
  try {
    layout = locateHeader([header, ...first], mapping)
  } catch (error) {
    if (error instanceof SurveyError) return // the engine says what is missing, as it does
    throw error
  }
  if (layout.first > 1) {
    throw new ApiError(
      400,
      'missing_column',
      `"header" is not the survey's header: row ${layout.first} of the sheet is (${quoted(layout.header)}); send it as "header", with the rows under it`,
      { field: 'header', headerRow: layout.first },
    )
  }
  if (layout.last > 1) {
    throw new ApiError(
      400,
      'missing_column',
      `The first row under "header" is a second header row (${quoted(first[0] ?? [])}), not a respondent; join the two rows into "header", or send the rows under them`,
      { field: 'rows[0]', headerRows: [1, 2] },
    )
  }
}

/** The first rows of either form, as cells. */
function firstRows(rows: unknown, columns: unknown): Cell[][] {
  if (Array.isArray(rows)) return rows.slice(0, HEADER_SCAN_ROWS) as Cell[][]
  if (!Array.isArray(columns)) return []
  const height = Math.min(HEADER_SCAN_ROWS, columnLength(columns[0]))
  return Array.from({ length: height }, (_, r) =>
    columns.map((column) => {
      const { values, dict, codes } = column as { values?: Cell[]; dict?: Cell[]; codes?: number[] }
      if (values) return values[r]
      const code = codes?.[r] ?? -1
      return code >= 0 ? dict?.[code] : ''
    }),
  )
}

function columnLength(column: unknown): number {
  const { values, codes } = (column ?? {}) as { values?: unknown[]; codes?: unknown[] }
  return (values ?? codes ?? []).length
}

function quoted(cells: readonly Cell[]): string {
  const shown = cells.filter((cell) => String(cell ?? '').trim() !== '').slice(0, 4)
  const more = cells.length > shown.length ? ', …' : ''
  return `${shown.map((cell) => `"${String(cell)}"`).join(', ')}${more}`
}
