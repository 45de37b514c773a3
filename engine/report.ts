/** @module A report: the tables, summary and data issues of one survey or of merged partial states. */

import type { Survey } from './decode'
import { SurveyError } from './errors'
import { meanScore, satisfaction } from './measures'
import { aggregate, issuesOf, type PartialState } from './state'
import { BUILDERS } from './tables'
import { effectiveBaseOf, overallOf, ratedOf } from './tables/context'
import { type Report, type ReportOptions, TABLE_IDS } from './types'
import { ENGINE_VERSION } from './version'

const DEFAULTS = {
  locale: 'kk',
  minBase: 30,
  order: 'satisfaction',
  tables: TABLE_IDS,
  maxIssues: 1000,
} as const satisfies Required<ReportOptions>

/**
 * Scores a survey: header + rows as `Range.getValues()` returns them, or compact columns.
 * @throws {SurveyError} a required column is missing, or no respondent gave a valid overall score
 * @example report({ header: ['Қызмет', 'Жалпы баға'], rows: [['1', 5], ['1', 4]] })
 */
export function report(survey: Survey, options: ReportOptions = {}): Report {
  const maxIssues = options.maxIssues ?? DEFAULTS.maxIssues
  return reportFromState(aggregate(survey, { maxIssues }), options)
}

/** The report of a (merged) partial state: identical to `report` over the same rows. */
export function reportFromState(state: PartialState, options: ReportOptions = {}): Report {
  const { locale, minBase, order, tables } = { ...DEFAULTS, ...definedOnly(options) }
  const total = state.groups.total.total
  const rated = total ? ratedOf(total) : 0
  if (rated === 0) {
    throw new SurveyError(
      'no_responses',
      `No valid overall score 1..5 in column "${state.mapping.overall}" (${state.rows} respondents read, ${state.issueCount} data issues)`,
      { column: state.mapping.overall, respondents: state.rows, issueCount: state.issueCount },
    )
  }
  const context = { state, locale, minBase, order }
  const d = overallOf(total)
  return {
    engine: ENGINE_VERSION,
    summary: {
      respondents: state.rows,
      rated,
      weighted: state.weighted,
      effectiveBase: effectiveBaseOf(total),
      satisfaction: satisfaction(d),
      mean: meanScore(d),
      services: Object.keys(state.groups.service).length,
      issueCount: state.issueCount,
      minBase,
      locale,
      order,
      mapping: state.mapping,
    },
    tables: TABLE_IDS.filter((id) => tables.includes(id)).map((id) => BUILDERS[id](context)),
    issues: issuesOf(state),
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>
}
