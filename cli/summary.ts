/** @module The closing lines of `sapa report`: the survey in figures, top and bottom five, files. */
import { type Detection, type Mapping, ROLES, type Role, type Value } from '../engine/index'
import type { ReportReply } from '../protocol/index'

const SHOWN = 5
/** Characters of a label shown on a line; the tables hold it whole. */
const LABEL_WIDTH = 200

/** How the survey was read: what the summary says besides the Worker's figures. */
export interface SummaryContext {
  /** For each role, the headers detection passed over (DESIGN §3: the choice is reported). */
  choices?: Detection['choices']
  /** How the file was read and where its header was. */
  notes?: readonly string[]
}

/**
 * Plain text for stdout: overall figures, how the survey was read and which column plays
 * which role, the five best and the five worst ranked services (small bases are not ranked),
 * then one line per written output.
 */
export function summaryText(
  reply: ReportReply,
  outputs: readonly string[],
  context: SummaryContext = {},
): string {
  const { summary } = reply
  const lines = [
    `${count(summary.respondents)} respondents, ${count(summary.rated)} rated, satisfaction ${percent(summary.satisfaction)}, mean ${decimal(summary.mean)}, ${summary.services} services, ${count(summary.issueCount)} data issues (engine ${reply.engine})`,
  ]
  if (context.notes?.length) lines.push('', ...context.notes)
  lines.push(
    '',
    'Columns (role ← header):',
    ...mappingLines(summary.mapping, context.choices ?? {}),
  )
  const rating = reply.tables.find((table) => table.id === 'rating')
  const ranked = (rating?.rows ?? [])
    .filter((row) => typeof row.rank === 'number')
    .sort((a, b) => (a.rank as number) - (b.rank as number))
  if (ranked.length > 0) {
    const top = ranked.slice(0, SHOWN)
    const bottom = ranked.slice(Math.max(SHOWN, ranked.length - SHOWN))
    lines.push('', `Top ${top.length} of ${ranked.length} ranked services (by ${summary.order}):`)
    lines.push(...top.map(serviceLine))
    if (bottom.length > 0) {
      lines.push('', `Bottom ${bottom.length}:`)
      lines.push(...bottom.map(serviceLine))
    }
  }
  if (outputs.length > 0) lines.push('', ...outputs)
  return `${lines.join('\n')}\n`
}

/**
 * One line per role the Worker read, with the headers detection passed over; and a line for
 * a role left unfound although a header fitted it (that header went to a better-fitting role).
 */
export function mappingLines(mapping: Mapping, choices: Detection['choices']): string[] {
  const width = Math.max(...ROLES.map((role) => role.length))
  const roleOf = new Map<string, Role>()
  for (const role of ROLES) if (mapping[role] !== undefined) roleOf.set(mapping[role], role)
  const lines: string[] = []
  for (const role of ROLES) {
    const header = mapping[role]
    const passed = choices[role] ?? []
    const others = passed.map((text) => {
      const taken = roleOf.get(text)
      return taken ? `«${cut(text)}», but that is read as ${taken}` : `«${cut(text)}»`
    })
    if (header !== undefined) {
      const also = others.length > 0 ? `  (also fits: ${others.join('; ')})` : ''
      lines.push(`  ${role.padEnd(width)} ← ${cut(header)}${also}`)
    } else if (others.length > 0) {
      lines.push(`  ${role.padEnd(width)}   none (fits: ${others.join('; ')})`)
    }
  }
  return lines
}

function serviceLine(row: Record<string, Value>): string {
  return [
    String(row.rank).padStart(4),
    percent(row.satisfaction).padStart(6),
    decimal(row.mean).padStart(5),
    `n=${row.n}`.padEnd(7),
    // A label may hold a line break (Alt+Enter in Excel): one service, one line.
    cut(String(row.service).replace(/\s*[\r\n]+\s*/g, ' ')),
  ].join('  ')
}

function cut(text: string): string {
  return text.length > LABEL_WIDTH ? `${text.slice(0, LABEL_WIDTH - 1)}…` : text
}

function count(value: number): string {
  return value.toLocaleString('en-US')
}

function percent(value: Value | undefined): string {
  return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '—'
}

function decimal(value: Value | undefined): string {
  return typeof value === 'number' ? value.toFixed(2) : '—'
}
