/** @module The custom functions that spill a table: KEY_DRIVERS and RATING. */
import {
  columnLabel,
  type Locale,
  parseLabel,
  report,
  SurveyError,
  scoreParser,
  type Value,
} from '../../../engine/index'
import { localeChoices, parseLocale } from '../shared/messages'
import { parseMinBase } from '../shared/settings'
import { keyDrivers } from './measures'
import { cellsOf, parseCells, type RangeArg, sameLength } from './ranges'
import { scaleArgument, scaleText } from './scale'

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
export function KEY_DRIVERS(
  aspectsWithHeader: RangeArg,
  overall: RangeArg,
  locale: Locale,
  scale?: unknown,
): Spill {
  const header = ['aspect', 'r', 'n'].map((key) => columnLabel(key, locale))
  const drivers = keyDrivers(aspectsWithHeader, overall, scaleArgument(scale))
  return [header, ...drivers.map((d) => [d.aspect, blank(d.r), d.n])]
}

/**
 * The rating's columns as the formula spills them: the Worker's, but the agency (not given)
 * and the small-base flag (a small base has no rank). Significance against the rest is the
 * engine's, corrected across the rating (Benjamini–Hochberg at 95 %) as in the report:
 * −1 / 0 / +1 in `sigSatisfaction` and `sigMean`.
 */
export const RATING_COLUMNS = [
  'rank',
  'rankLow',
  'rankHigh',
  'service',
  'n',
  'satisfaction',
  'top2',
  'mean',
  'score10',
  'index100',
  'ciLow',
  'ciHigh',
  'meanCiLow',
  'meanCiHigh',
  'sigSatisfaction',
  'sigMean',
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
  scaleValue?: unknown,
): Spill {
  const scale = scaleArgument(scaleValue)
  const serviceCells = cellsOf(services, 'services')
  const scoreCells = cellsOf(scores, 'scores')
  sameLength(serviceCells, scoreCells)
  const labels = parseCells(serviceCells, parseLabel)
  const values = parseCells(scoreCells, scoreParser(scale))
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
      { tables: ['rating'], minBase: base, locale, scale },
    ).tables
  } catch (error) {
    if (error instanceof SurveyError) throw new Error(`no scores ${scaleText(scale)} in scores`)
    throw error
  }
  return [
    RATING_COLUMNS.map((key) => columnLabel(key, locale)),
    ...rating.rows.map((row) => RATING_COLUMNS.map((key) => blank(row[key]))),
  ]
}
