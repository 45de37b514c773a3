/** @module Run-time checks of a sheet plan, beyond what the Sheets types prove at compile time. */
import type { sheets_v4 } from 'googleapis'

interface Grid {
  rows: number
  columns: number
}

/**
 * Problems found in a plan, empty when it is sound: every request holds exactly one kind,
 * sheet ids and titles are unique, every referenced sheet was created earlier in the plan,
 * and every range, coordinate and block of cells lies inside its sheet's grid.
 *
 * @example
 * expect(validatePlan(planSheets(report, { generatedAt }))).toEqual([])
 */
export function validatePlan(requests: readonly sheets_v4.Schema$Request[]): string[] {
  const problems: string[] = []
  const grids = new Map<number, Grid>()
  const titles = new Set<string>()
  requests.forEach((request, index) => {
    const at = `request ${index}`
    const kinds = Object.keys(request)
    if (kinds.length !== 1) {
      problems.push(`${at}: holds ${kinds.length} kinds of request, not one`)
      return
    }
    const addSheet = request.addSheet
    if (addSheet) {
      const properties = addSheet.properties ?? {}
      const { sheetId, title } = properties
      const grid = properties.gridProperties ?? {}
      if (typeof sheetId !== 'number') problems.push(`${at}: addSheet without a sheetId`)
      else if (grids.has(sheetId)) problems.push(`${at}: sheet id ${sheetId} created twice`)
      else grids.set(sheetId, { rows: grid.rowCount ?? 1000, columns: grid.columnCount ?? 26 })
      if (!title || title.length > 100) problems.push(`${at}: sheet title empty or over 100`)
      else if (titles.has(title.toLowerCase())) problems.push(`${at}: title "${title}" twice`)
      else titles.add(title.toLowerCase())
      // Sheets refuses to freeze every row (or column) of a sheet.
      if ((grid.frozenRowCount ?? 0) >= (grid.rowCount ?? 1000)) {
        problems.push(`${at}: every row frozen`)
      }
      return
    }
    walk(request, at, grids, problems)
    const cells = request.updateCells
    if (cells?.start) checkCellBlock(cells, at, grids, problems)
  })
  return problems
}

/** Every object naming a sheet is checked as the range or coordinate it is. */
function walk(value: unknown, at: string, grids: Map<number, Grid>, problems: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, at, grids, problems)
    return
  }
  if (typeof value !== 'object' || value === null) return
  const node = value as Record<string, unknown>
  if ('sheetId' in node) {
    const grid = typeof node.sheetId === 'number' ? grids.get(node.sheetId) : undefined
    if (!grid) problems.push(`${at}: sheet ${String(node.sheetId)} not created before`)
    else checkPlace(node, grid, at, problems)
  }
  for (const child of Object.values(node)) walk(child, at, grids, problems)
}

function checkPlace(node: Record<string, unknown>, grid: Grid, at: string, problems: string[]) {
  const inside = (start: unknown, end: unknown, size: number, what: string) => {
    const from = typeof start === 'number' ? start : 0
    const to = typeof end === 'number' ? end : size
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= size)) {
      problems.push(`${at}: ${what} [${from}, ${to}) outside the sheet's ${size}`)
    }
  }
  if ('dimension' in node) {
    const size = node.dimension === 'ROWS' ? grid.rows : grid.columns
    inside(node.startIndex, node.endIndex, size, String(node.dimension).toLowerCase())
  } else if ('rowIndex' in node || 'columnIndex' in node) {
    const row = node.rowIndex ?? 0
    const column = node.columnIndex ?? 0
    inside(row, typeof row === 'number' ? row + 1 : row, grid.rows, 'row')
    inside(column, typeof column === 'number' ? column + 1 : column, grid.columns, 'column')
  } else {
    inside(node.startRowIndex, node.endRowIndex, grid.rows, 'rows')
    inside(node.startColumnIndex, node.endColumnIndex, grid.columns, 'columns')
  }
}

function checkCellBlock(
  cells: sheets_v4.Schema$UpdateCellsRequest,
  at: string,
  grids: Map<number, Grid>,
  problems: string[],
) {
  const start = cells.start ?? {}
  const grid = grids.get(start.sheetId ?? Number.NaN)
  if (!grid) return
  const rows = cells.rows ?? []
  const width = Math.max(0, ...rows.map((row) => row.values?.length ?? 0))
  if ((start.rowIndex ?? 0) + rows.length > grid.rows) {
    problems.push(`${at}: ${rows.length} rows overflow the sheet's ${grid.rows}`)
  }
  if ((start.columnIndex ?? 0) + width > grid.columns) {
    problems.push(`${at}: ${width} columns overflow the sheet's ${grid.columns}`)
  }
}
