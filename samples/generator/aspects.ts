/**
 * @module The eight aspect scores, calibrated twice over.
 *
 * aspect = clamp(round(base + shift + σ·noise), 1, 5), where base is the overall score and
 * noise mixes a respondent-wide "halo" with an aspect-specific part (so aspects also agree
 * with each other). The shift is solved per service and aspect so that the aspect's mean is
 * 109-кесте's to the last unit; σ is solved per key-driver group and aspect so that the
 * aspect's Pearson correlation with the overall score is the report's coefficient.
 */
import { normalish, shuffle, stream } from './prng'
import {
  ASPECT_KEYS,
  type AspectKey,
  DRIVER_GROUPS,
  type DriverGroup,
  type Reference,
  type ServiceRef,
} from './reference'
import type { Respondent } from './respondents'

/** Whether a cell carries a score, is left blank, says «hard to say», or is a bad cell. */
export type CellState = 'value' | 'blank' | 'hardToSay' | 'bad'

/** Base score of a respondent who could not rate the service overall. */
const UNRATED_BASE = 4
const HALO = 0.6
const OWN = 0.8
const SIGMA_RANGE: [number, number] = [0.02, 4]
const SIGMA_STEPS = 22
const SHIFT_RANGE: [number, number] = [-12, 12]
const SHIFT_STEPS = 40

/** Row → key-driver group: State Corporation rows form their own group, as in the report. */
export function driverGroup(r: Respondent): DriverGroup {
  if (r.channel === 'state_corporation') return 'state_corporation'
  return r.service.level === 'local' ? 'local_executive_bodies' : 'central_bodies'
}

/**
 * Target mean per aspect. Service 1's 109-кесте row lost a cell (README): its own table gives
 * speed 4.55 and courtesy 4.63. Trust is not printed anywhere per service: the mean of the
 * other seven stands in.
 */
function aspectTargets(service: ServiceRef): Record<AspectKey, number> {
  const printed = { ...service.aspects109 }
  if (service.code === 1) {
    printed.staff_speed = 4.55
    printed.staff_courtesy = 4.63
  }
  const known = Object.values(printed).filter((v): v is number => v !== null)
  const fallback = known.reduce((a, b) => a + b, 0) / known.length
  const out = {} as Record<AspectKey, number>
  for (const key of ASPECT_KEYS) {
    out[key] =
      key === 'trust' ? fallback : ((printed as Record<string, number | null>)[key] ?? fallback)
  }
  return out
}

export interface AspectResult {
  /** values[row][aspect]: 1..5, or null where the cell is not a score. */
  values: (number | null)[][]
  sigma: Record<DriverGroup, Record<AspectKey, number>>
}

const clampRound = (y: number) => {
  const v = Math.floor(y + 0.5)
  return Math.min(Math.max(v, 1), 5)
}

/**
 * Solves the shift for one service and aspect: the smallest shift whose scores sum to at
 * least the target, then single cells nudged down where several crossed a step together.
 */
function fitService(
  rows: readonly number[],
  base: Float64Array,
  noise: Float64Array,
  sigma: Float64Array,
  targetMean: number,
  out: (number | null)[],
) {
  if (rows.length === 0) return
  const target = Math.round(targetMean * rows.length)
  const sumAt = (shift: number) => {
    let sum = 0
    for (const i of rows) sum += clampRound(base[i] + shift + sigma[i] * noise[i])
    return sum
  }
  let [lo, hi] = SHIFT_RANGE
  for (let step = 0; step < SHIFT_STEPS; step++) {
    const mid = (lo + hi) / 2
    if (sumAt(mid) >= target) hi = mid
    else lo = mid
  }
  let excess = sumAt(hi) - target
  const ys = rows.map((i) => base[i] + hi + sigma[i] * noise[i])
  rows.forEach((row, m) => {
    out[row] = clampRound(ys[m])
  })
  // Cells just past a rounding step go back down first.
  const order = rows
    .map((row, m) => ({ row, gap: ys[m] - (Math.floor(ys[m] + 0.5) - 0.5) }))
    .sort((a, b) => a.gap - b.gap || a.row - b.row)
  for (const { row } of order) {
    if (excess <= 0) break
    const v = out[row] as number
    if (v > 1) {
      out[row] = v - 1
      excess--
    }
  }
}

/** Rounds half up at two decimals, as the report prints means. */
const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100

/**
 * How many of n respondents rate an aspect so that some whole sum gives the printed mean at
 * two decimals: all of them when possible, else the largest smaller number (small services
 * where somebody must have skipped the question, e.g. 4.69 is 61 of 13, not of 14).
 */
function answeredFor(n: number, printed: number): number {
  for (let m = n; m >= Math.ceil(n / 2) && m > 0; m--) {
    const sum = Math.round(printed * m)
    if (round2(sum / m) === round2(printed)) return m
  }
  return n
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length
  let sx = 0
  let sy = 0
  for (let i = 0; i < n; i++) {
    sx += xs[i]
    sy += ys[i]
  }
  const mx = sx / n
  const my = sy / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx
    const dy = ys[i] - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  return sxy / Math.sqrt(sxx * syy)
}

/** Pearson r of aspect with overall per driver group, over rows where both are scores. */
export function driverCorrelations(
  respondents: readonly Respondent[],
  values: readonly (readonly (number | null)[])[],
): Record<DriverGroup, Record<AspectKey, number>> {
  const out = {} as Record<DriverGroup, Record<AspectKey, number>>
  for (const group of DRIVER_GROUPS) {
    out[group] = {} as Record<AspectKey, number>
    ASPECT_KEYS.forEach((key, a) => {
      const xs: number[] = []
      const ys: number[] = []
      respondents.forEach((r, i) => {
        const v = values[i][a]
        if (driverGroup(r) === group && r.overall !== null && v !== null) {
          xs.push(r.overall)
          ys.push(v)
        }
      })
      out[group][key] = pearson(xs, ys)
    })
  }
  return out
}

/** Draws and calibrates every aspect score. `states[row][aspect]` says which cells hold one. */
export function drawAspects(
  reference: Reference,
  respondents: readonly Respondent[],
  states: readonly (readonly CellState[])[],
  seed: string,
): AspectResult {
  const n = respondents.length
  const random = stream(seed, 'aspects')
  const base = new Float64Array(n)
  const halo = new Float64Array(n)
  respondents.forEach((r, i) => {
    base[i] = r.overall ?? UNRATED_BASE
    halo[i] = normalish(random)
  })
  const groups = respondents.map(driverGroup)
  const values: (number | null)[][] = respondents.map(() => new Array(8).fill(null))
  const sigma = {} as Record<DriverGroup, Record<AspectKey, number>>
  for (const g of DRIVER_GROUPS) sigma[g] = {} as Record<AspectKey, number>

  const targetR = new Map(reference.drivers.map((d) => [`${d.group}|${d.aspect}`, d.r]))

  ASPECT_KEYS.forEach((key, a) => {
    const noise = new Float64Array(n)
    for (let i = 0; i < n; i++) noise[i] = HALO * halo[i] + OWN * normalish(random)
    const rowsByService = new Map<number, number[]>()
    respondents.forEach((r, i) => {
      if (states[i][a] !== 'value') return
      const list = rowsByService.get(r.service.code)
      if (list) list.push(i)
      else rowsByService.set(r.service.code, [i])
    })
    const targets = reference.services.map((s) => aspectTargets(s)[key])
    reference.services.forEach((s, j) => {
      const rows = rowsByService.get(s.code) ?? []
      const answered = answeredFor(rows.length, targets[j])
      if (answered < rows.length) {
        // The skipped cells stay blank; rows keep sheet order for the calibration below.
        const kept = new Set(shuffle(random, [...rows]).slice(0, answered))
        rowsByService.set(
          s.code,
          rows.filter((i) => kept.has(i)),
        )
      }
    })
    const column: (number | null)[] = new Array(n).fill(null)
    const rowSigma = new Float64Array(n)
    const bracket = new Map(DRIVER_GROUPS.map((g) => [g, [...SIGMA_RANGE]]))

    const run = () => {
      for (let i = 0; i < n; i++) {
        const [lo, hi] = bracket.get(groups[i]) as number[]
        rowSigma[i] = (lo + hi) / 2
      }
      reference.services.forEach((s, j) => {
        fitService(rowsByService.get(s.code) ?? [], base, noise, rowSigma, targets[j], column)
      })
    }
    const correlation = (group: DriverGroup) => {
      const xs: number[] = []
      const ys: number[] = []
      for (let i = 0; i < n; i++) {
        const v = column[i]
        if (groups[i] === group && respondents[i].overall !== null && v !== null) {
          xs.push(respondents[i].overall as number)
          ys.push(v)
        }
      }
      return pearson(xs, ys)
    }
    // Each group's r falls as its σ grows; the groups share services only through the shift,
    // so bisecting all three brackets together converges.
    for (let step = 0; step < SIGMA_STEPS; step++) {
      run()
      for (const g of DRIVER_GROUPS) {
        const range = bracket.get(g) as number[]
        const mid = (range[0] + range[1]) / 2
        if (correlation(g) > (targetR.get(`${g}|${key}`) ?? 0.6)) range[0] = mid
        else range[1] = mid
      }
    }
    run()
    for (const g of DRIVER_GROUPS) {
      const [lo, hi] = bracket.get(g) as number[]
      sigma[g][key] = (lo + hi) / 2
    }
    for (let i = 0; i < n; i++) values[i][a] = column[i]
  })
  return { values, sigma }
}
