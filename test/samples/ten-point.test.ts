/**
 * The 10-point sample (issue 13): it regenerates byte for byte, and the engine's report with
 * the analyst's declaration (survey-10point.questions.json) builds every table, the questions
 * table for each declared question, and measures on the 1..10 scale that equal plain loops over
 * the CSV (top box = share of 10s, mean, 10-point score = mean, index 0–100).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  index100,
  type Question,
  type Report,
  report,
  type Scale,
  TABLE_IDS,
  type Value,
} from '../../engine/index'
import { generateTenPoint } from '../../samples/generate'
import { row, table } from '../support/tables'

const SAMPLES = new URL('../../samples/', import.meta.url)
const BASE = 'survey-10point'
const FILES = ['csv', 'xlsx', 'issues.json', 'questions.json'].map((ext) => `${BASE}.${ext}`)

const [header, ...rows]: string[][] = parse(readFileSync(new URL(`${BASE}.csv`, SAMPLES), 'utf8'))
const declaration = JSON.parse(
  readFileSync(new URL(`${BASE}.questions.json`, SAMPLES), 'utf8'),
) as { scale: Scale; questions: Question[] }
const written = JSON.parse(readFileSync(new URL(`${BASE}.issues.json`, SAMPLES), 'utf8')) as {
  issues: { row: number; column: string; value: string }[]
}

// ---- plain loops over the CSV --------------------------------------------------------------

const col = (name: string) => {
  const i = header.indexOf(name)
  if (i < 0) throw new Error(`no column ${name}`)
  return i
}
const OVERALL = col('Қызметке жалпы баға')
/** A valid answer is a whole number 1..10 written plainly; anything else is blank or refused. */
const score = (text: string) => (/^(10|[1-9])$/.test(text) ? Number(text) : null)

interface Plain {
  n: number
  counts: number[]
  tens: number
  mean: number
}
function plain(group: string[][], at = OVERALL): Plain {
  const counts = new Array<number>(10).fill(0)
  let sum = 0
  for (const r of group) {
    const s = score(r[at])
    if (s === null) continue
    counts[s - 1]++
    sum += s
  }
  const n = counts.reduce((a, b) => a + b, 0)
  return { n, counts, tens: counts[9] / n, mean: sum / n }
}
const where = (name: string, value: string) => rows.filter((r) => r[col(name)] === value)
const serviceName = (code: string) =>
  where('Қызмет коды', code)[0][col('Мемлекеттік көрсетілетін қызмет')]

// ---- Sapa's report -------------------------------------------------------------------------

let result: Report

describe('the 10-point sample', () => {
  let outDir: string
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'sapa-ten-point-'))
    await generateTenPoint(outDir)
    result = report(
      { header, rows, questions: declaration.questions },
      { scale: declaration.scale },
    )
  }, 120_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it.each(FILES)('regenerating reproduces %s byte for byte', (file) => {
    const fresh = readFileSync(join(outDir, file))
    expect(fresh.equals(readFileSync(new URL(file, SAMPLES)))).toBe(true)
  })

  it('has a few thousand respondents over 70 services, on 1..10', () => {
    expect(rows.length).toBeGreaterThan(3000)
    expect(rows.length).toBeLessThan(7000)
    expect(new Set(rows.map((r) => r[col('Қызмет коды')])).size).toBe(70)
    expect(declaration.scale).toEqual({ min: 1, max: 10 })
    expect(result.summary.respondents).toBe(rows.length)
    expect(result.summary.services).toBe(70)
    expect(result.summary.scale).toEqual({ min: 1, max: 10 })
  })

  it('declares two rated items, a multi and a choice question, and uses every column but the bookkeeping ones', () => {
    expect(declaration.questions.map((q) => q.type).sort()).toEqual([
      'choice',
      'multi',
      'rating',
      'rating',
    ])
    expect(result.summary.questions).toEqual(declaration.questions)
    expect(result.summary.unused).toEqual(['№', 'Сауалнама күні', 'Қызмет коды'])
  })

  it('reports exactly the bad cells written into it', () => {
    expect(result.summary.issueCount).toBe(written.issues.length)
    expect(result.issues.map(({ row, column, value }) => ({ row, column, value }))).toEqual(
      written.issues.map(({ row, column, value }) => ({ row, column, value })),
    )
  })

  it('produces every table (waves needs a previous wave)', () => {
    expect(result.tables.map((t) => t.id)).toEqual(TABLE_IDS.filter((id) => id !== 'waves'))
    for (const t of result.tables) expect(t.rows.length, t.id).toBeGreaterThan(0)
    const distribution = table(result, 'distribution')
    expect(distribution.columns.map((c) => c.key)).toContain('p10')
    expect(distribution.columns.map((c) => c.key)).not.toContain('p0')
  })

  it('gives each declared question its rows in the questions table, equal to plain loops', () => {
    const questions = table(result, 'questions').rows
    for (const q of declaration.questions) {
      const own = questions.filter((r) => r.question === q.key)
      expect(new Set(own.map((r) => r.groupType)), q.key).toEqual(
        new Set(['total', 'service', 'agency', 'region', 'channel', 'corpRegion']),
      )
      const total = own.filter((r) => r.groupType === 'total')
      if (q.type === 'rating') {
        const p = plain(rows, col(q.header as string))
        expect(total).toHaveLength(1)
        expect(total[0].n).toBe(p.n)
        expect(total[0].mean as number).toBeCloseTo(p.mean, 12)
      } else if (q.type === 'choice') {
        const answers = rows.map((r) => r[col(q.header as string)]).filter((a) => a !== '')
        const options = [...new Set(answers)]
        expect(total.map((r) => r.option).sort()).toEqual(options.sort())
        for (const r of total) {
          expect(r.n).toBe(answers.length)
          const chosen = answers.filter((a) => a === r.option).length
          expect(r.share as number).toBeCloseTo(chosen / answers.length, 12)
        }
      } else {
        const headers = q.headers as string[]
        const answered = rows.filter((r) => headers.some((h) => r[col(h)] !== ''))
        expect(total.map((r) => r.option)).toEqual(headers)
        for (const r of total) {
          const yes = answered.filter((x) => x[col(r.option as string)] === 'Иә').length
          expect(r.n).toBe(answered.length)
          expect(r.share as number).toBeCloseTo(yes / answered.length, 12)
        }
      }
    }
  })

  it('measures on 1..10 equal plain loops: top box, mean, 10-point score, index 0–100, distribution', () => {
    const scale = declaration.scale
    const check = (what: string, sapa: Record<string, Value>, p: Plain) => {
      expect(sapa.n, what).toBe(p.n)
      for (let k = 1; k <= 10; k++) {
        expect(sapa[`p${k}`] as number, `${what} p${k}`).toBeCloseTo(p.counts[k - 1] / p.n, 12)
      }
      const counts = Array.from({ length: 10 }, (_, k) => sapa[`n${k + 1}`] as number)
      expect(counts, what).toEqual(p.counts)
      expect(index100(counts, scale) as number, `${what} index`).toBeCloseTo(
        (100 * (p.mean - 1)) / 9,
        10,
      )
    }
    const summary = result.summary
    const distribution = table(result, 'distribution')
    const all = plain(rows)
    expect(summary.satisfaction as number).toBeCloseTo(all.tens, 12)
    expect(summary.mean as number).toBeCloseTo(all.mean, 12)
    check('total', row(distribution, { groupType: 'total' }), all)
    expect(table(result, 'regions').total?.score10 as number).toBeCloseTo(all.mean, 12)

    // Services: one of 2017's, two of the new ones.
    for (const code of ['20', '56', '70']) {
      const name = serviceName(code)
      const p = plain(where('Қызмет коды', code))
      const rated = row(table(result, 'rating'), { service: name })
      expect(rated.n).toBe(p.n)
      expect(rated.satisfaction as number, code).toBeCloseTo(p.tens, 12)
      expect(rated.top2 as number, code).toBeCloseTo((p.counts[8] + p.counts[9]) / p.n, 12)
      expect(rated.mean as number, code).toBeCloseTo(p.mean, 12)
      expect(rated.score10 as number, code).toBeCloseTo(p.mean, 12)
      check(`service ${code}`, row(distribution, { groupType: 'service', group: name }), p)
    }
    // A region, over all respondents and over the local bodies.
    const almaty = where('Өңір', 'Алматы облысы')
    const region = row(table(result, 'regions'), { region: 'Алматы облысы' })
    const p = plain(almaty)
    expect(region.satisfaction as number).toBeCloseTo(p.tens, 12)
    expect(region.mean as number).toBeCloseTo(p.mean, 12)
    expect(region.score10 as number).toBeCloseTo(p.mean, 12)
    const local = plain(
      almaty.filter((r) => r[col('Мемлекеттік орган')] === 'Жергілікті атқарушы органдар'),
    )
    expect(region.localN).toBe(local.n)
    expect(region.localSatisfaction as number).toBeCloseTo(local.tens, 12)
    expect(region.localMean as number).toBeCloseTo(local.mean, 12)
    // The State Corporation, and an agency with its aspects and a rated question.
    const corp = where('Қызмет алынған орын', 'Мемлекеттік корпорация (ХҚКО)')
    check('corp', row(distribution, { groupType: 'channel', group: 'corp' }), plain(corp))
    const agency = 'Ішкі істер министрлігі'
    const mine = where('Мемлекеттік орган', agency)
    check(agency, row(distribution, { groupType: 'agency', group: agency }), plain(mine))
    const aspects = row(table(result, 'aspects'), { groupType: 'agency', group: agency })
    expect(aspects.overall as number).toBeCloseTo(plain(mine).mean, 12)
    expect(aspects.trust as number).toBeCloseTo(plain(mine, col('Қызмет ұсынушыға сенім')).mean, 12)
    expect(aspects.waitingTime as number).toBeCloseTo(
      plain(mine, col('Кезек күту уақыты')).mean,
      12,
    )
  })

  it('ranks trust first among the key drivers, as the 2017 report found', () => {
    const total = table(result, 'drivers').rows.filter((r) => r.group === 'total')
    expect(total.map((r) => r.aspect)).toHaveLength(10)
    expect(total[0].aspect).toBe('trust')
  })
})
