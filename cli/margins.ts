/**
 * @module `--margins FILE.csv`: the population shares to rake the sample to (DESIGN §4), one
 * `role,category,share` a line, read into the API's `options.weighting.margins`.
 */
import {
  normalize,
  parseNumberText,
  RAKE_ROLES,
  SHARE_SUM_TOLERANCE,
  type WeightingOptions,
} from '../engine/index'
import { CliError, EXIT, oneLine } from './errors'
import { readCsvFile } from './read-csv'

const COLUMNS = ['role', 'category', 'share'] as const

/**
 * Reads a margins CSV (any encoding and delimiter a survey CSV may have): a header naming
 * `role`, `category` and `share` (in any order), then one line per category. Shares are
 * numbers as people type them (`0.055`, `0,055`, `5.5%`); each role's sum to 1.
 *
 * @example
 * // role,category,share
 * // region,Астана қ.,0.055276
 * await readMargins('margins.csv') // { region: { 'Астана қ.': 0.055276, … } }
 * @throws {CliError} exit 3 naming the file, the line and the value: an unknown role, a blank
 * category, a share that is no number or below 0, a category given twice, shares of a role
 * that do not sum to 1
 */
export async function readMargins(path: string): Promise<WeightingOptions['margins']> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new CliError(`--margins ${path}: ${reason}`, EXIT.input, { cause })
  }
  let records: string[][] = []
  let skipped = 0
  try {
    const csv = await readCsvFile(path)
    records = csv.records
    skipped = csv.sepLine ? 1 : 0
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    if (code === 'ENOENT') fail('file not found', error)
    fail(oneLine(message).replace(`${path}: `, ''), error)
  }
  const lines = records
    .map((cells, i) => ({ line: i + 1 + skipped, cells: cells.map((cell) => cell.trim()) }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''))
  const [head, ...rows] = lines
  if (!head) fail('empty; write a header "role,category,share" and one line per category')
  const at = COLUMNS.map((name) => head.cells.findIndex((cell) => cell.toLowerCase() === name))
  const absent = COLUMNS.filter((_, i) => at[i] < 0)
  if (absent.length > 0) {
    fail(
      `line ${head.line}: the header must name role, category and share; ${absent.join(', ')} not found in ${head.cells.map((c) => `"${c}"`).join(',')}`,
    )
  }
  const margins: WeightingOptions['margins'] = {}
  const seen = new Map<string, number>()
  for (const { line, cells } of rows) {
    const [role, category, text] = at.map((c) => cells[c] ?? '')
    if (!(RAKE_ROLES as readonly string[]).includes(role)) {
      fail(`line ${line}: role "${role}" cannot be raked on; use one of ${RAKE_ROLES.join(', ')}`)
    }
    if (category === '') fail(`line ${line}: no category for role ${role}`)
    const share = shareOf(text)
    if (share === null) {
      fail(`line ${line}: share "${text}" of ${role} «${category}» is not a number ≥ 0`)
    }
    const key = `${role}\u0000${normalize(category)}`
    const first = seen.get(key)
    if (first !== undefined) {
      fail(`line ${line}: ${role} «${category}» is given twice (first on line ${first})`)
    }
    seen.set(key, line)
    margins[role] ??= {}
    margins[role][category] = share as number
  }
  if (Object.keys(margins).length === 0) fail('no margins under its header')
  for (const [role, shares] of Object.entries(margins)) {
    const sum = Object.values(shares).reduce((a, b) => a + b, 0)
    // The engine's own tolerance, so that what passes here passes there.
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      fail(`the shares of ${role} sum to ${Number(sum.toPrecision(10))}, not 1`)
    }
  }
  return margins
}

/** A share as a number ≥ 0: a fraction, or a percentage written with `%`. */
function shareOf(text: string): number | null {
  const percent = text.endsWith('%')
  const value = parseNumberText(percent ? text.slice(0, -1).trim() : text)
  if (value === null || !Number.isFinite(value) || value < 0) return null
  return percent ? value / 100 : value
}
