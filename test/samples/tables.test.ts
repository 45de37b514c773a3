/**
 * The report's printed tables recomputed from the sample's CSV rows with plain loops (no
 * engine, no generator code), compared cell by cell at the printed precision. Each table's
 * count of matched cells is asserted; the cells that cannot match are the report's own
 * contradictions, listed in docs/sample.md and in UNMATCHED below.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { near, PRINTED, prints, round1 } from './printed'

const SAMPLES = new URL('../../samples/', import.meta.url)
const REFERENCE = new URL('../../samples/reference/monitoring-2017/', import.meta.url)

function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else if (ch !== '\r') field += ch
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}
const records = (text: string) => {
  const [head, ...rest] = parseCsv(text)
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])))
}
const reference = (name: string) =>
  records(readFileSync(new URL(`${name}.csv`, REFERENCE), 'utf8')) as Record<string, string>[]

// ---- the sample, read as a user's program would ------------------------------------------

const [header, ...cells] = parseCsv(readFileSync(new URL('survey-2017.csv', SAMPLES), 'utf8'))
const odd = JSON.parse(readFileSync(new URL('survey-2017.issues.json', SAMPLES), 'utf8')) as {
  issues: { row: number; column: string; replaces: string }[]
  spellings: { row: number; column: string; means: number | 'yes' | 'no' }[]
}
const bad = new Set(odd.issues.map((i) => `${i.row}|${i.column}`))
// A bad channel cell keeps its respondent out of every channel's measures; the respondent still
// counts in the channel's N, as written in issues.json (105-кесте's own check does the same).
const meantChannel = new Map(
  odd.issues.filter((i) => i.column === 'Қызмет алынған орын').map((i) => [i.row, i.replaces]),
)
const spelled = new Map(odd.spellings.map((s) => [`${s.row}|${s.column}`, s.means]))
const column = (name: string) => {
  const i = header.indexOf(name)
  if (i < 0) throw new Error(`no column ${name}`)
  return i
}

const ASPECTS = [
  ['info_access', 'Ақпараттың ашықтығы мен қолжетімділігі'],
  ['info_clarity', 'Алынған ақпараттың айқындылығы мен дұрыстығы'],
  ['documents', 'Құжаттарды жинау және тапсыру процесі'],
  ['timeliness', 'Қызмет ұсыну мерзімдері'],
  ['staff_competence', 'Қызметкерлердің біліктілігі'],
  ['staff_speed', 'Қызметкердің жұмыс істеу шапшаңдығы'],
  ['staff_courtesy', 'Қызметкердің әдептілігі'],
  ['trust', 'Қызмет ұсынушыға сенім'],
] as const
type Aspect = (typeof ASPECTS)[number][0]
const BARRIERS = [
  ['connections_pct', 'Тамыр-таныстарды пайдалану'],
  ['informal_payment_pct', 'Бейресми сыйақы'],
  ['complaints_pct', 'Шағым берді'],
] as const
const CHANNELS: Record<string, string> = {
  'Мемлекеттік орган': 'state_body',
  'Мемлекеттік корпорация (ХҚКО)': 'state_corporation',
  'Электрондық үкімет порталы': 'egov_portal',
}
const WAITING = [
  'hall_uncomfortable_no_tables',
  'not_enough_seats',
  'no_electronic_queue',
  'stuffy_hot_cold_hall',
  'no_toilet',
  'several_queues',
  'other_discomfort',
] as const
const WAITING_PREFIX = 'Күту жағдайы: '

const services = new Map(reference('services').map((s) => [s.code, s]))
const regionCode = new Map(reference('regions').map((r) => [r.name_kk, r.code]))

interface Row {
  service: string
  agency: string
  level: string
  region: string
  /** null where the channel cell is a bad cell: the row counts in no channel. */
  channel: string | null
  /** The channel the row stands for, bad cell or not (for N only). */
  meant: string
  age: number | null
  overall: number | null
  aspects: Record<Aspect, number | null>
  barriers: (boolean | null)[]
  waiting: (boolean | null)[]
}

function scoreAt(r: number, name: string): number | null {
  const key = `${r + 2}|${name}`
  if (bad.has(key)) return null
  if (spelled.has(key)) return spelled.get(key) as number
  const text = cells[r][column(name)]
  return /^[1-5]$/.test(text) ? Number(text) : null
}
function yesAt(r: number, name: string): boolean | null {
  const key = `${r + 2}|${name}`
  if (bad.has(key)) return null
  if (spelled.has(key)) return spelled.get(key) === 'yes'
  const text = cells[r][column(name)]
  return text === 'Иә' ? true : text === 'Жоқ' ? false : null
}
const waitingHeaders = header.filter((h) => h.startsWith(WAITING_PREFIX))

const rows: Row[] = cells.map((c, r) => {
  const code = c[column('Қызмет коды')]
  const s = services.get(code) as Record<string, string>
  const channelKey = `${r + 2}|Қызмет алынған орын`
  return {
    service: code,
    agency: s.agency_abbr,
    level: s.level,
    region: regionCode.get(c[column('Өңір')]) as string,
    channel: bad.has(channelKey) ? null : CHANNELS[c[column('Қызмет алынған орын')]],
    meant: CHANNELS[meantChannel.get(r + 2) ?? c[column('Қызмет алынған орын')]],
    age: bad.has(`${r + 2}|Жасы`) ? null : Number(c[column('Жасы')]),
    overall: scoreAt(r, 'Қызметке жалпы баға'),
    aspects: Object.fromEntries(ASPECTS.map(([k, h]) => [k, scoreAt(r, h)])) as Row['aspects'],
    barriers: BARRIERS.map(([, h]) => yesAt(r, h)),
    waiting: waitingHeaders.map((h) => yesAt(r, h)),
  }
})

// ---- measures, by plain loops ------------------------------------------------------------

interface Scores {
  n: number
  rated: number
  counts: number[]
  sum: number
}
function scores(group: Row[]): Scores {
  const counts = [0, 0, 0, 0, 0, 0]
  let sum = 0
  for (const r of group) {
    if (r.overall === null) continue
    counts[r.overall]++
    sum += r.overall
  }
  const rated = counts.reduce((a, b) => a + b, 0)
  return { n: group.length, rated, counts, sum }
}
const mean = (g: Scores) => g.sum / g.rated
function aspectMean(group: Row[], aspect: Aspect) {
  let sum = 0
  let n = 0
  for (const r of group) {
    const v = r.aspects[aspect]
    if (v !== null) {
      sum += v
      n++
    }
  }
  return { sum, n }
}
function share(values: (boolean | null)[]) {
  let yes = 0
  let n = 0
  for (const v of values) {
    if (v === null) continue
    n++
    if (v) yes++
  }
  return { yes, n }
}
const pctOf = ({ yes, n }: { yes: number; n: number }) => (100 * yes) / n

// ---- the tally ---------------------------------------------------------------------------

interface Tally {
  printed: number
  matched: number
  missed: string[]
}
const tallies = new Map<string, Tally>()
function check(table: string, cell: string, ok: boolean) {
  const t = tallies.get(table) ?? { printed: 0, matched: 0, missed: [] }
  t.printed++
  if (ok) t.matched++
  else t.missed.push(cell)
  tallies.set(table, t)
}

const by = <K>(key: (r: Row) => K) => {
  const out = new Map<K, Row[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}
const of = <K>(m: Map<K, Row[]>, k: K) => m.get(k) ?? []
const isLocal = (r: Row) => r.level === 'local'
const isCorp = (r: Row) => r.channel === 'state_corporation'
const isBody = (r: Row) => r.channel === 'state_body'
const inRegion = (code: string) => (r: Row) => code === 'total' || r.region === code
const agencyRows = by((r) => r.agency)
const serviceRows = by((r) => r.service)

function checkScores(table: string, cell: string, g: Scores, sat: string, meanText: string) {
  if (sat) check(table, `${cell} satisfaction`, prints(g.counts[5], g.rated, sat, 100))
  if (meanText) check(table, `${cell} mean`, prints(g.sum, g.rated, meanText))
}
function checkAspects(table: string, cell: string, group: Row[], row: Record<string, string>) {
  for (const [aspect] of ASPECTS) {
    if (!row[aspect]) continue
    const { sum, n } = aspectMean(group, aspect)
    check(table, `${cell} ${aspect}`, prints(sum, n, row[aspect]))
  }
}

// 1-кесте, read by its values (reference README, inconsistency 1).
for (const r of reference('rating')) {
  const g = scores(of(serviceRows, r.values_match_service_code))
  checkScores('1', `rank ${r.rank}`, g, r.satisfaction_pct, r.mean_score)
  check('1', `rank ${r.rank} N`, g.n === Number(r.n))
}
// 2-кесте.
for (const r of reference('distribution_by_channel')) {
  const g = scores(rows.filter((x) => r.channel === 'total' || x.channel === r.channel))
  const n = rows.filter((x) => r.channel === 'total' || x.meant === r.channel).length
  check('2', `${r.channel} N`, n === Number(r.n))
  for (let k = 1; k <= 5; k++) {
    check('2', `${r.channel} ${k}`, prints(g.counts[k], g.rated, r[`pct_${k}`], 100))
  }
}
// 3-кесте.
for (const r of reference('barriers_by_service')) {
  const group = r.service_code === 'total' ? rows : of(serviceRows, r.service_code)
  BARRIERS.forEach(([key], b) => {
    const s = share(group.map((x) => x.barriers[b]))
    check('3', `${r.service_code} ${key}`, prints(s.yes, s.n, r[key], 100))
  })
}
// 5- and 107-кесте.
for (const r of reference('satisfaction_by_agency')) {
  const g = scores(r.agency_abbr === 'total' ? rows : of(agencyRows, r.agency_abbr))
  checkScores('5', r.agency_abbr, g, r.satisfaction_pct_5keste, r.mean_score_5keste)
  check('5', `${r.agency_abbr} N`, g.n === Number(r.n_5keste))
  for (let k = 1; k <= 5; k++) {
    if (r[`pct_${k}`])
      check('107', `${r.agency_abbr} ${k}`, prints(g.counts[k], g.rated, r[`pct_${k}`], 100))
  }
}
// 6-кесте: without the State Corporation and portal; delta against the agency's all-channel mean.
for (const r of reference('aspects_by_agency')) {
  const all = r.agency_abbr === 'total' ? rows : of(agencyRows, r.agency_abbr)
  const body = all.filter(isBody)
  const g = scores(body)
  check('6', `${r.agency_abbr} overall`, prints(g.sum, g.rated, r.overall_mean))
  check('6', `${r.agency_abbr} delta`, near(mean(g) - mean(scores(all)), r.delta))
  checkAspects('6', r.agency_abbr, body, r)
}
// 7-кесте.
for (const r of reference('barriers_by_agency')) {
  const group = r.agency_abbr === 'total' ? rows : of(agencyRows, r.agency_abbr)
  BARRIERS.forEach(([key], b) => {
    const s = share(group.map((x) => x.barriers[b]))
    check('7', `${r.agency_abbr} ${key}`, prints(s.yes, s.n, r[key], 100))
  })
}
// 8-, 108-, 111-кесте: local bodies by region, all channels.
for (const r of reference('leb_by_region')) {
  const g = scores(rows.filter((x) => isLocal(x) && inRegion(r.region_code)(x)))
  checkScores('8', `r${r.region_code}`, g, r.satisfaction_pct, r.mean_score)
  check('8', `r${r.region_code} N`, g.n === Number(r.n))
  for (let k = 1; k <= 5; k++) {
    // A blank share is a share of 0.
    check('108', `r${r.region_code} ${k}`, prints(g.counts[k], g.rated, r[`pct_${k}`] || '0', 100))
  }
  if (r.score10) check('111', `r${r.region_code}`, prints(2 * g.sum, g.rated, r.score10))
}
// 9-кесте: local bodies without the State Corporation and portal, delta as in 6.
for (const r of reference('aspects_by_region_leb')) {
  const all = rows.filter((x) => isLocal(x) && inRegion(r.region_code)(x))
  const body = all.filter(isBody)
  const g = scores(body)
  check('9', `r${r.region_code} overall`, prints(g.sum, g.rated, r.overall_mean))
  check('9', `r${r.region_code} delta`, near(mean(g) - mean(scores(all)), r.delta))
  checkAspects('9', `r${r.region_code}`, body, r)
}
// 10- and 17-кесте.
for (const [table, file, scope] of [
  ['10', 'barriers_by_region_leb', isLocal],
  ['17', 'barriers_by_region_state_corp', isCorp],
] as const) {
  for (const r of reference(file)) {
    const group = rows.filter((x) => scope(x) && inRegion(r.region_code)(x))
    BARRIERS.forEach(([key], b) => {
      const s = share(group.map((x) => x.barriers[b]))
      check(table, `r${r.region_code} ${key}`, prints(s.yes, s.n, r[key], 100))
    })
  }
}
// 14-кесте: the State Corporation by region, central and local services.
for (const r of reference('state_corp_region_summary')) {
  const corp = rows.filter((x) => isCorp(x) && inRegion(r.region_code)(x))
  const n = rows.filter((x) => x.meant === 'state_corporation' && inRegion(r.region_code)(x))
  check('14', `r${r.region_code} N`, n.length === Number(r.n))
  for (const level of ['central', 'local']) {
    const g = scores(corp.filter((x) => x.level === level))
    checkScores(
      '14',
      `r${r.region_code} ${level}`,
      g,
      r[`${level}_satisfaction_pct`],
      r[`${level}_mean`],
    )
  }
  checkScores('14', `r${r.region_code} total`, scores(corp), r.total_satisfaction_pct, r.total_mean)
}
// The untitled distribution after 122-кесте (lines 734–736), central and local services.
const CORP_LEVELS = {
  central: ['0.4', '0.9', '5.6', '25.7', '67.4'],
  local: ['0.3', '1.1', '6.0', '24.4', '68.3'],
}
for (const [level, pcts] of Object.entries(CORP_LEVELS)) {
  const g = scores(rows.filter((x) => isCorp(x) && x.level === level))
  pcts.forEach((text, k) => {
    check('734', `${level} ${k + 1}`, prints(g.counts[k + 1], g.rated, text, 100))
  })
}
// 15-кесте.
for (const r of reference('state_corp_by_region')) {
  const corp = rows.filter((x) => isCorp(x) && inRegion(r.region_code)(x))
  const g = scores(corp)
  check('15', `r${r.region_code} overall`, prints(g.sum, g.rated, r.overall_mean))
  checkAspects('15', `r${r.region_code}`, corp, r)
}
// 16-кесте: one yes/no column per condition, asked at the State Corporation.
for (const r of reference('waiting_conditions_by_region')) {
  const corp = rows.filter((x) => isCorp(x) && inRegion(r.region_code)(x))
  WAITING.forEach((key, k) => {
    const s = share(corp.map((x) => x.waiting[k] ?? null))
    // A blank cell is a share of 0.
    check('16', `r${r.region_code} ${key}`, prints(s.yes, s.n, r[key] || '0', 100))
  })
}
// 104-кесте: the mean of five shares. The agency and local-body columns are means of the shares
// rounded to one decimal (every printed index is a fifth of a one-decimal sum); the State
// Corporation column is not (0.39, 2.35 …), so its shares are taken unrounded.
function concern(group: Row[], rounded: boolean): number {
  const g = scores(group)
  const parts = [
    (100 * (g.counts[1] + g.counts[2])) / g.rated,
    pctOf(share(group.map((x) => (x.aspects.trust === null ? null : x.aspects.trust <= 2)))),
    ...BARRIERS.map((_, b) => pctOf(share(group.map((x) => x.barriers[b])))),
  ]
  return parts.reduce((a, p) => a + (rounded ? round1(p) : p), 0) / 5
}
for (const r of reference('social_concern')) {
  const group =
    r.group === 'agency'
      ? r.key === 'total'
        ? rows
        : of(agencyRows, r.key)
      : rows.filter(
          (x) => (r.group === 'leb_region' ? isLocal(x) : isCorp(x)) && inRegion(r.key)(x),
        )
  check(
    '104',
    `${r.group} ${r.key}`,
    near(concern(group, r.group !== 'state_corp_region'), r.index),
  )
}
// 109-кесте: overall mean, then seven aspects (the printed columns are shifted by one, README).
for (const r of reference('aspects_by_service')) {
  const group = r.service_code === 'total' ? rows : of(serviceRows, r.service_code)
  const g = scores(group)
  check('109', `${r.service_code} overall`, prints(g.sum, g.rated, r.overall_mean))
  checkAspects('109', r.service_code, group, r)
}
// 122-кесте and the place tables.
for (const r of reference('state_corp_vs_body')) {
  const group = r.service_code === 'total' ? rows : of(serviceRows, r.service_code)
  const corp = scores(group.filter(isCorp))
  const body = scores(group.filter(isBody))
  if (r.state_corp_pct)
    check(
      '122',
      `${r.service_code} corp`,
      prints(corp.counts[5], corp.rated, r.state_corp_pct, 100),
    )
  if (r.state_body_pct)
    check(
      '122',
      `${r.service_code} body`,
      prints(body.counts[5], body.rated, r.state_body_pct, 100),
    )
  if (r.diff_pct) {
    const diff = (100 * corp.counts[5]) / corp.rated - (100 * body.counts[5]) / body.rated
    check('122', `${r.service_code} diff`, near(diff, r.diff_pct))
  }
}
for (const r of reference('service_by_place')) {
  const g = scores(of(serviceRows, r.service_code).filter((x) => x.channel === r.place))
  checkScores('place', `${r.service_code} ${r.place}`, g, r.satisfaction_pct, r.mean_score)
}
// Age tables of services 5, 6, 7.
for (const r of reference('age_tables')) {
  const [lo, hi] = r.age_group.split('-').map(Number)
  const group = of(serviceRows, r.service_code).filter(
    (x) => x.age !== null && x.age >= lo && x.age <= hi,
  )
  const g = scores(group)
  if (r.measure === 'n') check('age', `${r.service_code} ${r.age_group} N`, g.n === Number(r.value))
  else check('age', `${r.service_code} ${r.age_group}`, prints(g.counts[5], g.rated, r.value, 100))
}
// Key drivers: Pearson's r of each aspect with the overall score, per group (3 decimals).
function pearson(pairs: [number, number][]): number {
  const n = pairs.length
  let sx = 0
  let sy = 0
  for (const [x, y] of pairs) {
    sx += x
    sy += y
  }
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (const [x, y] of pairs) {
    sxy += (x - sx / n) * (y - sy / n)
    sxx += (x - sx / n) ** 2
    syy += (y - sy / n) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}
const driverGroup = (r: Row) =>
  r.channel === 'state_corporation'
    ? 'state_corporation'
    : r.level === 'local'
      ? 'local_executive_bodies'
      : 'central_bodies'
for (const r of reference('key_drivers')) {
  const pairs: [number, number][] = []
  for (const x of rows) {
    const v = x.aspects[r.aspect as Aspect]
    if (driverGroup(x) === r.group && x.overall !== null && v !== null) pairs.push([x.overall, v])
  }
  check('drivers', `${r.group} ${r.aspect}`, near(pearson(pairs), r.r))
}

/** Cells matched per table, and why the rest cannot match (docs/sample.md). */
const EXPECTED: Record<string, number> = {
  '1': 165,
  '2': 23,
  '3': 168,
  '5': 69,
  '107': 93,
  '6': 173,
  '7': 69,
  '8': 51,
  '108': 85,
  '111': 16,
  '9': 164,
  '10': 51,
  '17': 51,
  '14': 54,
  '734': 7,
  '15': 151,
  '16': 118,
  '104': 35,
  '109': 446,
  '122': 43,
  place: 49,
  age: 26,
  drivers: 24,
}

describe('the sample prints what the report prints', () => {
  it('prints the tally of cells matched / printed per table', () => {
    const lines = [...tallies].map(
      ([table, t]) => `${table.padEnd(8)} ${String(t.matched).padStart(4)} / ${t.printed}`,
    )
    console.log(`table    matched / printed\n${lines.join('\n')}`)
    for (const [table, t] of tallies) {
      if (t.missed.length) console.log(`${table}: ${t.missed.join('; ')}`)
    }
    expect(tallies.size).toBeGreaterThan(20)
  })

  it.each(Object.keys(EXPECTED))('table %s matches its expected number of cells', (table) => {
    expect(tallies.get(table)?.matched).toBe(EXPECTED[table])
  })

  it('counts every printed cell of each table', () => {
    expect(Object.fromEntries([...tallies].map(([k, t]) => [k, t.printed]))).toEqual(PRINTED)
  })
})
