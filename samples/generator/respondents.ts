/** @module Draws the respondents: service, region, channel, age, gender, date and overall score. */
import { allocateScores, type SoftTarget, type Stratum } from './allocate'
import { intBetween, pickWeighted, type Random, shuffle, stream } from './prng'
import { CHANNELS, type Channel, type Reference, type ServiceRef } from './reference'

export type Gender = 'Ер' | 'Әйел'

export interface Respondent {
  service: ServiceRef
  /** Region code 1..17 (regions.csv). */
  region: number
  channel: Channel
  /** Age band the report tabulates for this service, when it does (services 5, 6, 7). */
  ageBand: string | null
  age: number
  gender: Gender
  /** Days after 2017-08-01. */
  day: number
  /** 1..5, or null when the respondent could not rate the service. */
  overall: number | null
}

/** The survey ran August–October 2017 (report, line 145): 92 days from 1 August. */
const FIELDWORK_DAYS = 92
/** 1 August 2017 was a Tuesday, so day d is a Sunday when d % 7 === 5. */
const isSunday = (day: number) => day % 7 === 5

/** Age bands of the report's age tables, with a plausible share of service users in each. */
const AGE_BANDS = [
  { label: '18-21', min: 18, max: 21, weight: 7 },
  { label: '22-29', min: 22, max: 29, weight: 22 },
  { label: '30-39', min: 30, max: 39, weight: 27 },
  { label: '40-49', min: 40, max: 49, weight: 20 },
  { label: '50-59', min: 50, max: 59, weight: 15 },
  { label: '60-75', min: 60, max: 75, weight: 9 },
]
const WOMEN_SHARE = 0.57

function expand<T>(labels: readonly T[], counts: readonly number[]): T[] {
  return labels.flatMap((label, i) => new Array<T>(counts[i]).fill(label))
}

/** Fieldwork for one service spans a few weeks somewhere in August–October. */
function drawDays(random: Random, n: number): number[] {
  const length = intBetween(random, 21, 49)
  const start = intBetween(random, 0, FIELDWORK_DAYS - length)
  return Array.from({ length: n }, () => {
    for (;;) {
      const day = start + intBetween(random, 0, length - 1)
      if (!isSunday(day)) return day
    }
  })
}

function drawAge(random: Random, band: { min: number; max: number }): number {
  return intBetween(random, band.min, band.max)
}

type Draft = Omit<Respondent, 'overall'>

/** Rows of one service with both the channel (105-кесте) and region (106-кесте) margins exact. */
function draftService(service: ServiceRef, seed: string): Draft[] {
  const random = stream(seed, `service-${service.code}`)
  const regions = expand(
    Array.from({ length: 17 }, (_, i) => i + 1),
    service.byRegion,
  )
  // Shuffling one margin against the other keeps both exact: any pairing is a valid table.
  const channels = shuffle(random, expand(CHANNELS, service.byChannel))
  const bands: (string | null)[] =
    service.ageBands.length > 0
      ? shuffle(random, [
          ...expand(
            service.ageBands.map((b) => b.label),
            service.ageBands.map((b) => b.n),
          ),
          // The age tables leave a few respondents out (README item 12): older than the bands.
          ...new Array<string>(service.sample - service.ageBands.reduce((a, b) => a + b.n, 0)).fill(
            '60-75',
          ),
        ])
      : new Array<null>(service.sample).fill(null)
  const days = drawDays(random, service.sample)
  return regions.map((region, i) => {
    const bandLabel = bands[i]
    const band =
      AGE_BANDS.find((b) => b.label === bandLabel) ??
      AGE_BANDS[
        pickWeighted(
          random,
          AGE_BANDS.map((b) => b.weight),
        )
      ]
    return {
      service,
      region,
      channel: channels[i],
      ageBand: bandLabel,
      age: drawAge(random, band),
      gender: random() < WOMEN_SHARE ? 'Әйел' : 'Ер',
      day: days[i],
    }
  })
}

function stratumKey(d: Draft): string {
  return `${d.service.code}|${d.region}|${d.channel}|${d.ageBand ?? ''}`
}

/** Scores 1..5 as shares: `top` for 5, the rest split like the service's own 1..4 counts. */
function sharesWithTop(counts: readonly number[], topPct: number): number[] {
  const top = topPct / 100
  const lower = counts.slice(0, 4)
  const lowerTotal = lower.reduce((a, b) => a + b, 0)
  const rest = lower.map((c) => (lowerTotal === 0 ? 0.25 : c / lowerTotal) * (1 - top))
  return [...rest, top]
}

function softTargets(reference: Reference): SoftTarget[] {
  const regional = new Map(
    reference.localRegions.map((r) => {
      const total = r.pct.reduce((a, b) => a + b, 0)
      return [`r${r.region}`, r.pct.map((p) => p / total)]
    }),
  )
  const place = new Map<string, number[]>()
  const age = new Map<string, number[]>()
  for (const s of reference.services) {
    const channelsUsed = s.byChannel.filter((n) => n > 0).length
    if (channelsUsed > 1) {
      for (const [channel, pct] of Object.entries(s.placeSatisfactionPct)) {
        place.set(`${s.code}|${channel}`, sharesWithTop(s.counts, pct))
      }
    }
    for (const band of s.ageBands) {
      if (band.satisfactionPct !== null) {
        age.set(`${s.code}|${band.label}`, sharesWithTop(s.counts, band.satisfactionPct))
      }
    }
  }
  const codeOf = (stratum: Stratum) => stratum.service
  const serviceLevel = new Map(reference.services.map((s) => [s.code, s.level]))
  return [
    {
      group: (st) => (serviceLevel.get(codeOf(st)) === 'local' ? `r${st.keys.region}` : null),
      shares: regional,
    },
    { group: (st) => `${st.service}|${st.keys.channel}`, shares: place },
    { group: (st) => `${st.service}|${st.keys.ageBand}`, shares: age },
  ]
}

/** All 9,517 respondents, sorted by service, region and interview date. */
export function drawRespondents(reference: Reference, seed: string): Respondent[] {
  const drafts = reference.services.flatMap((s) => draftService(s, seed))

  const strataIndex = new Map<string, number>()
  const strata: Stratum[] = []
  const members: number[][] = []
  drafts.forEach((d, i) => {
    const key = stratumKey(d)
    let index = strataIndex.get(key)
    if (index === undefined) {
      index = strata.length
      strataIndex.set(key, index)
      strata.push({
        service: d.service.code,
        size: 0,
        keys: { region: String(d.region), channel: d.channel, ageBand: d.ageBand ?? '' },
      })
      members.push([])
    }
    strata[index].size++
    members[index].push(i)
  })
  const serviceCounts = new Map(reference.services.map((s) => [s.code, [s.unable, ...s.counts]]))
  const allocation = allocateScores(strata, serviceCounts, softTargets(reference))

  const random = stream(seed, 'scores')
  const overall: (number | null)[] = new Array(drafts.length).fill(null)
  strata.forEach((_, i) => {
    const scores = shuffle(
      random,
      allocation[i].flatMap((n, k) => new Array<number | null>(n).fill(k === 0 ? null : k)),
    )
    members[i].forEach((row, m) => {
      overall[row] = scores[m]
    })
  })

  const order = stream(seed, 'order')
  const tiebreak = drafts.map(() => order())
  const respondents = drafts.map((d, i) => ({ ...d, overall: overall[i], tiebreak: tiebreak[i] }))
  respondents.sort(
    (a, b) =>
      a.service.code - b.service.code ||
      a.region - b.region ||
      a.day - b.day ||
      a.tiebreak - b.tiebreak,
  )
  return respondents.map(({ tiebreak: _, ...r }) => r)
}
