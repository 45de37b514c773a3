/** @module What the generated sample gives back, next to the report's figures. */
import { driverCorrelations } from './aspects'
import {
  ASPECT_KEYS,
  type AspectKey,
  BARRIER_KEYS,
  type BarrierKey,
  type DriverGroup,
  type Reference,
} from './reference'
import type { Respondent } from './respondents'

/** Decimals a printed figure shows: "65.0" → 1, "75" → 0. */
export const decimalsOf = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0)

/** Rounds half away from zero at the printed precision, as the report's tables do. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals
  return Math.round(value * f + 1e-9) / f
}

export interface ServiceCheck {
  code: number
  rated: number
  satisfactionPct: number
  mean: number
  printedSatisfaction: string
  printedMean: string
  satisfactionMatches: boolean
  meanMatches: boolean
}

export function serviceChecks(
  reference: Reference,
  respondents: readonly Respondent[],
): ServiceCheck[] {
  return reference.services.map((s) => {
    const scores = respondents
      .filter((r) => r.service.code === s.code && r.overall !== null)
      .map((r) => r.overall as number)
    const rated = scores.length
    const satisfactionPct = (100 * scores.filter((x) => x === 5).length) / rated
    const mean = scores.reduce((a, b) => a + b, 0) / rated
    return {
      code: s.code,
      rated,
      satisfactionPct,
      mean,
      printedSatisfaction: s.satisfactionText,
      printedMean: s.meanText,
      satisfactionMatches:
        roundTo(satisfactionPct, decimalsOf(s.satisfactionText)) === Number(s.satisfactionText),
      meanMatches: roundTo(mean, decimalsOf(s.meanText)) === Number(s.meanText),
    }
  })
}

export interface AspectDeviation {
  code: number
  aspect: AspectKey
  achieved: number
  printed: number
}

/** Achieved aspect means against 109-кесте, for the cells it prints. */
export function aspectDeviations(
  reference: Reference,
  respondents: readonly Respondent[],
  values: readonly (readonly (number | null)[])[],
): AspectDeviation[] {
  const out: AspectDeviation[] = []
  for (const s of reference.services) {
    const rows = respondents.flatMap((r, i) => (r.service.code === s.code ? [i] : []))
    ASPECT_KEYS.forEach((aspect, a) => {
      if (aspect === 'trust') return
      const printed = s.aspects109[aspect]
      if (printed === null) return
      const v = rows.map((i) => values[i][a]).filter((x): x is number => x !== null)
      out.push({ code: s.code, aspect, achieved: v.reduce((x, y) => x + y, 0) / v.length, printed })
    })
  }
  return out
}

export interface BarrierShare {
  code: number
  barrier: BarrierKey
  achievedPct: number
  printedPct: number
}

export function barrierShares(
  reference: Reference,
  respondents: readonly Respondent[],
  answers: readonly (readonly (boolean | null)[])[],
): BarrierShare[] {
  return reference.services.flatMap((s) => {
    const rows = respondents.flatMap((r, i) => (r.service.code === s.code ? [i] : []))
    return BARRIER_KEYS.map((barrier, b) => {
      const v = rows.map((i) => answers[i][b]).filter((x): x is boolean => x !== null)
      const achievedPct = (100 * v.filter(Boolean).length) / v.length
      return { code: s.code, barrier, achievedPct, printedPct: s.barriersPct[barrier] }
    })
  })
}

export interface RegionCheck {
  region: number
  satisfactionPct: number
  mean: number
  printedSatisfactionPct: number
  printedMean: number
}

/** Local executive bodies' satisfaction per region against 8-кесте. */
export function localRegionChecks(
  reference: Reference,
  respondents: readonly Respondent[],
): RegionCheck[] {
  return reference.localRegions.map((t) => {
    const scores = respondents
      .filter((r) => r.service.level === 'local' && r.region === t.region && r.overall !== null)
      .map((r) => r.overall as number)
    return {
      region: t.region,
      satisfactionPct: (100 * scores.filter((x) => x === 5).length) / scores.length,
      mean: scores.reduce((a, b) => a + b, 0) / scores.length,
      printedSatisfactionPct: t.satisfactionPct,
      printedMean: t.mean,
    }
  })
}

export interface DriverCheck {
  group: DriverGroup
  aspect: AspectKey
  r: number
  printed: number
}

export function driverChecks(
  reference: Reference,
  respondents: readonly Respondent[],
  values: readonly (readonly (number | null)[])[],
): DriverCheck[] {
  const achieved = driverCorrelations(respondents, values)
  return reference.drivers.map((d) => ({
    group: d.group,
    aspect: d.aspect,
    r: achieved[d.group][d.aspect],
    printed: d.r,
  }))
}
