/**
 * @module The population margins' sheet read into `options.weighting.margins`: one row per
 * role, category and share (DESIGN §4, raking), a header row optional. Every row Sapa cannot
 * read is named (row, value, why) rather than skipped.
 */
import {
  type Cell,
  cellText,
  LOCALES,
  normalize,
  parseNumberText,
  RAKE_ROLES,
  type Role,
  SHARE_SUM_TOLERANCE,
} from '../../../engine/index'
import { MESSAGES, type Params, roleKey, type Translate } from '../shared/messages'

type RakeRole = (typeof RAKE_ROLES)[number]
export type Margins = Record<string, Record<string, number>>

/** A row Sapa cannot read, or a role whose shares do not add up: the dialog's wording. */
export interface MarginProblem {
  key: 'margins.role' | 'margins.category' | 'margins.share' | 'margins.twice' | 'margins.sum'
  params: Params
}

/**
 * The margins of a sheet's values (`getValues`, header row optional): columns A, B, C are the
 * role (its key, `region`, or its name in kk/ru/en, «Өңір»), the category as the survey writes
 * it, and the share (0.055, "0,055" or "5.5%"). Blank rows are skipped.
 * @example
 * readMargins([['role', 'category', 'share'], ['region', 'North', 0.5], ['region', 'South', 0.5]])
 * // { margins: { region: { North: 0.5, South: 0.5 } }, problems: [] }
 */
export function readMargins(values: readonly Cell[][]): {
  margins: Margins
  problems: MarginProblem[]
} {
  const margins: Margins = {}
  const problems: MarginProblem[] = []
  const seen = new Set<string>()
  values.forEach((cells, i) => {
    const row = i + 1
    const [roleCell, categoryCell, shareCell] = [cells[0], cells[1], cells[2]].map(cellText)
    if (roleCell.trim() === '' && categoryCell.trim() === '' && shareCell.trim() === '') return
    if (i === 0 && parseShare(cells[2]) === null && roleOf(roleCell) === null) return // a header
    const role = roleOf(roleCell)
    if (role === null) {
      problems.push({
        key: 'margins.role',
        params: { row, value: roleCell, roles: RAKE_ROLES.join(', ') },
      })
      return
    }
    const category = categoryCell.trim()
    if (category === '') {
      problems.push({ key: 'margins.category', params: { row } })
      return
    }
    const share = parseShare(cells[2])
    if (share === null) {
      problems.push({ key: 'margins.share', params: { row, value: shareCell } })
      return
    }
    const key = `${role}\u0000${category}`
    if (seen.has(key)) {
      problems.push({ key: 'margins.twice', params: { row, value: category, role } })
      return
    }
    seen.add(key)
    margins[role] ??= {}
    margins[role][category] = share
  })
  for (const [role, shares] of Object.entries(margins)) {
    const sum = Object.values(shares).reduce((a, b) => a + b, 0)
    // The engine's own tolerance, so that what passes here passes there.
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      problems.push({ key: 'margins.sum', params: { role, sum: String(roundTo(sum, 6)) } })
    }
  }
  return { margins, problems }
}

/** The problems as the dialog lists them: at most `max`, then "and N more". */
export function describeProblems(problems: readonly MarginProblem[], t: Translate, max = 8) {
  const shown = problems.slice(0, max).map((p) => t(p.key, p.params))
  if (problems.length > max) shown.push(t('margins.more', { n: problems.length - max }))
  return shown.join('; ')
}

/** A raking role by its key or its name in any of the add-on's languages, else null. */
function roleOf(text: string): RakeRole | null {
  const name = normalize(text)
  if (name === '') return null
  for (const role of RAKE_ROLES) {
    if (normalize(role) === name) return role
    for (const locale of LOCALES) {
      const label = MESSAGES[locale][roleKey(role as Role)]
      // «Деңгей (орталық / жергілікті)» is also just «Деңгей».
      if (normalize(label) === name || normalize(label.replace(/\s*\(.*\)\s*$/, '')) === name) {
        return role
      }
    }
  }
  return null
}

/** A share 0..1: a number, its text ("0,055"), or a percentage ("5.5%"); else null. */
function parseShare(cell: Cell): number | null {
  let value: number | null = null
  if (typeof cell === 'number') value = cell
  else if (typeof cell === 'string') {
    const text = cell.trim()
    const percent = text.endsWith('%')
    const number = parseNumberText(percent ? text.slice(0, -1) : text)
    value = number === null ? null : percent ? number / 100 : number
  }
  return value !== null && Number.isFinite(value) && value >= 0 && value <= 1 ? value : null
}

const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
