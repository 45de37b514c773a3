/** @module The shapes raking reads and returns: a survey reduced to cells, and a summary. */

/**
 * Respondents who share one category in every raking role and one base weight.
 * The engine builds these from mergeable counts, so a survey split into chunks gives the
 * same cells (perhaps split further, or in another order) as one pass.
 */
export interface RakeCell {
  /** One category index per raking role (into `RakeInput.categories[role]`); -1 = missing. */
  readonly categories: readonly number[]
  /** The base weight of each of these respondents (1 without a weight column); positive. */
  readonly weight: number
  /** How many respondents the cell holds; a positive integer. */
  readonly count: number
}

/** Bounds on a final weight, relative to the mean final weight (e.g. 0.3 and 3). */
export interface RakeTrim {
  /** Lower bound as a multiple of the mean weight, in [0, 1]. */
  readonly min?: number
  /** Upper bound as a multiple of the mean weight, at least 1. */
  readonly max?: number
}

/** A survey reduced to cells, the population margins to rake to, and the controls. */
export interface RakeInput {
  /** The raking roles, e.g. `['region', 'gender']`; the order in which IPF adjusts them. */
  readonly roles: readonly string[]
  /** Per role, the category labels present in the data (index = category index). */
  readonly categories: readonly (readonly string[])[]
  readonly cells: readonly RakeCell[]
  /** Role → category label → target share; the shares of a role sum to 1 (± 1e-6). */
  readonly margins: ReadonlyMap<string, ReadonlyMap<string, number>>
  /** Largest |achieved share − target share| accepted, over roles and categories (1e-10). */
  readonly tolerance?: number
  /** Cap on full IPF sweeps, re-raking after trimming included (100). */
  readonly maxIterations?: number
  readonly trim?: RakeTrim
}

/** One category of one role: the share raked to, the share reached, the share of respondents. */
export interface MarginCheck {
  readonly category: string
  /** The target share, rescaled so the role's shares sum to exactly 1. */
  readonly target: number
  /** The share of the final weights. */
  readonly achieved: number
  /** The share of respondents, counted without any weight. */
  readonly unweighted: number
}

/** The margins of one raking role, its categories in the data's order. */
export interface RoleMargins {
  readonly role: string
  readonly categories: readonly MarginCheck[]
}

/** What the report states about the weighting (DESIGN §4, `summary.weighting`). */
export interface RakeSummary {
  /** Full IPF sweeps done, re-raking after trimming included. */
  readonly iterations: number
  /** Margins within tolerance and, when trimming, every weight within its bounds. */
  readonly converged: boolean
  /** Largest |achieved share − target share| at the end. */
  readonly maxError: number
  /** Kish's weighting efficiency (Σw)² / (n·Σw²) over respondents, in (0, 1]. */
  readonly efficiency: number
  /** 1 / efficiency = 1 + CV² of the weights (Kish). */
  readonly designEffect: number
  readonly minWeight: number
  readonly maxWeight: number
  /** Times the weights were clamped to the trimming bounds (0 without trimming). */
  readonly trimPasses: number
  /** Respondents whose weight the last trimming pass set to a bound (0 without trimming). */
  readonly trimmed: number
  /** Respondents whose final weight lies outside the trimming bounds (0 when converged). */
  readonly outside: number
  readonly margins: readonly RoleMargins[]
}

/** Per input cell the raking factor (final weight = base weight × factor), and the summary. */
export interface RakeResult {
  /** Aligned with `RakeInput.cells`. */
  readonly factors: number[]
  readonly summary: RakeSummary
}
