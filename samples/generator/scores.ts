/**
 * @module Who received the service where, and which overall score they gave.
 *
 * Each service keeps its 105-, 106-кесте margins and its 1..5 counts exactly; exchanging two of
 * its respondents' channels or scores keeps all three. The exchanges are fitted to the tables
 * that cross services with regions, channels and ages: 8, 108, 111 (local bodies by region),
 * 9 (the same without the State Corporation and portal), 14 and 15 (the State Corporation by
 * region), 6 (agencies without the State Corporation and portal), 2, the place tables, 122 and
 * the age tables, plus the share of 1–2 scores that 104's index leaves the State Corporation's
 * regions. Where the report contradicts itself the target follows the choice listed in
 * docs/sample.md.
 */
import { anneal, Fit, type FitCell, type Move } from './anneal'
import { printedBounds, ratioMiss } from './printed'
import { type Random, stream } from './prng'
import type { Channel, PrintedRecords, Reference, ServiceRef } from './reference'
import type { Respondent } from './respondents'

/** Score bins: 0 = could not rate (or a bad cell), 1..5. */
const BINS = 6
const STEPS = 4_000_000
const THRESHOLD = 0.6

const MEAN = [0, 1, 2, 3, 4, 5]
const RATED = [0, 1, 1, 1, 1, 1]
const ALL = [1, 1, 1, 1, 1, 1]
const unit = (k: number) => MEAN.map((_, j) => (j === k ? 1 : 0))
const dot = (stats: Float64Array, at: number, w: readonly number[]) => {
  let s = 0
  for (let k = 0; k < BINS; k++) s += w[k] * stats[at + k]
  return s
}

const CHANNEL_OF: Record<string, Channel> = {
  state_body: 'state_body',
  state_corporation: 'state_corporation',
  egov_portal: 'egov_portal',
}

/**
 * The groups a respondent counts in, by the tables' scopes. A bad channel cell (`readable`
 * false) leaves the respondent out of every channel's measures, not out of its N.
 */
function scoreGroups(
  s: ServiceRef,
  region: number,
  channel: Channel,
  band: string | null,
  readable = true,
): string[] {
  const keys = [`service|${s.code}`]
  if (band) keys.push(`age|${s.code}|${band}`)
  if (s.level === 'local') keys.push(`local|${region}`, 'local|total')
  if (channel === 'state_corporation') keys.push(`corpN|${region}`)
  if (!readable) return keys
  keys.push(`place|${s.code}|${channel}`, `channel|${channel}`)
  if (channel === 'state_body') {
    keys.push(`bodyAgency|${s.agencyAbbr}`, 'bodyAgency|total')
    if (s.level === 'local') keys.push(`localBody|${region}`, 'localBody|total')
  }
  if (channel === 'state_corporation') {
    keys.push(`corp|${region}`, 'corp|total', `corp|${region}|${s.level}`, `corp|total|${s.level}`)
  }
  return keys
}

class Cells {
  readonly cells: FitCell[] = []
  readonly index = new Map<string, number>()

  group(key: string): number {
    let g = this.index.get(key)
    if (g === undefined) {
      g = this.index.size
      this.index.set(key, g)
    }
    return g
  }

  /** scale·(a·counts)/(b·counts) prints as `text`. */
  ratio(label: string, key: string, a: readonly number[], text: string, scale = 1) {
    if (text === '') return
    const g = this.group(key)
    const bounds = printedBounds(text, scale)
    this.cells.push({
      label,
      groups: [g],
      miss: (stats, w) => ratioMiss(dot(stats, g * w, a), dot(stats, g * w, RATED), bounds),
    })
  }

  /** Respondents in the group (bad cells included) between min and max. */
  count(label: string, key: string, min: number, max: number) {
    const g = this.group(key)
    this.cells.push({
      label,
      groups: [g],
      miss: (stats, w) => {
        const n = dot(stats, g * w, ALL)
        return n < min ? min - n : n > max ? n - max : 0
      },
    })
  }

  /**
   * A printed difference: scale·(ratio of `key` − ratio of `other`, or − a constant) rounds to
   * `text` at its decimals; the miss is in units of the first group's denominator.
   */
  difference(
    label: string,
    key: string,
    other: string | number,
    a: readonly number[],
    text: string,
    scale = 1,
  ) {
    const g = this.group(key)
    const h = typeof other === 'string' ? this.group(other) : -1
    const half = 0.5 * 10 ** -(text.split('.')[1]?.length ?? 0)
    const lo = Number(text) - half
    const hi = Number(text) + half
    this.cells.push({
      label,
      groups: h < 0 ? [g] : [g, h],
      miss: (stats, w) => {
        const B = dot(stats, g * w, RATED)
        if (B === 0) return 1
        const base =
          h < 0
            ? (other as number)
            : (scale * dot(stats, h * w, a)) / Math.max(1, dot(stats, h * w, RATED))
        const d = (scale * dot(stats, g * w, a)) / B - base + 1e-9
        const off = d < lo ? lo - d : d >= hi ? d - hi + 1e-9 : 0
        return (off * B) / scale
      },
    })
  }

  /** The group's counts of bins 0..5 are exactly `target`. */
  exactly(label: string, key: string, target: readonly number[]) {
    const g = this.group(key)
    this.cells.push({
      label,
      groups: [g],
      miss: (stats, w) => {
        let off = 0
        for (let k = 0; k < BINS; k++) off += Math.abs(stats[g * w + k] - target[k])
        return off
      },
    })
  }

  /** The group's counts are one of `solutions`: the miss is the distance to the nearest. */
  nearest(label: string, key: string, solutions: readonly (readonly number[])[]) {
    const g = this.group(key)
    this.cells.push({
      label,
      groups: [g],
      miss: (stats, w) => {
        let best = Number.POSITIVE_INFINITY
        for (const sol of solutions) {
          let off = 0
          for (let k = 0; k < BINS && off < best; k++) off += Math.abs(stats[g * w + k] - sol[k])
          if (off < best) best = off
        }
        return best
      },
    })
  }

  /** At most `maxPct` % of the group's rated respondents gave 1 or 2. */
  dissatisfiedAtMost(label: string, key: string, maxPct: number) {
    const g = this.group(key)
    this.cells.push({
      label,
      groups: [g],
      miss: (stats, w) => {
        const low = stats[g * w + 1] + stats[g * w + 2]
        const cap = (maxPct * dot(stats, g * w, RATED)) / 100
        return low > cap ? low - cap : 0
      },
    })
  }
}

const rowsOf = (records: PrintedRecords, key: string) =>
  records.map((r) => ({ key: r[key], row: r }))

/**
 * Counts of bins 0..5 per region for the local bodies that print as 108-кесте's five shares,
 * 8-кесте's mean and 111-кесте's 10-point score, and that add up to the local services' own
 * counts: one distribution per region, except where two print alike (the first is taken).
 */
function localRegionCounts(reference: Reference): Map<string, number[]> {
  const options = new Map<string, number[][]>()
  for (const row of reference.printed.localRegions) {
    if (row.region_code === 'total') continue
    const n = Number(row.n)
    const found: number[][] = []
    for (let rated = n; rated >= Math.max(1, n - 40); rated--) {
      const fits = [1, 2, 3, 4, 5].map((k) => {
        const text = row[`pct_${k}`] || '0'
        const out: number[] = []
        for (let c = 0; c <= rated; c++) {
          if (ratioMiss(c, rated, printedBounds(text, 100)) === 0) out.push(c)
        }
        return out
      })
      const walk = (k: number, left: number, acc: number[]) => {
        if (k === 4) {
          if (!fits[4].includes(left)) return
          const counts = [...acc, left]
          const sum = counts.reduce((a, c, j) => a + c * (j + 1), 0)
          if (
            ratioMiss(sum, rated, printedBounds(row.mean_score)) === 0 &&
            ratioMiss(2 * sum, rated, printedBounds(row.score10)) === 0
          )
            found.push([n - rated, ...counts])
          return
        }
        for (const c of fits[k]) if (c <= left) walk(k + 1, left - c, [...acc, c])
      }
      walk(0, rated, [])
    }
    options.set(row.region_code, found)
  }
  const total = [0, 0, 0, 0, 0, 0]
  for (const s of reference.services) {
    if (s.level !== 'local') continue
    total[0] += s.unable
    s.counts.forEach((c, k) => {
      total[k + 1] += c
    })
  }
  const codes = [...options.keys()]
  const chosen: number[][] = []
  const search = (i: number, sum: number[]): boolean => {
    if (i === codes.length) return sum.every((x, k) => x === total[k])
    for (const counts of options.get(codes[i]) as number[][]) {
      const next = sum.map((x, k) => x + counts[k])
      if (next.some((x, k) => x > total[k])) continue
      chosen[i] = counts
      if (search(i + 1, next)) return true
    }
    return false
  }
  if (!search(0, [0, 0, 0, 0, 0, 0])) throw new Error('108-кесте: no distributions add up')
  return new Map(codes.map((c, i) => [c, chosen[i]]))
}

/**
 * For each service of two channels with printed place figures (place tables, 122-кесте), every
 * split of its counts whose two halves print as those figures, as the counts (bins 0..5) of
 * the smaller channel. Services with no such split (37: its printed means do not add up to
 * its own) are left to the separate cells.
 */
function placeSolutions(
  reference: Reference,
): Map<number, { channel: Channel; solutions: number[][] }> {
  const printed = new Map<string, { sat?: string; mean?: string }>()
  const note = (code: string, channel: string, sat?: string, mean?: string) => {
    const key = `${code}|${channel}`
    const p = printed.get(key) ?? {}
    if (sat && p.sat === undefined) p.sat = sat
    if (mean && p.mean === undefined) p.mean = mean
    printed.set(key, p)
  }
  // 122-кесте first: it is the consistent source for service 8 (README item 7).
  for (const r of reference.printed.corpVsBody) {
    note(r.service_code, 'state_corporation', r.state_corp_pct)
    note(r.service_code, 'state_body', r.state_body_pct)
  }
  for (const r of reference.printed.places)
    note(r.service_code, r.place, r.satisfaction_pct, r.mean_score)
  const fits = (counts: readonly number[], p: { sat?: string; mean?: string } | undefined) => {
    if (!p) return true
    const rated = counts[1] + counts[2] + counts[3] + counts[4] + counts[5]
    const sum = counts.reduce((a, c, k) => a + c * k, 0)
    return (
      (!p.sat || ratioMiss(counts[5], rated, printedBounds(p.sat, 100)) === 0) &&
      (!p.mean || ratioMiss(sum, rated, printedBounds(p.mean)) === 0)
    )
  }
  const out = new Map<number, { channel: Channel; solutions: number[][] }>()
  for (const s of reference.services) {
    const used = (['state_body', 'state_corporation', 'egov_portal'] as const).filter(
      (_, c) => s.byChannel[c] > 0,
    )
    if (used.length !== 2 || !used.some((c) => printed.has(`${s.code}|${c}`))) continue
    const [small, large] = used
      .map((c) => ({
        c,
        n: s.byChannel[['state_body', 'state_corporation', 'egov_portal'].indexOf(c)],
      }))
      .sort((a, b) => a.n - b.n)
    const caps = [s.unable, ...s.counts]
    const solutions: number[][] = []
    const walk = (k: number, left: number, acc: number[]) => {
      if (k === BINS - 1) {
        if (left > caps[k]) return
        const mine = [...acc, left]
        const other = caps.map((c, j) => c - mine[j])
        if (
          fits(mine, printed.get(`${s.code}|${small.c}`)) &&
          fits(other, printed.get(`${s.code}|${large.c}`))
        )
          solutions.push(mine)
        return
      }
      for (let c = Math.min(left, caps[k]); c >= 0; c--) walk(k + 1, left - c, [...acc, c])
    }
    walk(0, small.n, [])
    if (solutions.length > 0) out.set(s.code, { channel: small.c, solutions })
  }
  return out
}

/** The printed cells the scores are fitted to. */
export function scoreCells(reference: Reference): Cells {
  const t = new Cells()
  const p = reference.printed
  const region = (code: string) => (code === 'total' ? 'total' : code)

  // 108-кесте prints all five shares, the mean and (111) the mean to ±0.0025: together they
  // leave one or two whole distributions per region, fitted as exact counts.
  for (const [code, counts] of localRegionCounts(reference)) {
    t.exactly(`108 counts r${code}`, `local|${code}`, counts)
  }
  for (const { key, row } of rowsOf(p.localRegions, 'region_code')) {
    const g = `local|${region(key)}`
    t.ratio(`8 sat r${key}`, g, unit(5), row.satisfaction_pct, 100)
    t.ratio(`8 mean r${key}`, g, MEAN, row.mean_score)
    for (let k = 1; k <= 5; k++)
      t.ratio(`108 ${k} r${key}`, g, unit(k), row[`pct_${k}`] || '0', 100)
    t.ratio(
      `111 r${key}`,
      g,
      MEAN.map((k) => 2 * k),
      row.score10,
    )
  }
  // 9-кесте's delta: the body-only mean minus the same region's all-channel mean.
  for (const { key, row } of rowsOf(p.localBodyRegions, 'region_code')) {
    const g = `localBody|${region(key)}`
    t.ratio(`9 mean r${key}`, g, MEAN, row.overall_mean)
    t.difference(`9 delta r${key}`, g, `local|${region(key)}`, MEAN, row.delta)
  }
  for (const { key, row } of rowsOf(p.corpRegions, 'region_code')) {
    const g = `corp|${region(key)}`
    // 14-кесте's N sums to 2,654, one fewer than 105-кесте's 2,655: one region may hold one more.
    if (key !== 'total') t.count(`14 n r${key}`, `corpN|${key}`, Number(row.n), Number(row.n) + 1)
    for (const level of ['central', 'local']) {
      t.ratio(
        `14 ${level} sat r${key}`,
        `${g}|${level}`,
        unit(5),
        row[`${level}_satisfaction_pct`],
        100,
      )
      t.ratio(`14 ${level} mean r${key}`, `${g}|${level}`, MEAN, row[`${level}_mean`])
    }
    // Астана's total is two stray cells (README): 4.75 is confirmed by 15-кесте, 79.5 is not.
    if (key !== '1') t.ratio(`14 total sat r${key}`, g, unit(5), row.total_satisfaction_pct, 100)
    t.ratio(`14 total mean r${key}`, g, MEAN, row.total_mean)
  }
  for (const { key, row } of rowsOf(p.corpAspects, 'region_code')) {
    t.ratio(`15 mean r${key}`, `corp|${region(key)}`, MEAN, row.overall_mean)
  }
  const agencyMean = new Map<string, { sum: number; n: number }>()
  for (const s of reference.services) {
    for (const key of [s.agencyAbbr, 'total']) {
      const m = agencyMean.get(key) ?? { sum: 0, n: 0 }
      s.counts.forEach((c, k) => {
        m.sum += c * (k + 1)
        m.n += c
      })
      agencyMean.set(key, m)
    }
  }
  for (const { key, row } of rowsOf(p.bodyAgencies, 'agency_abbr')) {
    const g = `bodyAgency|${key}`
    // 6-кесте's ЖАО row (4.59) and 9-кесте's total (4.58) print one mean of one group: 9 is kept.
    if (key !== 'ЖАО') t.ratio(`6 mean ${key}`, g, MEAN, row.overall_mean)
    const all = agencyMean.get(key) as { sum: number; n: number }
    t.difference(`6 delta ${key}`, g, all.sum / all.n, MEAN, row.delta)
  }
  for (const [code, { channel, solutions }] of placeSolutions(reference)) {
    t.nearest(`place counts ${code}`, `place|${code}|${channel}`, solutions)
  }
  for (const row of p.places) {
    const g = `place|${row.service_code}|${CHANNEL_OF[row.place]}`
    // Service 8's state-body satisfaction: 122-кесте's 58.1 is the consistent one (README item 7).
    if (!(row.service_code === '8' && row.place === 'state_body')) {
      t.ratio(`place sat ${row.service_code} ${row.place}`, g, unit(5), row.satisfaction_pct, 100)
    }
    t.ratio(`place mean ${row.service_code} ${row.place}`, g, MEAN, row.mean_score)
  }
  for (const row of p.corpVsBody) {
    const code = row.service_code
    const corp = code === 'total' ? 'channel|state_corporation' : `place|${code}|state_corporation`
    const body = code === 'total' ? 'channel|state_body' : `place|${code}|state_body`
    t.ratio(`122 corp ${code}`, corp, unit(5), row.state_corp_pct, 100)
    t.ratio(`122 body ${code}`, body, unit(5), row.state_body_pct, 100)
    if (row.diff_pct) t.difference(`122 diff ${code}`, corp, body, unit(5), row.diff_pct, 100)
  }
  for (const row of p.channels) {
    if (row.channel === 'total') continue
    for (let k = 1; k <= 5; k++) {
      t.ratio(`2 ${k} ${row.channel}`, `channel|${row.channel}`, unit(k), row[`pct_${k}`], 100)
    }
  }
  // The untitled table after 122-кесте (lines 734–736): the State Corporation's distribution
  // for central and local services.
  const corpLevels = {
    central: ['0.4', '0.9', '5.6', '25.7', '67.4'],
    local: ['0.3', '1.1', '6.0', '24.4', '68.3'],
  }
  for (const [level, pcts] of Object.entries(corpLevels)) {
    pcts.forEach((text, k) => {
      t.ratio(`corp ${level} ${k + 1}`, `corp|total|${level}`, unit(k + 1), text, 100)
    })
  }
  for (const s of reference.services) {
    for (const band of s.ageBands) {
      if (band.satisfactionPct === null) continue
      const text = band.satisfactionPct.toFixed(1)
      t.ratio(`age ${s.code} ${band.label}`, `age|${s.code}|${band.label}`, unit(5), text, 100)
    }
  }
  // 104-кесте's State Corporation column is the mean of five shares; with 17-кесте's barriers
  // it leaves room for at most this share of 1–2 scores (the rest is distrust).
  const barriers = new Map(p.corpBarriers.map((r) => [r.region_code, r]))
  for (const row of p.concern.filter((r) => r.group === 'state_corp_region')) {
    const b = barriers.get(row.key) as Record<string, string>
    const printed =
      Number(b.connections_pct) + Number(b.informal_payment_pct) + Number(b.complaints_pct)
    const room = 5 * (Number(row.index) + 0.005) - (printed - 0.15)
    t.dissatisfiedAtMost(`104 corp room r${row.key}`, `corp|${region(row.key)}`, room)
  }
  return t
}

/** What the calibration could not fit, for the generator's summary. */
export interface ScoreFit {
  misfit: number
  missing: string[]
}

/**
 * Exchanges channels and scores within services until the printed cells fit.
 * @param fixedChannel rows whose channel cell is bad: they keep it and count in no channel
 * @param fixedScore rows whose overall cell is bad: they stay unrated
 */
export function calibrateScores(
  reference: Reference,
  respondents: Respondent[],
  fixedChannel: ReadonlySet<number>,
  fixedScore: ReadonlySet<number>,
  seed: string,
): ScoreFit {
  const table = scoreCells(reference)
  const memo = new Map<string, number[]>()
  const groupsOf = (i: number, channel: Channel) => {
    const r = respondents[i]
    const readable = !fixedChannel.has(i)
    const key = `${r.service.code}|${r.region}|${channel}|${readable}|${r.ageBand}`
    let groups = memo.get(key)
    if (!groups) {
      groups = scoreGroups(r.service, r.region, channel, r.ageBand, readable).map((k) =>
        table.group(k),
      )
      memo.set(key, groups)
    }
    return groups
  }
  // Groups are created as they are met, so the statistics are sized after a first pass.
  for (let i = 0; i < respondents.length; i++) groupsOf(i, respondents[i].channel)
  for (const s of reference.services) {
    for (const region of new Set(respondents.filter((r) => r.service === s).map((r) => r.region)))
      for (const c of ['state_body', 'state_corporation', 'egov_portal'] as const)
        for (const k of scoreGroups(s, region, c, null)) table.group(k)
  }
  const fit = new Fit(table.cells, table.index.size + 1, BINS)
  const bin = (i: number) => respondents[i].overall ?? 0
  respondents.forEach((r, i) => {
    fit.add(groupsOf(i, r.channel), bin(i), 1)
  })
  fit.rescoreAll()

  // Services whose respondents differ in some group: only there can an exchange change a table.
  const members = new Map<ServiceRef, number[]>()
  respondents.forEach((r, i) => {
    const list = members.get(r.service)
    if (list) list.push(i)
    else members.set(r.service, [i])
  })
  const movable = [...members.values()].filter(
    (rows) => new Set(rows.map((i) => groupsOf(i, respondents[i].channel))).size > 1,
  )
  const pool = movable.flat()
  const random: Random = stream(seed, 'calibrate-scores')
  const serviceRows = new Map<ServiceRef, number[]>(
    movable.map((rows) => [respondents[rows[0]].service, rows]),
  )

  const swapScores = (i: number, j: number): Move => {
    const gi = groupsOf(i, respondents[i].channel)
    const gj = groupsOf(j, respondents[j].channel)
    const exchange = () => {
      const a = bin(i)
      const b = bin(j)
      fit.add(gi, a, -1)
      fit.add(gi, b, 1)
      fit.add(gj, b, -1)
      fit.add(gj, a, 1)
      const t = respondents[i].overall
      respondents[i].overall = respondents[j].overall
      respondents[j].overall = t
      return fit.rescore(gi, gj)
    }
    return { apply: exchange, undo: exchange }
  }
  const swapChannels = (i: number, j: number): Move => {
    const exchange = () => {
      const ci = respondents[i].channel
      const cj = respondents[j].channel
      const before = [groupsOf(i, ci), groupsOf(j, cj)]
      const after = [groupsOf(i, cj), groupsOf(j, ci)]
      fit.add(before[0], bin(i), -1)
      fit.add(after[0], bin(i), 1)
      fit.add(before[1], bin(j), -1)
      fit.add(after[1], bin(j), 1)
      respondents[i].channel = cj
      respondents[j].channel = ci
      return fit.rescore(...before, ...after)
    }
    return { apply: exchange, undo: exchange }
  }

  // Most draws start from a respondent in a group that still misses a figure.
  let hot: number[] = pool
  let step = 0
  const reheat = () => {
    const missing = new Set<number>()
    fit.cells.forEach((c, k) => {
      if (fit.misses[k] > 0) for (const g of c.groups) missing.add(g)
    })
    hot = pool.filter((i) => groupsOf(i, respondents[i].channel).some((g) => missing.has(g)))
    if (hot.length === 0) hot = pool
  }
  anneal({
    steps: STEPS,
    threshold: THRESHOLD,
    misfit: () => fit.total,
    propose: () => {
      if (step++ % 20000 === 0) reheat()
      const from = random() < 0.8 ? hot : pool
      const i = from[Math.floor(random() * from.length)]
      const rows = serviceRows.get(respondents[i].service) as number[]
      const j = rows[Math.floor(random() * rows.length)]
      if (i === j) return null
      if (random() < 0.5) {
        if (fixedScore.has(i) || fixedScore.has(j) || bin(i) === bin(j)) return null
        return swapScores(i, j)
      }
      if (fixedChannel.has(i) || fixedChannel.has(j)) return null
      if (respondents[i].channel === respondents[j].channel) return null
      return swapChannels(i, j)
    },
  })
  return { misfit: fit.total, missing: fit.missing() }
}
