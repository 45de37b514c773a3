/**
 * `sapa report` as a child process against a local Worker (wrangler dev): declared questions
 * and the scale, the previous wave, raking to population margins (one pass and fan-out), the
 * binary body and its signature.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorker, startLocalWorker } from '../../cli/wrangler-dev'
import type { Question } from '../../engine/index'
import { BINARY_CONTENT_TYPE, type ReportReply } from '../../protocol/index'
import { type RecordingProxy, recordingProxy, runSapa, sentBody, tableOf, WAITING } from './support'

const secret = randomBytes(32).toString('hex')
const SERVICE = 'Мемлекеттік көрсетілетін қызмет'

let dir: string
let worker: LocalWorker
let proxy: RecordingProxy

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-analysis-'))
  worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
  proxy = await recordingProxy(worker.url)
}, 120_000)

afterAll(async () => {
  await proxy?.close()
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

interface Scored {
  code: number | null
  stdout: string
  stderr: string
  /** The --json file's bytes and its JSON, when the run wrote it. */
  bytes?: Buffer
  reply?: ReportReply
  /** What went through the proxy during the run. */
  sent: RecordingProxy['sent']
  requests: Buffer[]
}

let runs = 0
/** `sapa report …args --worker <proxy> --json <file>` as a child process. */
async function sapa(args: string[], env: Record<string, string> = {}, through = proxy) {
  const json = join(dir, `run-${++runs}.json`)
  const before = through.sent.length
  const run = await runSapa(['report', ...args, '--worker', through.url, '--json', json], {
    env: { SAPA_HMAC_SECRET: secret, ...env },
  })
  const scored: Scored = {
    ...run,
    sent: through.sent.slice(before),
    requests: through.requests.slice(before),
  }
  if (run.code === 0) {
    scored.bytes = await readFile(json)
    scored.reply = JSON.parse(scored.bytes.toString('utf8')) as ReportReply
  }
  return scored
}

/** A decoded body with its typed arrays as plain arrays, as the JSON form has them. */
const plain = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value, (_, x) => (ArrayBuffer.isView(x) ? Array.from(x as Int8Array) : x)),
  )

/** A CSV's column of that header, read with csv-parse, trimmed, blanks left out. */
async function csvColumn(path: string, header: string): Promise<string[]> {
  const [head, ...rows] = parse(await readFile(path), { bom: true }) as string[][]
  const c = head.indexOf(header)
  return rows.map((row) => row[c].trim()).filter(Boolean)
}

/** An .xlsx's first sheet's column of that header, read with exceljs. */
async function xlsxColumn(path: string, header: string): Promise<string[]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  const sheet = book.worksheets[0]
  const head = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim())
  const c = head.indexOf(header)
  const values: string[] = []
  sheet.eachRow((row, r) => {
    if (r > 1) values.push(String(row.getCell(c).value ?? '').trim())
  })
  return values.filter(Boolean)
}

describe('declared questions and the scale', () => {
  let fromFile: Scored

  it('reads --questions FILE.json: its scale, questions, and options sent as given', async () => {
    fromFile = await sapa([
      'samples/survey-10point.csv',
      '--questions',
      'samples/survey-10point.questions.json',
      '--exclude-driver',
      'trust',
      '--significance',
      'holm',
      '--level',
      '0.01',
    ])
    expect(fromFile.stderr).toBe('')
    expect(fromFile.code).toBe(0)
    const declared = JSON.parse(await readFile('samples/survey-10point.questions.json', 'utf8'))
    const reply = fromFile.reply as ReportReply
    expect(reply.summary.scale).toEqual({ min: 1, max: 10 })
    expect(reply.summary.questions).toEqual(declared.questions)
    expect(sentBody(fromFile.requests[0]).options).toEqual({
      scale: { min: 1, max: 10 },
      significance: { correction: 'holm', level: 0.01 },
      drivers: { exclude: ['trust'] },
    })
    const questions = tableOf(reply, 'questions')
    expect(new Set(questions.rows.map((row) => row.question))).toEqual(
      new Set(declared.questions.map((q: Question) => q.key)),
    )
    const drivers = tableOf(reply, 'drivers')
    const trust = drivers.rows.findIndex((row) => row.aspect === 'trust')
    expect(drivers.rows[trust].importance).toBeNull()
    expect(drivers.reasons?.[`${trust}.importance`]).toBe('left out of the model (drivers.exclude)')
  })

  it('prints the scale, the questions and the columns not used', () => {
    const { stdout } = fromFile
    expect(stdout).toContain('\nScale 1..10: satisfaction is the share who gave 10\n')
    expect(stdout).toMatch(
      /\nQuestions \(key, type ← header\):\n {2}waitingTime +rating ← Кезек күту уақыты\n/,
    )
    expect(stdout).toMatch(
      / {2}infoSources +multi {2}← 5 columns: «Қызмет туралы ақпарат көзі: Интернет-ресурстар», /,
    )
    expect(stdout).toContain('\nNot used: 3 columns, «№», «Сауалнама күні», «Қызмет коды»\n')
    expect(stdout).toContain('Holm correction')
    expect(stdout).toContain('(1 % level,')
  })

  it('gives the same report for the same declaration in --question flags and --scale', async () => {
    const sources = [
      'Қызмет туралы ақпарат көзі: Интернет-ресурстар',
      'Қызмет туралы ақпарат көзі: Таныстар мен туыстар',
      'Қызмет туралы ақпарат көзі: Мемлекеттік органның өзі',
      'Қызмет туралы ақпарат көзі: Бұқаралық ақпарат құралдары',
      'Қызмет туралы ақпарат көзі: Әлеуметтік желілер',
    ]
    const flags = await sapa([
      'samples/survey-10point.csv',
      '--scale',
      '1..10',
      '--question',
      'waitingTime=rating:Кезек күту уақыты',
      '--question',
      'onlineConvenience=rating:Онлайн қызметтің ыңғайлылығы',
      '--question',
      'complaintWay=choice:Шағым қалай берілді',
      // Three headers in one list, two more one at a time.
      '--question',
      `infoSources=multi:${sources.slice(0, 3).join(',')}`,
      '--question',
      `infoSources=multi:${sources[3]}`,
      '--question',
      `infoSources=multi:${sources[4]}`,
      '--exclude-driver',
      'trust',
      '--significance',
      'holm',
      '--level',
      '0.01',
    ])
    expect(flags.code).toBe(0)
    expect(flags.bytes?.equals(fromFile.bytes as Buffer)).toBe(true)
  })

  it('reads a multi question whose headers hold commas (the sample’s waiting conditions)', async () => {
    const run = await sapa([
      'samples/survey-2017.csv',
      '--question',
      `waiting=multi:${WAITING.join(',')}`,
    ])
    expect(run.stderr).toBe('')
    expect(run.reply?.summary.questions).toEqual([
      { key: 'waiting', type: 'multi', headers: WAITING },
    ])
    const rows = tableOf(run.reply, 'questions').rows.filter((row) => row.question === 'waiting')
    // The report's table 16: each condition by State Corporation region.
    expect(new Set(rows.filter((r) => r.groupType === 'corpRegion').map((r) => r.option))).toEqual(
      new Set(WAITING),
    )
    expect(run.stdout).toContain('\nNot used: 3 columns, «№», «Сауалнама күні», «Қызмет коды»\n')
  })

  it.each([
    [
      ['--question', 'waiting=multi:Күту жағдайы: Жарық жоқ'],
      /^sapa: --question waiting=multi:Күту жағдайы: Жарық жоқ: «Күту жағдайы: Жарық жоқ» is not a header of samples\/survey-2017\.csv/,
    ],
    [['--exclude-driver', 'nothing'], /^sapa: --exclude-driver nothing: not a rated item/],
    [['--scale', '1..100'], /^sapa: --scale 1\.\.100: use MIN\.\.MAX/],
    [['--significance', 'tukey'], /^sapa: --significance tukey: use fdr, holm, bonferroni, none/],
  ])(
    'refuses %j with exit 2, naming the flag and value, before any request',
    async (args, message) => {
      const run = await sapa(['samples/survey-2017.csv', ...args])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stderr.split('\n')).toHaveLength(2)
      expect(run.sent).toEqual([])
    },
  )
})

describe('--previous: the waves', () => {
  it('compares the 2016 wave on exactly the services both files contain', async () => {
    const run = await sapa(['samples/survey-2017.xlsx', '--previous', 'samples/survey-2016.csv'])
    expect(run.stderr).toBe('')
    const now = new Set(await xlsxColumn('samples/survey-2017.xlsx', SERVICE))
    const then = new Set(await csvColumn('samples/survey-2016.csv', SERVICE))
    const common = [...now].filter((service) => then.has(service))
    expect(common.length).toBeGreaterThan(0)
    expect(common.length).toBeLessThan(Math.min(now.size, then.size))
    const waves = tableOf(run.reply, 'waves')
    const compared = waves.rows.filter((row) => row.change !== null).map((row) => row.service)
    expect(new Set(compared)).toEqual(new Set(common))
    expect(new Set(waves.rows.map((row) => row.service))).toEqual(new Set([...now, ...then]))
    const previous = run.reply?.summary.previous
    expect(previous?.respondents).toBe((await csvColumn('samples/survey-2016.csv', '№')).length)
    // The report's 2016 headline, 72.8 % and 4.59.
    expect(previous?.satisfaction?.toFixed(3)).toBe('0.728')
    expect(previous?.mean?.toFixed(2)).toBe('4.59')
    const onlyNow = [...now].filter((s) => !then.has(s)).length
    const onlyThen = [...then].filter((s) => !now.has(s)).length
    expect(run.stdout).toContain(
      `Previous wave (samples/survey-2016.csv): 7,892 respondents, satisfaction 72.8%, mean 4.59\n`,
    )
    expect(run.stdout).toContain(
      `  ${common.length} services in both waves; ${onlyNow} only in this one, ${onlyThen} only in the previous one (not compared)\n`,
    )
    const total = waves.total as Record<string, number>
    const points = `${total.change < 0 ? '−' : '+'}${Math.abs(total.change * 100).toFixed(1)} points`
    expect(run.stdout).toContain(
      `On the common services, standardised to this wave's mix: satisfaction ${(total.satisfaction * 100).toFixed(1)}% against ${(total.previousSatisfaction * 100).toFixed(1)}%, ${points}`,
    )
  })
})

describe('--previous: what is refused before any request', () => {
  it.each([
    [
      ['--previous', 'samples/survey-2015.csv'],
      3,
      'sapa: --previous samples/survey-2015.csv: file not found\n',
    ],
    [
      ['--previous', 'samples/survey-2016.xlsx', '--out', 'samples/survey-2016.xlsx'],
      2,
      'sapa: --out samples/survey-2016.xlsx is the previous wave (--previous), which sapa never overwrites\n',
    ],
    [
      ['--previous', 'samples/margins-regions-2017.csv'],
      3,
      /^sapa: samples\/margins-regions-2017\.csv: Required column "service"/,
    ],
  ])('%j exits %i', async (args, code, message) => {
    const run = await sapa(['samples/survey-2017.csv', ...args])
    expect(run.code).toBe(code)
    if (typeof message === 'string') expect(run.stderr).toBe(message)
    else expect(run.stderr).toMatch(message)
    expect(run.sent).toEqual([])
  })
})

describe('--margins: raking to population margins', () => {
  let once: Scored

  it('rakes the sample to the regional margins: achieved shares are the targets', async () => {
    once = await sapa([
      'samples/survey-2017.csv',
      '--margins',
      'samples/margins-regions-2017.csv',
      '--previous',
      'samples/survey-2016.csv',
    ])
    expect(once.stderr).toBe('')
    expect(once.sent.map((s) => s.path)).toEqual(['/v1/report'])
    const targets = new Map(
      (
        parse(await readFile('samples/margins-regions-2017.csv'), { columns: true }) as {
          role: string
          category: string
          share: string
        }[]
      ).map((row) => [`${row.role}/${row.category}`, Number(row.share)]),
    )
    const weighting = once.reply?.summary.weighting
    expect(weighting?.converged).toBe(true)
    expect(weighting?.margins).toHaveLength(targets.size)
    for (const margin of weighting?.margins ?? []) {
      const target = targets.get(`${margin.role}/${margin.category}`) as number
      // The engine divides the shares by their sum (1 ± 1e-6): the same to rounding here.
      expect(margin.target).toBeCloseTo(target, 15)
      expect(Math.abs(margin.achieved - target)).toBeLessThanOrEqual(1e-9)
    }
    expect(once.stdout).toContain(
      `Raked to the margins of region (${targets.size} categories): converged in ${weighting?.iterations} iteration`,
    )
    expect(once.stdout).toContain(
      `  efficiency ${weighting?.efficiency.toFixed(3)}, design effect ${weighting?.designEffect.toFixed(2)}, weights `,
    )
  })

  it('rakes a fan-out in two rounds to exactly the report of one pass', async () => {
    const chunked = await sapa(
      [
        'samples/survey-2017.csv',
        '--margins',
        'samples/margins-regions-2017.csv',
        '--previous',
        'samples/survey-2016.csv',
        '--debug',
      ],
      { SAPA_CHUNK_ROWS: '2500' },
    )
    expect(chunked.code).toBe(0)
    expect(chunked.stderr).toContain('sent in 4 chunks')
    // Raking samples, then every chunk of both waves, then the states: the chunks binary.
    const paths = chunked.sent.map((s) => s.path)
    expect(paths.slice(0, 4)).toEqual(Array(4).fill('/v1/rake-sample'))
    expect(paths.slice(4, -1)).toEqual(Array(4 + 4).fill('/v1/aggregate'))
    expect(paths.at(-1)).toBe('/v1/report')
    expect(chunked.sent.slice(0, -1).map((s) => s.contentType)).toEqual(
      Array(12).fill(BINARY_CONTENT_TYPE),
    )
    const last = sentBody(chunked.requests.at(-1) as Buffer)
    // The report's options only: the margins went with the chunks.
    expect(Object.keys(last).sort()).toEqual(['previous', 'states'])
    expect((last.previous as { states: unknown[] }).states).toHaveLength(4)
    expect(chunked.bytes?.equals(once.bytes as Buffer)).toBe(true)
  })

  it('applies trimming bounds, and says when the margins and the bounds cannot both be met', async () => {
    // Raked on region alone, every respondent of a region has its region's weight: bounds
    // that bind leave the margins unmet, and the summary must say so rather than hide it.
    const run = await sapa([
      'samples/survey-2017.csv',
      '--margins',
      'samples/margins-regions-2017.csv',
      '--trim',
      '0.6..2',
    ])
    expect(run.code).toBe(0)
    expect(sentBody(run.requests[0]).options).toEqual({
      weighting: { margins: { region: expect.any(Object) }, trim: { min: 0.6, max: 2 } },
    })
    const weighting = run.reply?.summary.weighting
    expect(weighting?.trimmed).toBeGreaterThan(0)
    expect(weighting?.converged).toBe(false)
    expect(weighting?.outside).toBeGreaterThan(0)
    expect(run.stdout).toContain(
      `: NOT converged after ${weighting?.iterations} iterations (largest error ${weighting?.maxError.toPrecision(2)})\n`,
    )
    expect(run.stdout).toContain(
      `; ${weighting?.trimmed.toLocaleString('en-US')} respondents held at a trimming bound, ${weighting?.outside.toLocaleString('en-US')} still outside them\n`,
    )
  })

  it('names the line and value of a bad margins file, exit 3, before any request', async () => {
    const run = await sapa(['samples/survey-2017.csv', '--margins', 'samples/survey-2016.csv'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(
      /^sapa: --margins samples\/survey-2016\.csv: line 1: the header must name role, category and share/,
    )
    expect(run.sent).toEqual([])
  })
})

describe('the binary body', () => {
  let binary: Scored

  it('is what the command line sends, and gives the report the JSON body gives, byte for byte', async () => {
    binary = await sapa(['samples/survey-2017.csv'])
    const json = await sapa(['samples/survey-2017.csv', '--json-body'])
    expect(binary.sent).toEqual([
      { path: '/v1/report', contentType: BINARY_CONTENT_TYPE, status: 200 },
    ])
    expect(binary.requests[0].subarray(0, 4).toString('latin1')).toBe('SAPA')
    expect(json.sent).toEqual([
      { path: '/v1/report', contentType: 'application/json', status: 200 },
    ])
    // The same survey either way, the binary form the smaller.
    expect(plain(sentBody(binary.requests[0]))).toEqual(sentBody(json.requests[0]))
    expect(binary.requests[0].length).toBeLessThan(json.requests[0].length)
    expect(binary.bytes?.equals(json.bytes as Buffer)).toBe(true)
  })

  it('is signed over its bytes: one byte changed on the way is refused (401)', async () => {
    const tampering = await recordingProxy(worker.url)
    try {
      // The last code of the data: the JSON part is untouched, so only the signature can tell.
      tampering.tamper = (body) => {
        const copy = Buffer.from(body)
        const at = copy.length - 1 - [...copy].reverse().findIndex((b) => b !== 0)
        copy[at] ^= 1
        return copy
      }
      const run = await sapa(['samples/survey-2017.csv'], {}, tampering)
      expect(run.sent).toEqual([
        { path: '/v1/report', contentType: BINARY_CONTENT_TYPE, status: 401 },
      ])
      expect(run.code).toBe(4)
      expect(run.stderr).toMatch(
        /^sapa: Worker at http:\/\/127\.0\.0\.1:\d+ answered 401 unauthorized: /,
      )
    } finally {
      await tampering.close()
    }
  })
})
