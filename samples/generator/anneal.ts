/**
 * @module Fitting respondents to printed tables by exchanging their answers.
 *
 * Combinatorial optimisation as used for synthetic small-area microdata (Williamson, Birkin
 * & Rees 1998, "The estimation of population microdata by using data from small area
 * statistics and samples of anonymised records"): start from a plausible population, then
 * exchange attributes between respondents — moves that keep every hard margin exact — while
 * the total misfit to the printed tables falls. Acceptance is threshold accepting (Dueck &
 * Scheuer 1990): a move is kept when it worsens the misfit by at most a threshold that falls
 * to zero. It needs no exp(), so every JavaScript engine takes the same decisions.
 */
/** A printed cell: which groups it reads, and how far their statistics are from the figure. */
export interface FitCell {
  label: string
  groups: readonly number[]
  /** 0 when the groups' statistics print as the figure; otherwise a distance in respondents. */
  miss(stats: Float64Array, width: number): number
}

/** Per-group statistics (`width` numbers per group) and the misfit of every cell reading them. */
export class Fit {
  readonly stats: Float64Array
  readonly misses: Float64Array
  readonly cellsOf: number[][]
  total = 0
  private readonly seen: Int32Array
  private stamp = 0

  constructor(
    readonly cells: readonly FitCell[],
    groupCount: number,
    readonly width: number,
  ) {
    this.stats = new Float64Array(groupCount * width)
    this.misses = new Float64Array(cells.length)
    this.seen = new Int32Array(cells.length)
    this.cellsOf = Array.from({ length: groupCount }, () => [])
    cells.forEach((c, i) => {
      for (const g of c.groups) this.cellsOf[g].push(i)
    })
  }

  /** Adds `amount` to statistic `bin` of every group listed. */
  add(groups: readonly number[], bin: number, amount: number) {
    for (const g of groups) this.stats[g * this.width + bin] += amount
  }

  /** Recomputes the misses of the cells that read any of these groups; returns the change. */
  rescore(...groupLists: (readonly number[])[]): number {
    this.stamp++
    let delta = 0
    for (const groups of groupLists) {
      for (const g of groups) {
        for (const c of this.cellsOf[g]) {
          if (this.seen[c] === this.stamp) continue
          this.seen[c] = this.stamp
          const miss = this.cells[c].miss(this.stats, this.width)
          delta += miss - this.misses[c]
          this.misses[c] = miss
        }
      }
    }
    this.total += delta
    return delta
  }

  /** Scores every cell from scratch (after the statistics were filled in). */
  rescoreAll() {
    this.total = 0
    this.cells.forEach((c, i) => {
      this.misses[i] = c.miss(this.stats, this.width)
      this.total += this.misses[i]
    })
  }

  /** Labels of the cells that still miss their figure. */
  missing(): string[] {
    return this.cells.filter((_, i) => this.misses[i] > 0).map((c) => c.label)
  }
}

/** A tentative exchange: `apply` makes it and returns the change of misfit, `undo` reverts it. */
export interface Move {
  apply(): number
  undo(): void
}

export interface AnnealOptions {
  steps: number
  /** Threshold at the start, in the cells' units (respondents); it falls linearly to 0. */
  threshold: number
  /** A random move, or null when the draw found nothing to exchange. */
  propose(): Move | null
  /** Current misfit; the run stops early at 0. */
  misfit(): number
}

/** Threshold accepting; the last fifth of the steps accepts no worsening at all. */
export function anneal({ steps, threshold, propose, misfit }: AnnealOptions) {
  const cooling = Math.floor(steps * 0.8)
  for (let step = 0; step < steps; step++) {
    if ((step & 1023) === 0 && misfit() <= 0) return
    const move = propose()
    if (!move) continue
    const limit = step < cooling ? (threshold * (cooling - step)) / cooling : 0
    if (move.apply() > limit) move.undo()
  }
}
