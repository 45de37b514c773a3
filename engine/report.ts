/** @module A report: the tables, summary and data issues of one survey or of merged partial states. */
import { Cube } from './cube'
import type { Survey } from './decode'
import { SurveyError } from './errors'
import { aggregate, issuesOf, type PartialState } from './state'
import { Reader, type TableContext } from './tables/context'
import { BUILDERS } from './tables/index'
import { type Report, type ReportOptions, TABLE_IDS, type Table } from './types'
import { ENGINE_VERSION } from './version'

const DEFAULTS = {
  locale: 'kk',
  minBase: 30,
  order: 'satisfaction',
  tables: TABLE_IDS,
  maxIssues: 1000,
} as const

/**
 * Scores a survey: header + rows as `Range.getValues()` returns them, or compact columns.
 * @throws {SurveyError} a required column is missing, or no respondent gave a valid overall score
 * @example report({ header: ['Қызмет', 'Жалпы баға'], rows: [['1', 5], ['1', 4]] })
 */
export function report(survey: Survey, options: ReportOptions = {}): Report {
  const maxIssues = options.maxIssues ?? DEFAULTS.maxIssues
  return reportFromState(aggregate(survey, { maxIssues, scale: options.scale }), options)
}

/** The report of a (merged) partial state: identical to `report` over the same rows. */
export function reportFromState(state: PartialState, options: ReportOptions = {}): Report {
  const { locale, minBase, order, tables } = { ...DEFAULTS, ...definedOnly(options) }
  const cube = new Cube(state)
  const read = new Reader(cube.layout)
  const total = cube.total()
  const rated = total ? read.rated(total) : 0
  if (!total || rated === 0) {
    const { min, max } = state.schema.scale
    throw new SurveyError(
      'no_responses',
      `No valid overall score ${min}..${max} in column "${state.mapping.overall}" (${state.rows} respondents read, ${state.issueCount} data issues)`,
      { column: state.mapping.overall, respondents: state.rows, issueCount: state.issueCount },
    )
  }
  const context: TableContext = {
    state,
    cube,
    locale,
    minBase,
    order,
    significance: {
      level: options.significance?.level ?? 0.05,
      correction: options.significance?.correction ?? 'fdr',
    },
    driversExclude: options.drivers?.exclude ?? [],
  }
  const used = new Set<string>([
    ...Object.values(state.mapping),
    ...state.questions.flatMap((q) => (q.type === 'multi' ? (q.headers ?? []) : [q.header ?? ''])),
  ])
  return {
    engine: ENGINE_VERSION,
    summary: {
      respondents: state.rows,
      rated,
      weighted: state.weighted,
      effectiveBase: read.effectiveBase(total),
      satisfaction: read.satisfaction(total),
      mean: read.mean(total),
      services: cube.rollUp({ by: ['service'] }).size,
      issueCount: state.issueCount,
      minBase,
      locale,
      order,
      mapping: state.mapping,
      scale: state.schema.scale,
      questions: state.questions,
      unused: state.header.filter((h) => h !== '' && !used.has(h)),
    },
    tables: TABLE_IDS.filter((id) => tables.includes(id))
      .map((id) => BUILDERS[id](context))
      .filter((table): table is Table => table !== null),
    issues: issuesOf(state),
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>
}
