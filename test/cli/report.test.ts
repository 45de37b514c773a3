import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSurvey } from '../../cli/read-survey'
import { main } from '../../cli/sapa'
import { type LocalWorker, startLocalWorker } from '../../cli/wrangler-dev'
import { excelSheetName } from '../../cli/xlsx/sheet-names'
import { columnLabel, type Value } from '../../engine/index'
import type { ReportReply } from '../../protocol/index'
import { buildSheets, MAX_LISTED_ISSUES, sheetRequests, XLSX_LIMITS } from '../../sheets/index'
import { StandInSpreadsheet } from '../support/sheets-api'
import {
  type CliRun,
  gone,
  type RecordingProxy,
  recordingProxy,
  runSapa,
  tableOf,
  workerUrlIn,
} from './support'

const XLSX = 'samples/survey-2017.xlsx'
const CSV = 'samples/survey-2017.csv'
const PREVIOUS = 'samples/survey-2016.csv'
const QUESTIONS = 'samples/survey-2017.questions.json'
const secret = randomBytes(32).toString('hex')

let dir: string
let worker: LocalWorker
let proxy: RecordingProxy
/** `sapa report` on the sample as npm start runs it, its own Worker included. */
let run: CliRun
let inputHash: string
let reply: ReportReply
let output: ExcelJS.Workbook
let input: ExcelJS.Workbook

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-cli-'))
  inputHash = await sha256(XLSX)
  const out = join(dir, 'report.xlsx')
  const json = join(dir, 'report.json')
  // The command starting its own Worker, and a shared one for the in-process runs.
  // Kept as soon as it is up, so afterAll stops it even if the other part fails.
  ;[run] = await Promise.all([
    runSapa([
      'report',
      XLSX,
      '--questions',
      QUESTIONS,
      '--previous',
      PREVIOUS,
      '--out',
      out,
      '--json',
      json,
      '--debug',
    ]),
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }).then((started) => {
      worker = started
    }),
  ])
  proxy = await recordingProxy(worker.url)
  if (run.code !== 0) throw new Error(`sapa failed: ${run.stderr}`)
  reply = JSON.parse(await readFile(json, 'utf8'))
  output = new ExcelJS.Workbook()
  input = new ExcelJS.Workbook()
  await Promise.all([output.xlsx.readFile(out), input.xlsx.readFile(XLSX)])
  // Two Worker startups and two workbook reads: slow on a busy 2-core machine.
}, 120_000)

afterAll(async () => {
  await proxy?.close()
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** The report's sheets as the command line builds them from the reply, for .xlsx. */
const models = () => buildSheets(reply, { generatedAt: '', limits: XLSX_LIMITS })

/** The worksheet made for `table`: the report's sheets follow the input's, in the model's order. */
function sheetOf(table: string): ExcelJS.Worksheet {
  const index = models().findIndex((sheet) => sheet.table === table)
  const worksheet = output.worksheets[input.worksheets.length + index]
  if (index < 0 || !worksheet) throw new Error(`no sheet for ${table}`)
  return worksheet
}

/** Row `r` (1-based) as values, empty cells as null, a link as its text. */
function rowValues(worksheet: ExcelJS.Worksheet, r: number, width: number): Value[] {
  return Array.from({ length: width }, (_, c) => {
    const value = worksheet.getCell(r, c + 1).value as Value | { text: string } | undefined
    if (value !== null && typeof value === 'object') return value.text
    return value === undefined ? null : value
  })
}

describe('sapa report on the sample workbook', () => {
  it('runs as npm start does', async () => {
    const { scripts } = JSON.parse(await readFile('package.json', 'utf8'))
    expect(scripts.start).toBe(
      `node bin/sapa.mjs report ${XLSX} --questions ${QUESTIONS} --previous ${PREVIOUS} --out out/survey-2017-report.xlsx --json out/survey-2017-report.json`,
    )
  })

  it('exits 0, prints the top and bottom five and the files, and stops its Worker', async () => {
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^9,517 respondents, 9,289 rated, satisfaction 65\.9%/)
    const rating = tableOf(reply, 'rating')
    const ranked = rating.rows.filter((row) => typeof row.rank === 'number')
    const services = run.stdout.split('\n').filter((line) => /^\s+\d+\s+\d/.test(line))
    expect(services).toHaveLength(10)
    expect(services[0]).toContain(String(ranked[0].service))
    expect(services[9]).toContain(String(ranked.at(-1)?.service))
    expect(run.stdout).toContain(`Wrote ${join(dir, 'report.xlsx')}`)
    // Rating, distribution by channel, regions, a scatter per driver group, the waves' changes:
    // exceljs writes no charts, and the CLI says so. Ten tables, the questions (16-кесте's
    // waiting conditions), the waves (npm start gives the 2016 wave), the chapters, the issues.
    expect(run.stdout).toContain('and 14 report sheets (8 charts are not carried into .xlsx)')
    expect(run.stdout).toContain(`Wrote ${join(dir, 'report.json')}`)
    // Not a terminal: only the --debug lines, no progress.
    expect(run.stderr).not.toContain('sapa ·')
    const url = workerUrlIn(run.stderr)
    expect(url).toBeDefined()
    expect(await gone(url as string)).toBe(true)
  })

  it('never modifies the input file', async () => {
    expect(await sha256(XLSX)).toBe(inputHash)
  })

  it('writes the Worker response, without the plan it did not ask for; its sheets make a sound plan', () => {
    expect(reply.plan).toBeUndefined()
    expect(reply.summary.respondents).toBe(9517)
    const spreadsheet = new StandInSpreadsheet()
    spreadsheet.batchUpdate(sheetRequests(buildSheets(reply, { generatedAt: '' })))
    expect(spreadsheet.sheets).toHaveLength(14)
  })

  it('keeps the input sheets first, their cells unchanged', () => {
    expect(output.worksheets.slice(0, input.worksheets.length).map((w) => w.name)).toEqual(
      input.worksheets.map((w) => w.name),
    )
    // Every cell's value and number format, compared in one go (200,000 cells).
    const cells = (worksheet: ExcelJS.Worksheet, width: number) => {
      const all: unknown[] = []
      worksheet.eachRow({ includeEmpty: true }, (row, r) => {
        for (let c = 1; c <= width; c++) {
          const cell = row.getCell(c)
          all.push(r, c, cell.value, cell.numFmt)
        }
      })
      return all
    }
    for (const [i, source] of input.worksheets.entries()) {
      const copy = output.worksheets[i]
      expect(copy.rowCount).toBe(source.rowCount)
      expect(copy.columnCount).toBe(source.columnCount)
      expect(cells(copy, source.columnCount)).toEqual(cells(source, source.columnCount))
    }
  })

  it('names the report sheets after their tables, within Excel’s limits', () => {
    const titles = [
      ...reply.tables.filter((t) => t.id !== 'issues').map((t) => t.title),
      'Қызметтер',
      'Деректердегі қателер',
    ]
    const names = output.worksheets.slice(input.worksheets.length).map((w) => w.name)
    expect(names).toHaveLength(titles.length)
    titles.forEach((title, i) => {
      expect(names[i]).toBe(
        excelSheetName(title, [...input.worksheets.map((w) => w.name), ...names.slice(0, i)]),
      )
      expect(names[i].length).toBeLessThanOrEqual(31)
    })
  })

  it('holds every sheet of the model, value for value, with a bold frozen header', () => {
    const sheets = models()
    expect(sheets.length).toBeGreaterThanOrEqual(11)
    for (const sheet of sheets) {
      const worksheet = sheetOf(sheet.table)
      const header = sheet.frozenRows
      expect(worksheet.getCell(header, 1).font?.bold, sheet.table).toBe(true)
      expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header })
      const actual = sheet.values.map((_, r) => rowValues(worksheet, r + 1, sheet.columns))
      expect(actual, sheet.table).toEqual(sheet.values)
    }
  })

  it('shows a table’s labels, not its keys, ▲▼ for significance and its notes under it', () => {
    const regions = tableOf(reply, 'regions')
    const worksheet = sheetOf('regions')
    const header = rowValues(worksheet, 1, 8)
    expect(header.slice(0, 4)).toEqual([
      columnLabel('region', 'kk'),
      columnLabel('n', 'kk'),
      columnLabel('satisfaction', 'kk'),
      '▲▼',
    ])
    const arrow = (sign: Value | undefined) => (sign === 1 ? '▲' : sign === -1 ? '▼' : null)
    regions.rows.forEach((row, i) => {
      expect(worksheet.getCell(i + 2, 4).value ?? null, String(row.region)).toBe(
        arrow(row.sigSatisfaction),
      )
    })
    // The total names itself; the table's notes follow a blank row.
    expect(worksheet.getCell(regions.rows.length + 2, 1).value).toBe('Барлығы')
    const notes = regions.notes ?? []
    expect(notes.length).toBeGreaterThan(0)
    notes.forEach((note, i) => {
      expect(worksheet.getCell(regions.rows.length + 4 + i, 1).value).toBe(note)
    })
    const distribution = sheetOf('distribution')
    expect(rowValues(distribution, 2, 3)).toEqual(['Қызмет алу арнасы', 'Мемлекеттік орган', 6389])
  })

  it('formats percentages, decimals and correlations as the model says, and sizes columns', () => {
    for (const sheet of models().filter((s) => s.table !== 'chapters')) {
      const worksheet = sheetOf(sheet.table)
      sheet.widths.forEach((width, c) => {
        if (width === null) return
        expect(worksheet.getColumn(c + 1).width, `${sheet.table}.${c}`).toBeGreaterThan(5)
      })
      const first = sheet.frozenRows
      sheet.formats[first]?.forEach((format, c) => {
        if (format === null) return
        expect(worksheet.getCell(first + 1, c + 1).numFmt, `${sheet.table}.${c}`).toBe(format)
      })
    }
  })

  it('greys the small-base rows of the rating and notes why', () => {
    const rating = tableOf(reply, 'rating')
    const worksheet = sheetOf('rating')
    const small = rating.rows.flatMap((row, i) => (row.smallBase === true ? [i] : []))
    expect(small.length).toBeGreaterThan(0)
    for (const [i, row] of rating.rows.entries()) {
      const color = worksheet.getCell(i + 2, 2).font?.color?.argb
      expect(color, String(row.service)).toBe(row.smallBase === true ? 'FF999999' : undefined)
    }
    expect(String(worksheet.getCell(small[0] + 2, 1).note)).toMatch(/30/)
  })

  it('colours each aspect row from its weakest to its strongest aspect', () => {
    const aspects = tableOf(reply, 'aspects')
    const worksheet = sheetOf('aspects')
    const header = rowValues(worksheet, 1, aspects.columns.length)
    const first = header.indexOf(columnLabel('infoAccess', 'kk'))
    const last = header.indexOf(columnLabel('trust', 'kk'))
    expect(last - first).toBe(7)
    // exceljs keeps them on the worksheet but leaves them out of its typings.
    const formats = (
      worksheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings
    expect(formats).toHaveLength(aspects.rows.length)
    const refs = formats.map((f) => f.ref).sort()
    const letters = (n: number) => String.fromCharCode(65 + n)
    const expected = aspects.rows.map(
      (_, i) => `${letters(first)}${i + 2}:${letters(last)}${i + 2}`,
    )
    expect(refs).toEqual(expected.sort())
    const rule = formats[0].rules[0] as ExcelJS.ColorScaleRuleType
    expect(rule.type).toBe('colorScale')
    expect(rule.cfvo?.map((v) => v.type)).toEqual(['min', 'percentile', 'max'])
    expect(rule.color?.map((c) => c.argb)).toEqual(['FFF8696B', 'FFFFEB84', 'FF63BE7B'])
  })

  it('links the chapters’ contents to each service’s block', () => {
    const worksheet = sheetOf('chapters')
    const services = tableOf(reply, 'rating').rows.map((row) => row.service)
    const links: { text: string; hyperlink: string }[] = []
    worksheet.eachRow((row) => {
      const value = row.getCell(1).value as { text?: string; hyperlink?: string } | null
      if (value && typeof value === 'object' && value.hyperlink) {
        links.push(value as { text: string; hyperlink: string })
      }
    })
    expect(links.map((link) => link.text).sort()).toEqual([...services].sort())
    for (const link of links) {
      const row = Number(/^#'Қызметтер'!A(\d+)$/.exec(link.hyperlink)?.[1])
      expect(worksheet.getCell(row, 1).value).toBe(link.text)
      expect(worksheet.getCell(row, 1).font?.bold).toBe(true)
    }
  })

  it('lists the data issues under their caption', () => {
    const worksheet = sheetOf('issues')
    expect(String(worksheet.getCell(1, 1).value)).toContain(String(reply.summary.issueCount))
    expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    const listed = reply.issues.slice(0, MAX_LISTED_ISSUES)
    expect(listed.length).toBeGreaterThan(0)
    const rows = listed.map((_, i) => rowValues(worksheet, i + 3, 4))
    expect(rows).toEqual(
      listed.map((issue) => [issue.row, issue.column, issue.value, issue.reason]),
    )
  })
})

describe('sapa report --worker on a CSV', () => {
  it('sends the options, writes the Worker’s exact bytes and the CSV as the first sheet', async () => {
    // The sample's first 2,000 respondents: enough for every table, quick to write and read.
    const csv = join(dir, 'survey-part.csv')
    const lines = (await readFile(CSV, 'utf8')).split('\n')
    await writeFile(csv, `${lines.slice(0, 2001).join('\n')}\n`)
    const out = join(dir, 'csv-report.xlsx')
    const json = join(dir, 'csv-report.json')
    const csvHash = await sha256(csv)
    let stdout = ''
    let stderr = ''
    const code = await main(
      [
        'report',
        csv,
        '--worker',
        proxy.url,
        '--locale',
        'en',
        '--min-base',
        '50',
        '--order',
        'mean',
        '--out',
        out,
        '--json',
        json,
      ],
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        stderrIsTTY: false,
        env: { SAPA_HMAC_SECRET: secret },
      },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('(by mean)')
    expect(proxy.answers).toHaveLength(1)
    expect(await readFile(json)).toEqual(proxy.answers[0])
    const csvReply = JSON.parse(proxy.answers[0].toString('utf8')) as ReportReply
    expect(csvReply.summary).toMatchObject({ locale: 'en', minBase: 50, order: 'mean' })
    expect(await sha256(csv)).toBe(csvHash)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    expect(workbook.worksheets[0].name).toBe('survey-part')
    const fromCsv = await readSurvey(csv)
    const fromOut = await readSurvey(out)
    expect(fromOut.header).toEqual(fromCsv.header)
    expect(fromOut.rows).toHaveLength(2000)
    expect(fromOut.rows).toEqual(fromCsv.rows)
    expect(workbook.worksheets.map((w) => w.name)).toContain('Service rating')
  })
})
