import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generate2017 } from '../../samples/generate'
import { parseCsv, parseCsvRecords } from '../../samples/generator/csv'

const SAMPLES = new URL('../../samples/', import.meta.url)
const REFERENCE = new URL('../../samples/reference/monitoring-2017/', import.meta.url)
const FILES = ['survey-2017.csv', 'survey-2017.xlsx', 'survey-2017.issues.json']

const HEADER = [
  '№',
  'Сауалнама күні',
  'Қызмет коды',
  'Мемлекеттік көрсетілетін қызмет',
  'Мемлекеттік орган',
  'Өңір',
  'Қызмет алынған орын',
  'Жасы',
  'Жынысы',
  'Қызметке жалпы баға',
  'Ақпараттың ашықтығы мен қолжетімділігі',
  'Алынған ақпараттың айқындылығы мен дұрыстығы',
  'Құжаттарды жинау және тапсыру процесі',
  'Қызмет ұсыну мерзімдері',
  'Қызметкерлердің біліктілігі',
  'Қызметкердің жұмыс істеу шапшаңдығы',
  'Қызметкердің әдептілігі',
  'Қызмет ұсынушыға сенім',
  'Шағым берді',
  'Бейресми сыйақы',
  'Тамыр-таныстарды пайдалану',
  // 16-кесте, one column per condition, asked at the State Corporation only.
  'Күту жағдайы: Күту залы ыңғайсыз, үстелдер жоқ',
  'Күту жағдайы: Отыратын орындар жеткіліксіз',
  'Күту жағдайы: Электрондық кезек жоқ',
  'Күту жағдайы: Қапырық (ыстық, суық) зал',
  'Күту жағдайы: Дәретхана жоқ',
  'Күту жағдайы: Бірнеше кезекте тұруға тура келеді',
  'Күту жағдайы: Басқа да тұрмыстық қолайсыздықтар',
]
const CHANNELS = {
  state_body: 'Мемлекеттік орган',
  state_corporation: 'Мемлекеттік корпорация (ХҚКО)',
  egov_portal: 'Электрондық үкімет порталы',
} as const

interface IssuesFile {
  issues: { row: number; column: string; value: string; replaces: string }[]
  spellings: { row: number; column: string; value: string; means: number | 'yes' | 'no' }[]
}

const reference = (name: string) =>
  parseCsvRecords(readFileSync(new URL(`${name}.csv`, REFERENCE), 'utf8'))
const byService = (rows: Record<string, string>[], key = 'service_code') =>
  new Map(rows.map((r) => [Number(r[key]), r]))

const [header, ...rows] = parseCsv(readFileSync(new URL('survey-2017.csv', SAMPLES), 'utf8'))
const odd: IssuesFile = JSON.parse(
  readFileSync(new URL('survey-2017.issues.json', SAMPLES), 'utf8'),
)
const col = (name: string) => HEADER.indexOf(name)
const at = (sheetRow: number, column: string) => `${sheetRow}|${column}`
const issueAt = new Map(odd.issues.map((i) => [at(i.row, i.column), i]))
const spellingAt = new Map(odd.spellings.map((s) => [at(s.row, s.column), s]))

/** A 1..5 cell as the sample writes it: plain digits, or a spelling listed in issues.json. */
function score(row: number, column: string): number | null {
  const key = at(row + 2, column)
  if (issueAt.has(key)) return null
  const spelling = spellingAt.get(key)
  if (spelling) return spelling.means as number
  const text = rows[row][col(column)]
  if (text === '' || text === 'Жауап беруге қиналамын') return null
  if (!/^[1-5]$/.test(text)) throw new Error(`row ${row + 2} ${column}: unexpected "${text}"`)
  return Number(text)
}

/** Decimals a printed figure shows: "65.0" → 1, "75" → 0. */
const decimals = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0)
const roundTo = (x: number, d: number) => Math.round(x * 10 ** d + 1e-9) / 10 ** d

describe('the 2017 sample survey', () => {
  let outDir: string
  // The calibration takes about a minute of CPU time.
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'sapa-sample-'))
    await generate2017(outDir)
    // Generating the calibrated sample takes about 46 s of CPU; alongside other suites, more.
  }, 900_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it.each(FILES)('regenerating reproduces %s byte for byte', (file) => {
    const fresh = readFileSync(join(outDir, file))
    const committed = readFileSync(new URL(file, SAMPLES))
    expect(fresh.equals(committed)).toBe(true)
  })

  it('has the Kazakh header and 9,517 numbered respondents', () => {
    expect(header).toEqual(HEADER)
    expect(rows).toHaveLength(9517)
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)))
    expect(rows.every((r) => r.length === HEADER.length)).toBe(true)
  })

  it('writes every cell in the documented vocabulary, except the listed ones', () => {
    const services = byService(reference('services'), 'code')
    const regions = new Set(reference('regions').map((r) => r.name_kk))
    const channels = new Set<string>(Object.values(CHANNELS))
    const aspectOk = /^([1-5]|Жауап беруге қиналамын|)$/
    const channelIssue = new Map(
      odd.issues.filter((i) => i.column === 'Қызмет алынған орын').map((i) => [i.row, i.replaces]),
    )
    const replaced = (i: number) => channelIssue.get(i + 2)
    const unexpected: string[] = []
    rows.forEach((r, i) => {
      const s = services.get(Number(r[2]))
      const check = (k: number, ok: boolean) => {
        const key = at(i + 2, HEADER[k])
        if (!ok && !issueAt.has(key) && !spellingAt.has(key)) unexpected.push(`${key}: ${r[k]}`)
      }
      check(1, /^2017-(08|09|10)-\d\d$/.test(r[1]))
      check(3, r[3] === (s?.short_name_kk || s?.name_kk))
      check(4, r[4] === s?.agency_kk)
      check(5, regions.has(r[5]))
      check(6, channels.has(r[6]))
      check(7, /^\d+$/.test(r[7]) && Number(r[7]) >= 18 && Number(r[7]) <= 75)
      check(8, r[8] === 'Ер' || r[8] === 'Әйел')
      check(9, /^[1-5]?$/.test(r[9]))
      for (let k = 10; k < 18; k++) check(k, aspectOk.test(r[k]))
      for (let k = 18; k < 21; k++) check(k, /^(Иә|Жоқ|)$/.test(r[k]))
      // Waiting conditions: answered at the State Corporation only (a few skip the question).
      const corp = (replaced(i) ?? r[6]) === CHANNELS.state_corporation
      for (let k = 21; k < 28; k++) check(k, corp ? /^(Иә|Жоқ|)$/.test(r[k]) : r[k] === '')
    })
    expect(unexpected).toEqual([])
    for (const c of [...odd.issues, ...odd.spellings]) {
      expect(rows[c.row - 2][col(c.column)]).toBe(c.value)
    }
    expect(odd.issues.length).toBeGreaterThanOrEqual(30)
    expect(odd.issues.length).toBeLessThanOrEqual(60)
  })

  it('matches 105-кесте (channel) and 106-кесте (region) per service', () => {
    const channel = byService(reference('sample_by_channel'))
    const region = byService(reference('sample_by_region'))
    const regionName = new Map(reference('regions').map((r) => [r.name_kk, Number(r.code)]))
    const replaced = new Map(
      odd.issues.filter((i) => i.column === 'Қызмет алынған орын').map((i) => [i.row, i.replaces]),
    )
    for (let code = 1; code <= 55; code++) {
      const mine = rows.map((r, i) => ({ r, i })).filter(({ r }) => r[2] === String(code))
      for (const [key, label] of Object.entries(CHANNELS)) {
        const n = mine.filter(({ r, i }) => (replaced.get(i + 2) ?? r[6]) === label).length
        expect(n, `service ${code} ${key}`).toBe(Number(channel.get(code)?.[key]))
      }
      for (let k = 1; k <= 17; k++) {
        const n = mine.filter(({ r }) => regionName.get(r[5]) === k).length
        expect(n, `service ${code} r${k}`).toBe(Number(region.get(code)?.[`r${k}`]))
      }
    }
  })

  it("reproduces each service's overall-score counts, satisfaction and mean", () => {
    const channel = byService(reference('sample_by_channel'))
    const distribution = byService(reference('service_distributions'))
    const rating = byService(reference('rating'), 'values_match_service_code')
    for (let code = 1; code <= 55; code++) {
      const d = distribution.get(code) as Record<string, string>
      const r = rating.get(code) as Record<string, string>
      const sample = Number(channel.get(code)?.total)
      const scores = rows.flatMap((row, i) =>
        row[2] === String(code) ? [score(i, 'Қызметке жалпы баға')] : [],
      )
      const counts = [1, 2, 3, 4, 5].map((k) => scores.filter((x) => x === k).length)
      // Services 13 and 35 print only "100 %": every respondent of 1-кесте's N gave 5.
      const expected =
        d.count_1 === ''
          ? [0, 0, 0, 0, Number(r.n)]
          : [1, 2, 3, 4, 5].map((k) => Number(d[`count_${k}`]))
      expect(counts, `service ${code}`).toEqual(expected)
      const rated = counts.reduce((a, b) => a + b, 0)
      expect(scores.length - rated, `service ${code} unable`).toBe(sample - rated)

      const satisfaction = (100 * counts[4]) / rated
      const mean = counts.reduce((a, c, k) => a + c * (k + 1), 0) / rated
      // Service 33's section omits the mean (README item 9): 1-кесте prints it.
      const printedMean = d.mean_text || r.mean_score
      const printedSat = d.satisfaction_pct_text
      expect(roundTo(satisfaction, decimals(printedSat)), `service ${code}`).toBe(
        Number(printedSat),
      )
      expect(roundTo(mean, decimals(printedMean)), `service ${code}`).toBe(Number(printedMean))
    }
  })
})
