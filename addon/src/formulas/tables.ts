/** @module The custom functions that spill a table: KEY_DRIVERS and RATING. */
import {
  columnLabel,
  type Locale,
  parseLabel,
  parseScore,
  report,
  SurveyError,
  type Value,
} from '../../../engine/index'
import { localeChoices, parseLocale } from '../shared/messages'
import { parseMinBase } from '../shared/settings'
import { keyDrivers } from './measures'
import { cellsOf, parseCells, type RangeArg, sameLength } from './ranges'

type Spill = (string | number | boolean)[][]

const blank = (value: Value | undefined) => (value === null || value === undefined ? '' : value)

/**
 * The `locale` argument of a formula that spills a header row, or `fallback` when it is left
 * out. An argument, not a setting read inside: Sheets recalculates a custom function only when
 * its arguments change, so only an argument makes the header follow a change of language.
 */
export function localeArgument(value: unknown, fallback: () => Locale): Locale {
  if (value === undefined || value === null || value === '') return fallback()
  const locale = parseLocale(String(value))
  if (locale) return locale
  throw new Error(`locale must be ${localeChoices()}, not "${String(value)}"`)
}

/** Aspect, r and n per aspect column, under a header row. */
export function KEY_DRIVERS(aspectsWithHeader: RangeArg, overall: RangeArg, locale: Locale): Spill {
  const header = ['aspect', 'r', 'n'].map((key) => columnLabel(key, locale))
  return [header, ...keyDrivers(aspectsWithHeader, overall).map((d) => [d.aspect, blank(d.r), d.n])]
}

export const RATING_COLUMNS = [
  'rank',
  'service',
  'n',
  'satisfaction',
  'top2',
  'mean',
  'score10',
  'ciLow',
  'ciHigh',
] as const

/**
 * The report's table 1 over two ranges: services ranked by satisfaction, small bases
 * (under `minBase`) listed after without a rank. The engine builds it, as in the Worker.
 */
export function RATING(
  services: RangeArg,
  scores: RangeArg,
  minBase: unknown,
  locale: Locale,
): Spill {
  const serviceCells = cellsOf(services, 'services')
  const scoreCells = cellsOf(scores, 'scores')
  sameLength(serviceCells, scoreCells)
  const labels = parseCells(serviceCells, parseLabel)
  const values = parseCells(scoreCells, parseScore)
  const base =
    minBase === undefined || minBase === null || minBase === '' ? 30 : parseMinBase(String(minBase))
  if (base === null)
    throw new Error(`min_base must be a whole number 1 or more, not "${String(minBase)}"`)
  let rating: ReturnType<typeof report>['tables'][number]
  try {
    ;[rating] = report(
      {
        header: ['service', 'overall'],
        rows: labels.map((label, i) => [label ?? '', values[i] ?? '']),
        mapping: { service: 'service', overall: 'overall' },
      },
      { tables: ['rating'], minBase: base, locale },
    ).tables
  } catch (error) {
    if (error instanceof SurveyError) throw new Error('no scores 1..5 in scores')
    throw error
  }
  return [
    RATING_COLUMNS.map((key) => columnLabel(key, locale)),
    ...rating.rows.map((row) => RATING_COLUMNS.map((key) => blank(row[key]))),
  ]
}
