/** @module A report: the tables, summary and data issues of one survey or of merged partial states. */
import { Cube } from './cube'
import { declaredColumns, type Survey } from './decode'
import { SurveyError } from './errors'
import { countSurvey, issuesOf, type PartialState } from './state'
import { Reader, type TableContext } from './tables/context'
import { BUILDERS } from './tables/index'
import { type Report, type ReportOptions, type Summary, TABLE_IDS, type Table } from './types'
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
export function report(
  survey: Survey,
  options: ReportOptions = {},
  previous?: Survey | PartialState,
): Report {
  const maxIssues = options.maxIssues ?? DEFAULTS.maxIssues
  const { scale, weighting } = options
  const state = countSurvey(survey, { maxIssues, scale, weighting }, false)
  const before =
    previous === undefined || 'format' in previous
      ? previous
      : countSurvey(previous, { scale }, false)
  return reportFromState(state, options, before)
}

/**
 * The report of a (merged) partial state: identical to `report` over the same rows. With the
 * state of a previous wave, the waves table compares the two.
 * @throws {SurveyError} `bad_input` when the previous wave is on another scale
 */
export function reportFromState(
  state: PartialState,
  options: ReportOptions = {},
  previous?: PartialState,
): Report {
  const { locale, minBase, order, tables } = { ...DEFAULTS, ...definedOnly(options) }
  const cube = new Cube(state)
  const read = new Reader(cube.layout)
  const total = cube.total()
  const rated = total ? read.rated(total) : 0
  if (!total && state.rows > 0 && state.mapping.weight !== undefined) {
    throw new SurveyError(
      'no_responses',
      `No respondent has a readable weight in column "${state.mapping.weight}" (${state.rows} respondents read, ${state.issueCount} data issues)`,
      { column: state.mapping.weight, respondents: state.rows, issueCount: state.issueCount },
    )
  }
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
    previous: previous && { state: previous, cube: new Cube(previous) },
  }
  if (context.previous) checkPreviousScale(context.previous)
  if (previous && !sameScale(previous.schema.scale, state.schema.scale)) {
    const { min, max } = previous.schema.scale
    throw new SurveyError(
      'bad_input',
      `The previous wave is on the scale ${min}..${max}, this one on ${state.schema.scale.min}..${state.schema.scale.max}: waves are compared on one scale`,
      { field: 'previous' },
    )
  }
  // The questions' columns as matched when decoding (their text may differ from the declaration's).
  const used = new Set<string>([
    ...Object.values(state.mapping),
    ...declaredColumns(state.header, state.questions).flatMap((q) =>
      q.columns.map((c) => state.header[c]),
    ),
  ])
  const summary: Summary = {
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
  }
  if (state.weighting) summary.weighting = state.weighting
  if (context.previous) {
    const before = context.previous.cube.total()
    summary.previous = {
      respondents: previous?.rows ?? 0,
      satisfaction: before ? read.satisfaction(before) : null,
      mean: before ? read.mean(before) : null,
      issueCount: previous?.issueCount ?? 0,
    }
  }
  return {
    engine: ENGINE_VERSION,
    summary,
    tables: TABLE_IDS.filter((id) => tables.includes(id))
      .map((id) => BUILDERS[id](context))
      .filter((table): table is Table => table !== null),
    issues: issuesOf(state),
  }
}

/**
 * A previous wave given as a survey is read on this wave's scale: if most of its overall
 * scores fall outside it, it was surely on another scale, and comparing would be wrong.
 * @throws {SurveyError} `bad_input` saying how many scores were outside the scale
 */
function checkPreviousScale({ state: previous, cube }: { state: PartialState; cube: Cube }) {
  const overall = previous.header.indexOf(previous.mapping.overall ?? '')
  const outside = previous.issues.filter(
    ([, col, , reason]) => col === overall && reason.startsWith('outside the scale'),
  ).length
  const total = cube.total()
  const rated = total ? new Reader(cube.layout).ratedCount(total) : 0
  if (outside > 0 && rated < previous.rows / 2) {
    const { min, max } = previous.schema.scale
    throw new SurveyError(
      'bad_input',
      `The previous wave's overall scores are mostly outside the scale ${min}..${max} (${rated} of ${previous.rows} respondents rated, ${outside}+ scores outside it): waves are compared on one scale, so give the previous wave on this one`,
      { field: 'previous' },
    )
  }
}

const sameScale = (a: { min: number; max: number }, b: { min: number; max: number }) =>
  a.min === b.min && a.max === b.max

/** `options` without its undefined fields, as JSON would carry it. */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>
}
