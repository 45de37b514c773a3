/** @module The 2017 report's tables that the sample is calibrated to, read from samples/reference. */
import { readFileSync } from 'node:fs'
import { parseCsvRecords } from './csv'

export const REFERENCE_DIR = new URL('../reference/monitoring-2017/', import.meta.url)

export const CHANNELS = ['state_body', 'state_corporation', 'egov_portal'] as const
export type Channel = (typeof CHANNELS)[number]

/** Aspect keys in the sheet's column order; `trust` is not printed in 109-кесте. */
export const ASPECT_KEYS = [
  'info_access',
  'info_clarity',
  'documents',
  'timeliness',
  'staff_competence',
  'staff_speed',
  'staff_courtesy',
  'trust',
] as const
export type AspectKey = (typeof ASPECT_KEYS)[number]

export const BARRIER_KEYS = ['complaints', 'informal_payment', 'connections'] as const
export type BarrierKey = (typeof BARRIER_KEYS)[number]

/** Key-driver groups of the report's conclusions. */
export const DRIVER_GROUPS = [
  'central_bodies',
  'local_executive_bodies',
  'state_corporation',
] as const
export type DriverGroup = (typeof DRIVER_GROUPS)[number]

export interface AgeBand {
  label: string
  min: number
  max: number
  n: number
  satisfactionPct: number | null
}

export interface ServiceRef {
  code: number
  name: string
  agency: string
  /** Abbreviation normalised as the agency tables (6, 7, 104) key their rows. */
  agencyAbbr: string
  level: 'central' | 'local'
  sample: number
  /** 105-кесте, in CHANNELS order. */
  byChannel: number[]
  /** 106-кесте as reconstructed, region codes 1..17 at indexes 0..16. */
  byRegion: number[]
  /** Respondents giving 1..5 (index 0 = score 1). */
  counts: number[]
  /** Respondents who could not rate the service: blank overall score. */
  unable: number
  /** Satisfaction (% giving 5) and mean exactly as printed, keeping the printed precision. */
  satisfactionText: string
  meanText: string
  /** Where meanText comes from when the section prints no mean. */
  meanSource: 'section' | '1-кесте'
  /** 109-кесте: overall mean and the seven printed aspects (null where not printed). */
  overallMean109: number
  aspects109: Record<Exclude<AspectKey, 'trust'>, number | null>
  /** 3-кесте shares, %. */
  barriersPct: Record<BarrierKey, number>
  /** 122-кесте / place tables: satisfaction % by channel where printed. */
  placeSatisfactionPct: Partial<Record<Channel, number>>
  /** Age tables (services 5, 6, 7 only). */
  ageBands: AgeBand[]
}

export interface RegionRef {
  code: number
  name: string
}

export interface LocalRegionTarget {
  region: number
  satisfactionPct: number
  mean: number
  /** 108-кесте shares of 1..5, % (blank printed = 0). */
  pct: number[]
}

export interface DriverTarget {
  group: DriverGroup
  aspect: AspectKey
  r: number
}

/** CSV records as printed (text keeps the printed precision), by the file they come from. */
export type PrintedRecords = Record<string, string>[]

/** The cross-tabulated tables the calibration fits, read as printed. */
export interface PrintedTables {
  /** 8-, 108-, 111-кесте: local bodies by region, all channels. */
  localRegions: PrintedRecords
  /** 9-кесте: local bodies by region, State Corporation and portal excluded. */
  localBodyRegions: PrintedRecords
  /** 6-кесте: agencies, State Corporation and portal excluded. */
  bodyAgencies: PrintedRecords
  /** 14-кесте: the State Corporation by region, central and local services. */
  corpRegions: PrintedRecords
  /** 15-кесте: the State Corporation by region, overall and aspect means. */
  corpAspects: PrintedRecords
  /** Place tables of 14 services. */
  places: PrintedRecords
  /** 122-кесте. */
  corpVsBody: PrintedRecords
  /** 2-кесте. */
  channels: PrintedRecords
  /** 10-кесте and 17-кесте. */
  localBarriers: PrintedRecords
  corpBarriers: PrintedRecords
  /** 104-кесте. */
  concern: PrintedRecords
  /** 16-кесте. */
  waiting: PrintedRecords
}

export interface Reference {
  services: ServiceRef[]
  regions: RegionRef[]
  localRegions: LocalRegionTarget[]
  drivers: DriverTarget[]
  printed: PrintedTables
}

function read(name: string, dir: URL): Record<string, string>[] {
  return parseCsvRecords(readFileSync(new URL(name, dir), 'utf8'))
}

function byCode(
  rows: Record<string, string>[],
  key = 'service_code',
): Map<string, Record<string, string>> {
  return new Map(rows.map((row) => [row[key], row]))
}

function num(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`not a number: "${text}"`)
  return value
}

function optionalNum(text: string | undefined): number | null {
  return text === undefined || text.trim() === '' ? null : num(text)
}

const AGE_LIMITS: Record<string, [number, number]> = {
  '18-21': [18, 21],
  '22-29': [22, 29],
  '30-39': [30, 39],
  '40-49': [40, 49],
  '50-59': [50, 59],
}

function ageBands(rows: Record<string, string>[], code: string): AgeBand[] {
  const bands = new Map<string, AgeBand>()
  for (const row of rows.filter((r) => r.service_code === code)) {
    const [min, max] = AGE_LIMITS[row.age_group]
    const band = bands.get(row.age_group) ?? {
      label: row.age_group,
      min,
      max,
      n: 0,
      satisfactionPct: null,
    }
    if (row.measure === 'n') band.n = num(row.value)
    else band.satisfactionPct = num(row.value)
    bands.set(row.age_group, band)
  }
  return [...bands.values()]
}

/** Loads and cross-checks the reference tables (throws when they disagree with each other). */
export function loadReference(dir: URL = REFERENCE_DIR): Reference {
  const channel = byCode(read('sample_by_channel.csv', dir))
  const region = byCode(read('sample_by_region.csv', dir))
  const distribution = byCode(read('service_distributions.csv', dir))
  const rating = byCode(read('rating.csv', dir), 'values_match_service_code')
  const aspects = byCode(read('aspects_by_service.csv', dir))
  const barriers = byCode(read('barriers_by_service.csv', dir))
  const corpVsBody = byCode(read('state_corp_vs_body.csv', dir))
  const place = read('service_by_place.csv', dir)
  const ages = read('age_tables.csv', dir)

  const services = read('services.csv', dir).map((row): ServiceRef => {
    const code = row.code
    const ch = channel.get(code)
    const reg = region.get(code)
    const dist = distribution.get(code)
    const rate = rating.get(code)
    const asp = aspects.get(code)
    const bar = barriers.get(code)
    if (!ch || !reg || !dist || !rate || !asp || !bar) throw new Error(`service ${code} incomplete`)
    const sample = num(ch.total)
    const byChannel = [num(ch.state_body), num(ch.state_corporation), num(ch.egov_portal)]
    const byRegion = Array.from({ length: 17 }, (_, i) => num(reg[`r${i + 1}`]))
    // Services 13 and 35 print only "100 %": every respondent gave 5 (1-кесте n = sample).
    const counts =
      dist.count_1 === ''
        ? [0, 0, 0, 0, num(rate.n)]
        : [1, 2, 3, 4, 5].map((k) => num(dist[`count_${k}`]))
    const rated = counts.reduce((a, b) => a + b, 0)
    const unable = sample - rated
    const note = optionalNum(dist.n_unable_to_rate_note)
    if (note !== null && note !== unable)
      throw new Error(`service ${code}: unable ${unable} ≠ ${note}`)
    const sumCheck = (xs: number[]) => xs.reduce((a, b) => a + b, 0) === sample
    if (!sumCheck(byChannel) || !sumCheck(byRegion)) throw new Error(`service ${code}: margins`)

    const placePct: Partial<Record<Channel, number>> = {}
    const cvb = corpVsBody.get(code)
    if (cvb?.state_corp_pct) placePct.state_corporation = num(cvb.state_corp_pct)
    if (cvb?.state_body_pct) placePct.state_body = num(cvb.state_body_pct)
    for (const p of place.filter((r) => r.service_code === code)) {
      // 122-кесте is the consistent source for service 8's state-body figure (README item 7).
      const key = p.place as Channel
      if (placePct[key] === undefined) placePct[key] = num(p.satisfaction_pct)
    }

    return {
      code: num(code),
      name: row.short_name_kk || row.name_kk,
      agency: row.agency_kk,
      agencyAbbr: row.agency_abbr,
      level: row.level === 'local' ? 'local' : 'central',
      sample,
      byChannel,
      byRegion,
      counts,
      unable,
      satisfactionText: dist.satisfaction_pct_text,
      meanText: dist.mean_text || rate.mean_score,
      meanSource: dist.mean_text ? 'section' : '1-кесте',
      overallMean109: num(asp.overall_mean),
      aspects109: {
        info_access: optionalNum(asp.info_access),
        info_clarity: optionalNum(asp.info_clarity),
        documents: optionalNum(asp.documents),
        timeliness: optionalNum(asp.timeliness),
        staff_competence: optionalNum(asp.staff_competence),
        staff_speed: optionalNum(asp.staff_speed),
        staff_courtesy: optionalNum(asp.staff_courtesy),
      },
      barriersPct: {
        complaints: num(bar.complaints_pct),
        informal_payment: num(bar.informal_payment_pct),
        connections: num(bar.connections_pct),
      },
      placeSatisfactionPct: placePct,
      ageBands: ageBands(ages, code),
    }
  })

  const regions = read('regions.csv', dir).map((r) => ({ code: num(r.code), name: r.name_kk }))
  const localRegions = read('leb_by_region.csv', dir)
    .filter((r) => r.region_code !== 'total')
    .map((r) => ({
      region: num(r.region_code),
      satisfactionPct: num(r.satisfaction_pct),
      mean: num(r.mean_score),
      pct: [1, 2, 3, 4, 5].map((k) => optionalNum(r[`pct_${k}`]) ?? 0),
    }))
  const drivers = read('key_drivers.csv', dir).map((r) => ({
    group: r.group as DriverGroup,
    aspect: r.aspect as AspectKey,
    r: num(r.r),
  }))
  const printed: PrintedTables = {
    localRegions: read('leb_by_region.csv', dir),
    localBodyRegions: read('aspects_by_region_leb.csv', dir),
    bodyAgencies: read('aspects_by_agency.csv', dir),
    corpRegions: read('state_corp_region_summary.csv', dir),
    corpAspects: read('state_corp_by_region.csv', dir),
    places: place,
    corpVsBody: read('state_corp_vs_body.csv', dir),
    channels: read('distribution_by_channel.csv', dir),
    localBarriers: read('barriers_by_region_leb.csv', dir),
    corpBarriers: read('barriers_by_region_state_corp.csv', dir),
    concern: read('social_concern.csv', dir),
    waiting: read('waiting_conditions_by_region.csv', dir),
  }
  return { services, regions, localRegions, drivers, printed }
}
