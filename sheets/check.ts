/** @module The sheet model's invariants: what Sheets or Excel would refuse, stated once. */
import type { Box, Limits, SheetModel } from './model'

/**
 * Problems found in `sheets` for a platform's `limits`, empty when they are sound: titles
 * present, within the limit and unique regardless of case; at least one row and column, and
 * fewer frozen rows than rows; every grid exactly rows × columns; no cell text beyond the
 * limit; every rule's and chart's box, every chart's anchor and every link's target inside
 * the grid, a link only on text; a chart's domain and series one column each over the same
 * rows; a scatter chart, and only one, with an x-axis title, never stacked. `buildSheets` keeps them all; the
 * tests run this on every writer's input.
 *
 * @example
 * expect(checkSheets(buildSheets(report, { generatedAt }), SHEETS_LIMITS)).toEqual([])
 */
export function checkSheets(sheets: readonly SheetModel[], limits: Limits): string[] {
  const problems: string[] = []
  const titles = new Set<string>()
  for (const sheet of sheets) {
    const at = `sheet "${sheet.title}"`
    const say = (problem: string) => problems.push(`${at}: ${problem}`)
    if (sheet.title.trim() === '' || sheet.title.length > limits.title) {
      say(`title empty or over ${limits.title} characters (${limits.name})`)
    }
    if (titles.has(sheet.title.toLowerCase())) say('title used twice')
    titles.add(sheet.title.toLowerCase())
    if (!(isCount(sheet.rows) && isCount(sheet.columns))) {
      say(`grid ${sheet.rows} × ${sheet.columns} is not at least 1 × 1`)
      continue
    }
    if (!(Number.isInteger(sheet.frozenRows) && sheet.frozenRows >= 0)) say('frozen rows invalid')
    if (sheet.frozenRows >= sheet.rows) say(`all ${sheet.rows} rows frozen`)
    for (const name of [
      'values',
      'formats',
      'notes',
      'bold',
      'colors',
      'links',
      'wraps',
    ] as const) {
      const grid: unknown[][] = sheet[name]
      if (grid.length !== sheet.rows || grid.some((row) => row.length !== sheet.columns)) {
        say(`${name} is not a ${sheet.rows} × ${sheet.columns} grid`)
      }
    }
    if (sheet.widths.length !== sheet.columns) say(`${sheet.widths.length} widths`)
    sheet.values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (typeof value === 'string' && value.length > limits.cellText) {
          say(`cell (${r}, ${c}) holds ${value.length} characters, over ${limits.cellText}`)
        }
      })
    })
    const inside = (box: Box, what: string) => {
      const fits =
        [box.row, box.column].every((n) => Number.isInteger(n) && n >= 0) &&
        [box.rows, box.columns].every(isCount) &&
        box.row + box.rows <= sheet.rows &&
        box.column + box.columns <= sheet.columns
      if (!fits)
        say(`${what} ${JSON.stringify(box)} outside the ${sheet.rows} × ${sheet.columns} grid`)
    }
    sheet.links.forEach((row, r) => {
      row.forEach((link, c) => {
        if (link === null) return
        inside({ ...link, rows: 1, columns: 1 }, `link of cell (${r}, ${c})`)
        if (typeof sheet.values[r]?.[c] !== 'string') say(`cell (${r}, ${c}) links without text`)
      })
    })
    sheet.rules.forEach((rule, i) => {
      if (rule.boxes.length === 0) say(`rule ${i} has no range`)
      for (const box of rule.boxes) inside(box, `rule ${i}`)
    })
    sheet.charts.forEach((chart, i) => {
      for (const box of [chart.domain, ...chart.series]) {
        inside(box, `chart ${i}`)
        if (box.columns !== 1 || box.row !== chart.domain.row || box.rows !== chart.domain.rows) {
          say(`chart ${i}: a source is not one column over the domain's rows`)
        }
      }
      if (chart.series.length === 0) say(`chart ${i} has no series`)
      if ((chart.kind === 'scatter') !== (chart.domainAxisTitle !== null)) {
        say(`chart ${i}: a scatter chart, and only one, titles its x axis`)
      }
      if (chart.kind === 'scatter' && chart.stacked) say(`chart ${i}: a scatter is not stacked`)
      inside({ ...chart.anchor, rows: 1, columns: 1 }, `chart ${i}'s anchor`)
    })
  }
  return problems
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1
}
