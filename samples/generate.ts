/**
 * @module Writes the bundled samples: the 2017 survey (samples/survey-2017.csv, .xlsx and
 * .issues.json), the 10-point survey (survey-10point.*), the previous wave (survey-2016.*) and
 * the regional population margins (margins-regions-2017.csv).
 *
 * The 2017 survey: 9,517 synthetic respondents calibrated to the public monitoring report of
 * 2017 (see samples/reference/README.md). The same seeds give the same bytes on every run.
 *
 * @example
 * npx tsx samples/generate.ts            # into samples/
 * npx tsx samples/generate.ts /tmp/out   # elsewhere
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { calibrateAspects } from './generator/aspect-tables'
import { drawAspects } from './generator/aspects'
import { calibrateBarriers, drawBarriers } from './generator/barriers'
import { formatCsv } from './generator/csv'
import { MARGINS_FILE, regionMargins } from './generator/margins'
import {
  aspectDeviations,
  barrierShares,
  driverChecks,
  localRegionChecks,
  serviceChecks,
} from './generator/measure'
import { type IssuesFile, planGaps, planSpellings } from './generator/oddities'
import { loadReference, type Reference } from './generator/reference'
import { drawRespondents } from './generator/respondents'
import { calibrateScores, type ScoreFit } from './generator/scores'
import { COL, HEADER, sheetRows } from './generator/sheet'
import { buildTenPoint, TEN_POINT_BASE, TEN_POINT_DECLARATION } from './generator/ten-point'
import { drawWaiting, WAITING_HEADERS } from './generator/waiting'
import { buildWave2016, WAVE_2016_BASE } from './generator/wave-2016'
import { workbookBytes, type XlsxColumn } from './generator/xlsx'

const SEED = 'sapa/monitoring-2017/v1'
const SHEET_NAME = 'Жауаптар'
const FILE_BASE = 'survey-2017'

const WIDTHS = [7, 12, 8, 60, 40, 28, 30, 7, 8, 10, 12, 12, 12, 12, 12, 12, 12, 12, 10, 10, 10]
WIDTHS.push(...WAITING_HEADERS.map(() => 14))

export interface Sample {
  reference: Reference
  header: readonly string[]
  rows: string[][]
  csv: string
  issues: IssuesFile
  /** Calibration measures, computed on the model the cells were written from. */
  measures: ReturnType<typeof measure> & {
    scoreFit: ScoreFit
    barrierMisses: string[]
    aspectMisses: string[]
  }
}

function measure(
  reference: Reference,
  respondents: Parameters<typeof serviceChecks>[1],
  aspects: (number | null)[][],
  barriers: (boolean | null)[][],
  sigma: unknown,
) {
  return {
    services: serviceChecks(reference, respondents),
    drivers: driverChecks(reference, respondents, aspects),
    aspects: aspectDeviations(reference, respondents, aspects),
    barriers: barrierShares(reference, respondents, barriers),
    localRegions: localRegionChecks(reference, respondents),
    sigma,
  }
}

/** Builds the sample in memory. */
function buildSample(reference: Reference = loadReference()): Sample {
  const respondents = drawRespondents(reference, SEED)
  const taken = new Set<string>()
  const gaps = planGaps(respondents, SEED, taken)
  const rowsWithIssue = (column: number) =>
    new Set(gaps.issues.filter((c) => c.column === column).map((c) => c.row))
  const scoreFit = calibrateScores(
    reference,
    respondents,
    rowsWithIssue(COL.channel),
    rowsWithIssue(COL.overall),
    SEED,
  )
  const { values: aspects, sigma } = drawAspects(reference, respondents, gaps.aspectStates, SEED)
  const barriers = drawBarriers(respondents, gaps.barrierUsable, SEED)
  const barrierMisses = calibrateBarriers(
    reference,
    respondents,
    barriers,
    rowsWithIssue(COL.channel),
    SEED,
  )
  const aspectMisses = calibrateAspects({
    reference,
    respondents,
    values: aspects,
    barriers,
    noChannel: rowsWithIssue(COL.channel),
    seed: SEED,
  })
  const spellings = planSpellings(respondents, aspects, barriers, SEED, taken)
  const waiting = drawWaiting(reference, respondents, rowsWithIssue(COL.channel), SEED)

  const rows = sheetRows({
    respondents,
    regionNames: new Map(reference.regions.map((r) => [r.code, r.name])),
    aspects,
    hardToSay: gaps.aspectStates.map((states) => states.map((s) => s === 'hardToSay')),
    barriers,
    waiting,
    overrides: [...gaps.issues, ...spellings],
  })
  const byPosition = (a: { row: number; column: number }, b: { row: number; column: number }) =>
    a.row - b.row || a.column - b.column
  const issues: IssuesFile = {
    about:
      'Cells of survey-2017.csv/.xlsx written on purpose. "issues": bad cells the engine must ' +
      'report (row = sheet row, header = row 1; column = header text; replaces = what the cell ' +
      'would otherwise hold, "" for blank). "spellings": valid cells in unusual spellings and ' +
      'what they mean. Only these cells deviate from plain integers, Иә/Жоқ, blanks and ' +
      `«Жауап беруге қиналамын»; column "${HEADER[COL.date]}" is not a scored role.`,
    issues: [...gaps.issues].sort(byPosition).map((c) => ({
      row: c.row + 2,
      column: HEADER[c.column],
      value: c.value,
      replaces: c.replaces,
    })),
    spellings: [...spellings].sort(byPosition).map((c) => ({
      row: c.row + 2,
      column: HEADER[c.column],
      value: c.value,
      means: c.means,
    })),
  }
  return {
    reference,
    header: HEADER,
    rows,
    csv: formatCsv([HEADER, ...rows]),
    issues,
    measures: {
      ...measure(reference, respondents, aspects, barriers, sigma),
      scoreFit,
      barrierMisses,
      aspectMisses,
    },
  }
}

const XLSX_COLUMNS: XlsxColumn[] = HEADER.map((header, i) => ({
  header,
  width: WIDTHS[i],
  ...(i === COL.date ? { kind: 'date' as const } : {}),
}))

/** Writes survey-2017.csv, survey-2017.xlsx and survey-2017.issues.json into outDir. */
export async function generate2017(outDir: string, reference = loadReference()): Promise<Sample> {
  const sample = buildSample(reference)
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, `${FILE_BASE}.csv`), sample.csv)
  writeFileSync(
    join(outDir, `${FILE_BASE}.xlsx`),
    await workbookBytes(SHEET_NAME, XLSX_COLUMNS, sample.rows),
  )
  writeFileSync(
    join(outDir, `${FILE_BASE}.issues.json`),
    `${JSON.stringify(sample.issues, null, 2)}\n`,
  )
  return sample
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
const plainColumns = (header: readonly string[]): XlsxColumn[] =>
  header.map((h, i) => ({
    header: h,
    width: Math.min(40, Math.max(8, Math.ceil(h.length * 0.8))),
    ...(i === 1 ? { kind: 'date' as const } : {}),
  }))

/**
 * Writes the 10-point sample: survey-10point.csv, .xlsx, .issues.json and .questions.json
 * (the declaration of its scale and questions).
 */
export async function generateTenPoint(outDir: string, reference = loadReference()) {
  const sample = buildTenPoint(reference)
  mkdirSync(outDir, { recursive: true })
  const file = (ext: string) => join(outDir, `${TEN_POINT_BASE}.${ext}`)
  writeFileSync(file('csv'), formatCsv([sample.header, ...sample.rows]))
  writeFileSync(
    file('xlsx'),
    await workbookBytes(SHEET_NAME, plainColumns(sample.header), sample.rows),
  )
  writeFileSync(file('issues.json'), json(sample.issues))
  writeFileSync(file('questions.json'), json(TEN_POINT_DECLARATION))
  return sample
}

/** Writes the previous wave: survey-2016.csv and .xlsx. */
export async function generateWave2016(outDir: string, reference = loadReference()) {
  const sample = buildWave2016(reference)
  mkdirSync(outDir, { recursive: true })
  const file = (ext: string) => join(outDir, `${WAVE_2016_BASE}.${ext}`)
  writeFileSync(file('csv'), formatCsv([sample.header, ...sample.rows]))
  writeFileSync(file('xlsx'), await workbookBytes(SHEET_NAME, XLSX_COLUMNS, sample.rows))
  return sample
}

/** Writes margins-regions-2017.csv: regional population shares to rake the 2017 sample to. */
export function generateMargins(outDir: string, reference = loadReference()) {
  const rows = regionMargins(reference)
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, MARGINS_FILE), formatCsv(rows))
  return rows
}

/** Writes every bundled sample into outDir. */
export async function generate(outDir: string): Promise<Sample> {
  // Each sample reads the reference afresh: none depends on what another's generation did.
  const sample = await generate2017(outDir)
  await generateTenPoint(outDir)
  await generateWave2016(outDir)
  generateMargins(outDir)
  return sample
}

const fmt = (x: number, d = 2) => x.toFixed(d)

function printSummary(sample: Sample) {
  const m = sample.measures
  const bothMatch = m.services.filter((s) => s.satisfactionMatches && s.meanMatches)
  console.log(`rows: ${sample.rows.length}`)
  console.log(`services matching printed satisfaction and mean: ${bothMatch.length}/55`)
  for (const s of m.services.filter((x) => !x.satisfactionMatches || !x.meanMatches)) {
    console.log(
      `  service ${s.code}: ${fmt(s.satisfactionPct, 1)} % / ${fmt(s.mean)} vs ${s.printedSatisfaction} / ${s.printedMean}`,
    )
  }
  console.log('driver correlations (achieved vs report):')
  for (const d of m.drivers)
    console.log(`  ${d.group} ${d.aspect}: ${fmt(d.r, 3)} vs ${fmt(d.printed, 3)}`)
  // Service 1's printed courtesy (4.55) is the speed cell shifted (README): its own table's 4.63 is used.
  const compared = m.aspects.filter((a) => !(a.code === 1 && a.aspect === 'staff_courtesy'))
  const deviations = compared
    .map((a) => ({ ...a, deviation: Math.abs(a.achieved - a.printed) }))
    .sort((a, b) => b.deviation - a.deviation)
  console.log(`aspect means vs 109-кесте (${compared.length} cells), largest deviations:`)
  for (const a of deviations.slice(0, 5)) {
    console.log(`  service ${a.code} ${a.aspect}: ${fmt(a.achieved, 4)} vs ${a.printed}`)
  }
  const exact = compared.filter((a) => Math.round(a.achieved * 100) / 100 === a.printed).length
  console.log(`  equal at two decimals: ${exact}/${compared.length}`)
  const barrierMiss = m.barriers.filter((b) => Math.round(b.achievedPct * 10) / 10 !== b.printedPct)
  console.log(`barrier shares differing from 3-кесте at one decimal: ${barrierMiss.length}/165`)
  for (const b of barrierMiss)
    console.log(`  service ${b.code} ${b.barrier}: ${fmt(b.achievedPct, 2)} vs ${b.printedPct}`)
  console.log('local bodies by region (satisfaction %, mean) vs 8-кесте:')
  for (const r of m.localRegions) {
    console.log(
      `  r${r.region}: ${fmt(r.satisfactionPct, 1)} / ${fmt(r.mean)} vs ${r.printedSatisfactionPct} / ${r.printedMean}`,
    )
  }
  console.log(
    `barriers: ${m.barrierMisses.length} printed cells missed: ${m.barrierMisses.join(', ')}`,
  )
  console.log(
    `aspects: ${m.aspectMisses.length} printed cells missed: ${m.aspectMisses.join(', ')}`,
  )
  console.log(`overall scores: ${m.scoreFit.missing.length} printed cells missed`)
  for (const label of m.scoreFit.missing) console.log(`  ${label}`)
  console.log(
    `bad cells: ${sample.issues.issues.length}, unusual spellings: ${sample.issues.spellings.length}`,
  )
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? fileURLToPath(new URL('.', import.meta.url)))
  const started = performance.now()
  const sample = await generate(outDir)
  printSummary(sample)
  console.log(
    `wrote ${outDir}/${FILE_BASE}.{csv,xlsx,issues.json}, ${TEN_POINT_BASE}.{csv,xlsx,issues.json,questions.json}, ${WAVE_2016_BASE}.{csv,xlsx} and ${MARGINS_FILE} in ${Math.round(performance.now() - started)} ms`,
  )
}
