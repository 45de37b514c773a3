/** @module The closing lines of `sapa report`: the survey in figures, top and bottom five, files. */
import type { Value } from '../engine/index'
import type { ReportReply } from '../protocol/index'

const SHOWN = 5

/**
 * Plain text for stdout: overall figures, the five best and the five worst ranked
 * services (small bases are not ranked), then one line per written output.
 */
export function summaryText(reply: ReportReply, outputs: readonly string[]): string {
  const { summary } = reply
  const lines = [
    `${count(summary.respondents)} respondents, ${count(summary.rated)} rated, satisfaction ${percent(summary.satisfaction)}, mean ${decimal(summary.mean)}, ${summary.services} services, ${count(summary.issueCount)} data issues (engine ${reply.engine})`,
  ]
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

function serviceLine(row: Record<string, Value>): string {
  return [
    String(row.rank).padStart(4),
    percent(row.satisfaction).padStart(6),
    decimal(row.mean).padStart(5),
    `n=${row.n}`.padEnd(7),
    // A label may hold a line break (Alt+Enter in Excel): one service, one line.
    String(row.service).replace(/\s*[\r\n]+\s*/g, ' '),
  ].join('  ')
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
