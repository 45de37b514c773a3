/**
 * @module A previous wave, "2016" (issue 16): the 2017 sheet's header and 1..5 scale, over 40 of
 * 2017's 55 services and 10 others, with the report's 2016 headline (line 172: 72.8 % satisfied,
 * mean 4.59) exact at the printed precision. Respondents are ranked by a latent score (service,
 * region, channel, person) and the overall scores handed out down the ranking from the
 * headline's distribution, so the total is exact and services differ as they would.
 */
import {
  clamp,
  drawFrame,
  effects,
  type FrameService,
  knownService,
  latentScore,
  newService,
  regionNames,
  regionWeights,
  tiltedScore,
} from './frame'
import { printsAs } from './printed'
import { intBetween, pickWeighted, shuffle, stream } from './prng'
import type { Reference } from './reference'
import { MORE_SERVICES } from './services-more'
import { frameCells, HARD_TO_SAY, HEADER, NO, YES } from './sheet'
import { WAITING_HEADERS } from './waiting'

const WAVE_2016_SEED = 'sapa/monitoring-2016/v1'
export const WAVE_2016_BASE = 'survey-2016'
/** The report's 2016 headline (line 172), as printed. */
const HEADLINE_2016 = { satisfaction: '72.8', mean: '4.59' } as const
/** Shares of 1..5 (%) giving that headline: 72.8 % fives, mean 4.587. */
const SHARES = [1.2, 1.5, 7.5, 17.0, 72.8]
const CHANNEL_EFFECT = { state_body: 0, state_corporation: 0.25, egov_portal: 0.4 }
/** Per waiting condition of 16-кесте, the share of the State Corporation's respondents naming it. */
const WAITING_SHARES = [0.03, 0.08, 0.02, 0.05, 0.06, 0.05, 0.02]
/** Aspect weights of 1..5 before tilting, and how often an aspect follows the overall score. */
const ASPECT_BASE = [1, 1.5, 7, 20, 70.5]
const ASPECT_FOLLOWS = [0.6, 0.58, 0.55, 0.66, 0.6, 0.57, 0.55, 0.7]

export interface Wave2016Sample {
  header: readonly string[]
  rows: string[][]
}

/** Counts of 1..5 among `rated` respondents that print the 2016 headline. */
function headlineCounts(rated: number): number[] {
  const counts = SHARES.map((p) => Math.round((p * rated) / 100))
  counts[4] = rated - counts[0] - counts[1] - counts[2] - counts[3]
  const sum = () => counts.reduce((a, c, k) => a + c * (k + 1), 0)
  for (let guard = 0; !printsAs(sum(), rated, HEADLINE_2016.mean); guard++) {
    // Move one respondent between 3 and 4 towards the printed mean.
    if (sum() * 100 > 459 * rated) {
      counts[3]--
      counts[2]++
    } else {
      counts[2]--
      counts[3]++
    }
    if (guard > rated) throw new Error('no distribution prints the 2016 headline')
  }
  if (!printsAs(counts[4], rated, HEADLINE_2016.satisfaction, 100)) {
    throw new Error(`${counts[4]} fives of ${rated} do not print ${HEADLINE_2016.satisfaction} %`)
  }
  return counts
}

export function buildWave2016(reference: Reference): Wave2016Sample {
  const random = stream(WAVE_2016_SEED, 'services')
  const codes = shuffle(
    random,
    reference.services.map((s) => s.code),
  )
  const common = codes.slice(0, 40).sort((a, b) => a - b)
  const regions = regionWeights(reference)
  const services: FrameService[] = [
    ...reference.services
      .filter((s) => common.includes(s.code))
      .map((s) => knownService(s, Math.max(8, Math.round(s.sample * (0.7 + 0.4 * random()))))),
    ...MORE_SERVICES.slice(0, 10).map((s) => newService(s, intBetween(random, 60, 240), regions)),
  ]
  const frame = drawFrame(services, random)

  const scores = stream(WAVE_2016_SEED, 'scores')
  const byService = effects(
    scores,
    services.map((s) => s.code),
    0.7,
  )
  const byRegion = effects(
    scores,
    reference.regions.map((r) => r.code),
    0.4,
  )
  const fixedEffects = { byService, byRegion, byChannel: CHANNEL_EFFECT }
  const latent = frame.map((r) => latentScore(r, fixedEffects, scores))
  // About 2 % could not rate the service.
  const rated = frame.map(() => scores() >= 0.02)
  const order = frame
    .map((_, i) => i)
    .filter((i) => rated[i])
    .sort((a, b) => latent[b] - latent[a] || a - b)
  const counts = headlineCounts(order.length)
  const overall = new Array<number | null>(frame.length).fill(null)
  let at = 0
  for (let k = 4; k >= 0; k--) {
    for (let c = 0; c < counts[k]; c++) overall[order[at++]] = k + 1
  }

  const regionName = regionNames(reference)
  const cells = stream(WAVE_2016_SEED, 'cells')
  const rows = frame.map((r, i) => {
    const score = overall[i]
    const tilt = clamp(1 + 0.15 * latent[i], 0.5, 1.6)
    const aspects = ASPECT_FOLLOWS.map((follows) => {
      if (cells() < 0.015) return HARD_TO_SAY
      if (score !== null && cells() < follows) {
        return String(clamp(score + pickWeighted(cells, [0.2, 0.65, 0.15]) - 1, 1, 5))
      }
      return String(tiltedScore(cells, ASPECT_BASE, tilt))
    })
    const low = score !== null && score <= 3
    const yesNo = (p: number) => (cells() < 0.01 ? '' : cells() < p ? YES : NO)
    const barriers = [yesNo(low ? 0.15 : 0.012), yesNo(low ? 0.03 : 0.004), yesNo(0.011)]
    const waiting =
      r.channel === 'state_corporation' && cells() >= 0.02
        ? WAITING_SHARES.map((p) => (cells() < p ? YES : NO))
        : WAITING_HEADERS.map(() => '')
    return [
      ...frameCells(r, i, 2016, regionName),
      score === null ? '' : String(score),
      ...aspects,
      ...barriers,
      ...waiting,
    ]
  })
  return { header: HEADER, rows }
}
