/**
 * The previous wave, "2016" (issue 16): it regenerates byte for byte, shares the 2017 sheet's
 * header (so `--previous` reads it like 2017), covers 40 of 2017's services and 10 others, and
 * its overall satisfaction and mean, by plain loops over the CSV, print as the report's 2016
 * headline (line 172): 72.8 % and 4.59.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateWave2016 } from '../../samples/generate'
import { prints } from './printed'

const SAMPLES = new URL('../../samples/', import.meta.url)
const FILES = ['survey-2016.csv', 'survey-2016.xlsx']
const read = (name: string): string[][] => parse(readFileSync(new URL(name, SAMPLES), 'utf8'))

const [header, ...rows] = read('survey-2016.csv')
const [header2017, ...rows2017] = read('survey-2017.csv')
const col = (name: string) => header.indexOf(name)

describe('the "2016" wave', () => {
  let outDir: string
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'sapa-2016-'))
    await generateWave2016(outDir)
  }, 120_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it.each(FILES)('regenerating reproduces %s byte for byte', (file) => {
    const fresh = readFileSync(join(outDir, file))
    expect(fresh.equals(readFileSync(new URL(file, SAMPLES)))).toBe(true)
  })

  it('has the 2017 header and numbered respondents', () => {
    expect(header).toEqual(header2017)
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)))
    expect(rows.every((r) => r.length === header.length)).toBe(true)
    expect(rows.every((r) => r[1].startsWith('2016-'))).toBe(true)
  })

  it('prints the report’s 2016 headline: 72.8 % satisfied, mean 4.59', () => {
    let rated = 0
    let fives = 0
    let sum = 0
    for (const r of rows) {
      const text = r[col('Қызметке жалпы баға')]
      if (text === '') continue
      expect(text).toMatch(/^[1-5]$/)
      rated++
      sum += Number(text)
      if (text === '5') fives++
    }
    expect(rated).toBeGreaterThan(0.95 * rows.length)
    expect(prints(fives, rated, '72.8', 100)).toBe(true)
    expect(prints(sum, rated, '4.59')).toBe(true)
  })

  it('covers 40 of 2017’s services, by the same names, and 10 others', () => {
    const services = (r: string[][], h: string[]) =>
      new Map(
        r.map((x) => [
          x[h.indexOf('Қызмет коды')],
          x[h.indexOf('Мемлекеттік көрсетілетін қызмет')],
        ]),
      )
    const now = services(rows2017, header2017)
    const then = services(rows, header)
    const common = [...then.keys()].filter((code) => now.has(code))
    expect(then.size).toBe(50)
    expect(common).toHaveLength(40)
    for (const code of common) expect(then.get(code), code).toBe(now.get(code))
    const names2017 = new Set(now.values())
    const others = [...then].filter(([code]) => !now.has(code))
    expect(others.every(([, name]) => !names2017.has(name))).toBe(true)
  })
})
