/**
 * @module The frame of an uncalibrated sample (the 10-point sample, the "2016" wave): who was
 * asked about which service, where, through which channel, their age, gender and interview day,
 * and the scores drawn from a tilted distribution. Multiplications and additions only, so every
 * JavaScript engine draws the same values.
 */
import { intBetween, normalish, pickWeighted, type Random } from './prng'
import type { Channel, Reference, ServiceRef } from './reference'
import type { MoreService } from './services-more'

export interface FrameService {
  code: number
  name: string
  agency: string
  level: 'central' | 'local'
  /** Respondents to draw. */
  n: number
  /** Weights of region codes 1..17 (indexes 0..16). */
  byRegion: readonly number[]
  /** Weights of the channels, in CHANNELS order. */
  byChannel: readonly number[]
}

export interface FrameRow {
  service: FrameService
  /** Region code 1..17. */
  region: number
  channel: Channel
  age: number
  gender: 'Ер' | 'Әйел'
  /** Days after 1 August of the wave's year. */
  day: number
}

const CHANNEL_KEYS: readonly Channel[] = ['state_body', 'state_corporation', 'egov_portal']
/** Age 18..75, most between 25 and 50: the mean of two uniform draws. */
const drawAge = (random: Random) => 18 + Math.floor(((random() + random()) / 2) * 58)

/** Channel weights of a service the 2017 report did not survey. */
const NEW_SERVICE_CHANNELS = {
  central: [0.3, 0.45, 0.25],
  local: [0.35, 0.5, 0.15],
} as const

/** One of 2017's services in a frame: `n` respondents, drawn by its 2017 region and channel weights. */
export function knownService(s: ServiceRef, n: number): FrameService {
  return {
    code: s.code,
    name: s.name,
    agency: s.agency,
    level: s.level,
    n,
    byRegion: s.byRegion,
    byChannel: s.byChannel,
  }
}

/**
 * A service the 2017 report did not survey in a frame: `n` respondents, drawn by `regions`
 * (regionWeights) and the channel weights of its level.
 */
export function newService(s: MoreService, n: number, regions: readonly number[]): FrameService {
  return { ...s, n, byRegion: regions, byChannel: NEW_SERVICE_CHANNELS[s.level] }
}

/** Region weights of a service the 2017 report did not survey: 2017's regional totals, no missions. */
export function regionWeights(reference: Reference): number[] {
  const totals = new Array<number>(17).fill(0)
  for (const s of reference.services) {
    for (let i = 0; i < totals.length; i++) totals[i] += s.byRegion[i]
  }
  totals[16] = 0
  return totals
}

/** Draws each service's respondents in service order, with fieldwork days in August–October. */
export function drawFrame(services: readonly FrameService[], random: Random): FrameRow[] {
  const rows: FrameRow[] = []
  for (const service of services) {
    const start = intBetween(random, 0, 40)
    for (let i = 0; i < service.n; i++) {
      rows.push({
        service,
        region: pickWeighted(random, service.byRegion) + 1,
        channel: CHANNEL_KEYS[pickWeighted(random, service.byChannel)],
        age: drawAge(random),
        gender: random() < 0.56 ? 'Әйел' : 'Ер',
        day: start + intBetween(random, 0, 50),
      })
    }
  }
  return rows
}

/** Region names by code. */
export const regionNames = (reference: Reference): ReadonlyMap<number, string> =>
  new Map(reference.regions.map((r) => [r.code, r.name]))

/**
 * A score on 1..points drawn from `base` (weights of 1..points) tilted by `t`: weight k is
 * base[k]·t^k, so t > 1 moves answers up the scale and t < 1 down.
 */
export function tiltedScore(random: Random, base: readonly number[], t: number): number {
  const weights = new Array<number>(base.length)
  let power = 1
  for (let k = 0; k < base.length; k++) {
    weights[k] = base[k] * power
    power *= t
  }
  return pickWeighted(random, weights) + 1
}

/** A fixed effect per key, drawn once: centred, with the given spread. */
export function effects(random: Random, keys: readonly number[], spread: number) {
  return new Map(keys.map((key) => [key, normalish(random) * spread]))
}

/** The fixed effects of a frame's respondents: by service code, by region code, by channel. */
export interface FrameEffects {
  byService: ReadonlyMap<number, number>
  byRegion: ReadonlyMap<number, number>
  byChannel: Readonly<Record<Channel, number>>
}

/**
 * A respondent's latent score: the effects of their service, region and channel, plus their
 * own normal draw times `spread`.
 */
export function latentScore(r: FrameRow, e: FrameEffects, random: Random, spread = 1): number {
  return (
    (e.byService.get(r.service.code) ?? 0) +
    (e.byRegion.get(r.region) ?? 0) +
    e.byChannel[r.channel] +
    normalish(random) * spread
  )
}

export const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x))
