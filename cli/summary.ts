/**
 * @module The closing lines of `sapa report`: the survey in figures, how it was read, raking
 * and waves, top and bottom five with their rank ranges and significance, the files written.
 */
import {
  type Detection,
  type Mapping,
  questionColumns,
  ROLES,
  type Role,
  type SignificanceOptions,
  type Summary,
  type Table,
  type Value,
} from '../engine/index'
import type { ReportReply } from '../protocol/index'

const SHOWN = 5
/** Characters of a label shown on a line; the tables hold it whole. */
const LABEL_WIDTH = 200
/** Headers listed by name on the "not used" line; the rest are counted. */
const NAMED_HEADERS = 12

/** How the survey was read: what the summary says besides the Worker's figures. */
export interface SummaryContext {
  /** For each role, the headers detection passed over (DESIGN §3: the choice is reported). */
  choices?: Detection['choices']
  /** How the file was read and where its header was. */
  notes?: readonly string[]
  /** Headers of the columns the command line did not send: no role or question reads them. */
  dropped?: readonly string[]
  /** The previous wave's file, and how it was read. */
  previous?: { source: string; notes?: readonly string[]; dropped?: readonly string[] }
  /** The significance options sent, to say what ▲ ▼ mean. */
  significance?: SignificanceOptions
}

/**
 * Plain text for stdout: overall figures and the scale, how the survey was read and which
 * column plays which role, the declared questions and the headers not used, what raking did,
 * the previous wave's headline and the change on the common services, the five best and the
 * five worst ranked services (small bases are not ranked) with their rank ranges and
 * significance against the rest, then one line per written output.
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
  if (summary.scale) {
    const { min, max } = summary.scale
    lines.push(`Scale ${min}..${max}: satisfaction is the share who gave ${max}`)
  }
  if (context.notes?.length) lines.push('', ...context.notes)
  lines.push(
    '',
    'Columns (role ← header):',
    ...mappingLines(summary.mapping, context.choices ?? {}),
  )
  lines.push(...questionLines(summary))
  const unused = [...(context.dropped ?? [])]
  for (const header of summary.unused ?? []) if (!unused.includes(header)) unused.push(header)
  if (unused.length > 0) lines.push(`Not used: ${headerList(unused)}`)
  if (summary.weighting) lines.push('', ...weightingLines(summary.weighting))
  if (summary.previous) {
    const waves = reply.tables.find((table) => table.id === 'waves')
    lines.push('', ...waveLines(summary, waves, context.previous, unused))
  }
  const rating = reply.tables.find((table) => table.id === 'rating')
  const ranked = (rating?.rows ?? [])
    .filter((row) => typeof row.rank === 'number')
    .sort((a, b) => (a.rank as number) - (b.rank as number))
  if (ranked.length > 0) {
    const top = ranked.slice(0, SHOWN)
    const bottom = ranked.slice(Math.max(SHOWN, ranked.length - SHOWN))
    lines.push(
      '',
      `Top ${top.length} of ${ranked.length} ranked services (by ${summary.order}):`,
      [
        'rank'.padStart(6),
        'range'.padStart(6),
        'satisfied'.padStart(13),
        'mean'.padStart(7),
        'base',
      ].join(' '),
    )
    lines.push(...top.map(serviceLine))
    if (bottom.length > 0) {
      lines.push('', `Bottom ${bottom.length}:`)
      lines.push(...bottom.map(serviceLine))
    }
    lines.push(legend(context.significance))
  }
  if (outputs.length > 0) lines.push('', ...outputs)
  return `${lines.join('\n')}\n`
}

/** The declared questions, one line each, with the column(s) each reads. */
function questionLines(summary: Summary): string[] {
  const questions = summary.questions ?? []
  if (questions.length === 0) return []
  const width = Math.max(...questions.map((q) => q.key.length))
  return [
    'Questions (key, type ← header):',
    ...questions.map((q) => {
      const headers = questionColumns(q)
      const read =
        headers.length === 1
          ? cut(headers[0])
          : `${headers.length} columns: ${headers.map((h) => `«${cut(h)}»`).join(', ')}`
      return `  ${q.key.padEnd(width)}  ${q.type.padEnd(6)} ← ${read}`
    }),
  ]
}

/** «a», «b», … and N more: the headers not used, by name up to a dozen. */
function headerList(headers: readonly string[]): string {
  const named = headers.slice(0, NAMED_HEADERS).map((h) => `«${cut(oneLineOf(h))}»`)
  const more = headers.length - named.length
  const columns = `${headers.length} column${headers.length === 1 ? '' : 's'}`
  return `${columns}, ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}

/** What raking did: the margins, convergence, efficiency, design effect and the weights' range. */
function weightingLines(weighting: NonNullable<Summary['weighting']>): string[] {
  const roles = [...new Set(weighting.margins.map((m) => m.role))]
  const margins = roles
    .map((role) => {
      const n = weighting.margins.filter((m) => m.role === role).length
      return `${role} (${n} categor${n === 1 ? 'y' : 'ies'})`
    })
    .join(', ')
  const iterations = `${weighting.iterations} iteration${weighting.iterations === 1 ? '' : 's'}`
  const converged = weighting.converged
    ? `converged in ${iterations}`
    : `NOT converged after ${iterations} (largest error ${weighting.maxError.toPrecision(2)})`
  const lines = [
    `Raked to the margins of ${margins}: ${converged}`,
    `  efficiency ${weighting.efficiency.toFixed(3)}, design effect ${weighting.designEffect.toFixed(2)}, weights ${weighting.minWeight.toFixed(2)}–${weighting.maxWeight.toFixed(2)} × the mean`,
  ]
  if (weighting.trimmed > 0 || weighting.outside > 0) {
    const outside = weighting.outside > 0 ? `, ${count(weighting.outside)} still outside them` : ''
    lines[1] += `; ${count(weighting.trimmed)} respondents held at a trimming bound${outside}`
  }
  return lines
}

/**
 * The previous wave's headline, and the comparison on the services both waves contain
 * (the waves table's total, standardised to this wave's mix of services).
 */
function waveLines(
  summary: Summary,
  waves: Table | undefined,
  previous: SummaryContext['previous'],
  unused: readonly string[],
): string[] {
  const before = summary.previous as NonNullable<Summary['previous']>
  const lines = [
    `Previous wave${previous ? ` (${previous.source})` : ''}: ${count(before.respondents)} respondents, satisfaction ${percent(before.satisfaction)}, mean ${decimal(before.mean)}`,
  ]
  if (previous?.notes?.length) lines.push(...previous.notes.map((note) => `  ${note}`))
  if (previous?.dropped?.length) {
    const same = sameList(previous.dropped, unused)
    const n = previous.dropped.length
    lines.push(
      same
        ? `  Not used: the same ${n} column${n === 1 ? '' : 's'}`
        : `  Not used: ${headerList(previous.dropped)}`,
    )
  }
  if (!waves) return lines
  const rows = waves.rows
  const common = rows.filter((row) => row.change !== null && row.change !== undefined).length
  const onlyNow = rows.filter((row) => row.change == null && Number(row.n) > 0).length
  const onlyThen = rows.filter((row) => row.change == null && !(Number(row.n) > 0)).length
  lines.push(
    `  ${common} services in both waves; ${onlyNow} only in this one, ${onlyThen} only in the previous one (not compared)`,
  )
  const total = waves.total
  if (total && total.change !== null && total.change !== undefined) {
    lines.push(
      `  On the common services, standardised to this wave's mix: satisfaction ${percent(total.satisfaction)} against ${percent(total.previousSatisfaction)}, ${points(total.change)}${spaced(mark(total.sigChange))}; mean ${decimal(total.mean)} against ${decimal(total.previousMean)}, ${signed(total.changeMean)}${spaced(mark(total.sigChangeMean))}`,
    )
  }
  return lines
}

/** What the columns of the top and bottom five mean. */
function legend(significance: SignificanceOptions = {}): string {
  const correction = {
    fdr: 'Benjamini–Hochberg',
    holm: 'Holm',
    bonferroni: 'Bonferroni',
    none: 'no',
  }[significance.correction ?? 'fdr']
  const level = significance.level ?? 0.05
  return `Range: the ranks a service could hold given the differences that are significant. ▲ ▼: significantly above / below the other services (${Number((level * 100).toPrecision(4))} % level, ${correction} correction).`
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
  const low = row.rankLow
  const high = row.rankHigh
  const range =
    typeof low === 'number' && typeof high === 'number'
      ? low === high
        ? String(low)
        : `${low}–${high}`
      : '—'
  return [
    String(row.rank).padStart(6),
    range.padStart(6),
    `${percent(row.satisfaction).padStart(12)}${mark(row.sigSatisfaction) || ' '}`,
    `${decimal(row.mean).padStart(6)}${mark(row.sigMean) || ' '}`,
    `n=${base(row.n)}`.padEnd(8),
    // A label may hold a line break (Alt+Enter in Excel): one service, one line.
    cut(oneLineOf(String(row.service))),
  ].join(' ')
}

/** ▲ for significantly above, ▼ below, nothing otherwise. */
function mark(sign: Value | undefined): string {
  return sign === 1 ? '▲' : sign === -1 ? '▼' : ''
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

const spaced = (text: string) => (text ? ` ${text}` : '')

const oneLineOf = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ')

/** A base: whole when it is (unweighted), else to one decimal (weighted). */
function base(value: Value | undefined): string {
  if (typeof value !== 'number') return '—'
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}

/** A change of a share in percentage points, signed. */
function points(value: Value | undefined): string {
  if (typeof value !== 'number') return '—'
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value * 100).toFixed(1)} points`
}

function signed(value: Value | undefined): string {
  if (typeof value !== 'number') return '—'
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(2)}`
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
