/**
 * @module The calls to the Worker: the survey (and the previous wave) as the binary body
 * (`application/vnd.sapa.survey`), in chunks when large, with the user's ID token; raking in a
 * fan-out in two rounds; a 502/503/504 sent again (3 attempts in all, as the command line
 * does); replies checked. Plain TypeScript over the platform's Http.
 */
import {
  type Cell,
  type Mapping,
  mergeRakeSamples,
  type PartialState,
  type Question,
  questionColumns,
  type ReportOptions,
  type WeightingOptions,
} from '../../../engine/index'
import {
  type AggregateBody,
  aggregateBody,
  BINARY_CONTENT_TYPE,
  type BinaryBodyInput,
  chunkPlan,
  encodeBinaryBody,
  encodeColumns,
  fitsOneRequest,
  isAggregateReply,
  isRakeSampleReply,
  isReportReply,
  type ReportReply,
  selectColumns,
  statesBody,
  surveyBody,
  surveyLength,
} from '../../../protocol/index'
import type { Http, HttpRequest, HttpResponse, Platform } from '../platform/types'
import type { MessageKey, Translate } from '../shared/messages'
import { cleanMapping, previousMapping, type Settings } from '../shared/settings'
import { internDates } from './dates'

/** A failure the analyst can act on, shown as a dialog. */
export class WorkerError extends Error {
  override name = 'WorkerError'
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message)
  }
}

/** Proxies' "try again" answers; the Worker's routes are pure, so sending again is safe. */
const TRANSIENT_STATUS = new Set([502, 503, 504])
export const ATTEMPTS = 3
const RETRY_WAIT_MS = 100

/** What Regenerate read from the workbook: the responses, and the previous wave's sheet. */
export interface ReportInput {
  /** The responses sheet's values, header row first. */
  values: Cell[][]
  /** The previous wave's sheet's values, header row first. */
  previous?: Cell[][]
  /** Population margins (and the settings' trimming bounds), when the survey is raked. */
  weighting?: WeightingOptions
}

export interface ReportResult {
  reply: ReportReply
  /** Headers of the responses sheet the report did not read: not sent, or sent and unused. */
  unused: string[]
}

/**
 * POST /v1/report with the add-on user's Google ID token. A survey too large for one request
 * (DESIGN §6) goes first in chunks to /v1/aggregate, all at once (after /v1/rake-sample when
 * raked), and then their states to /v1/report.
 */
export function requestReport(
  platform: Platform,
  settings: Settings,
  input: ReportInput,
  t: Translate,
): ReportResult {
  const token = platform.identityToken()
  // Never "Bearer null": the Worker would refuse it, and the analyst would not learn why.
  if (token === null) throw new WorkerError(t('noToken.title'), t('noToken.message'))
  const survey = readColumns(input.values, cleanMapping(settings.mapping), settings.questions)
  const [previousHeader = []] = input.previous ?? []
  const previous =
    input.previous &&
    readColumns(
      input.previous,
      previousMapping(cleanMapping(settings.mapping), previousHeader.map(headerText)),
      [],
    )
  const options = reportOptions(settings)
  const chunk = { scale: settings.scale, weighting: input.weighting }
  const client = { platform, token, t, base: settings.workerUrl }
  const url = `${settings.workerUrl}/v1/report`
  // Each wave planned once: the plan decides, and gives the chunks when fanning out.
  const plan = chunkPlan(survey)
  const previousPlan = previous && chunkPlan(previous)
  // With a previous wave, both waves must fit in one request together (half its bytes each).
  const fanOut = plan.length > 1 || (previous !== undefined && !fitsOneRequest(survey, previous))
  let reply: unknown
  if (fanOut) {
    const states = aggregateChunks(
      client,
      { survey, plan },
      chunk,
      previous && previousPlan && { survey: previous, plan: previousPlan },
    )
    const body = statesBody(states.current, options, states.previous && { states: states.previous })
    // Only states: no codes to carry, so plain JSON.
    ;[reply] = send(client, [call(url, token, { json: body })])
  } else {
    const body = {
      ...survey,
      options: { ...options, ...(chunk.weighting ? { weighting: chunk.weighting } : {}) },
      ...(previous ? { previous } : {}),
    }
    ;[reply] = send(client, [call(url, token, { binary: body })])
  }
  if (!isReportReply(reply)) {
    throw new WorkerError(t('worker.broken.title'), t('worker.noTables', { name: url }))
  }
  return { reply, unused: unusedColumns(input.values[0] ?? [], survey.header, reply) }
}

/** The report options of the settings (the Issues table always). */
function reportOptions(settings: Settings): ReportOptions {
  return {
    locale: settings.locale,
    minBase: settings.minBase,
    order: settings.order,
    tables: [...settings.tables, 'issues'],
    scale: settings.scale,
    significance: settings.significance,
    ...(settings.driversExclude.length > 0
      ? { drivers: { exclude: [...settings.driversExclude] } }
      : {}),
  }
}

/** A survey as sent: its columns coded once, for the one request or every chunk. */
type Survey = ReturnType<typeof surveyBody>

/**
 * Only the columns the report reads (each role's, as the Worker detects them, and the declared
 * questions'), with the mapping written out so the Worker reads them as selected; every row
 * kept, so data issues keep their sheet rows. A mapping the Worker will refuse (a header not
 * in the sheet) goes as it is, with every column, so that the Worker's message names the
 * headers.
 */
function readColumns(values: Cell[][], mapping: Mapping, questions: Question[]): Survey {
  const [header = [], ...rows] = values
  const declared = questions.flatMap(questionColumns)
  // The mapping written out names no question's column (selectColumns leaves them out).
  const selected = selectColumns({ header, rows, mapping }, declared) as {
    header: Cell[]
    rows: Cell[][]
    mapping?: Mapping
  }
  // Interned after the selection: only the dates of the columns sent are looked at.
  const [sentHeader = [], ...sentRows] = internDates([selected.header, ...selected.rows])
  return surveyBody({
    header: sentHeader,
    columns: encodeColumns(sentHeader, sentRows),
    mapping: selected.mapping ?? {},
    questions,
  })
}

const headerText = (cell: Cell) => String(cell ?? '').trim()

/** Non-blank headers of the sheet the report did not read: not sent, or unused by the Worker. */
function unusedColumns(sheetHeader: Cell[], sent: Cell[], reply: ReportReply): string[] {
  const sentTexts = new Set(sent.map(headerText))
  const unused = sheetHeader.map(headerText).filter((h) => h !== '' && !sentTexts.has(h))
  for (const header of reply.summary.unused ?? []) {
    if (!unused.includes(header)) unused.push(header)
  }
  return unused
}

interface Client {
  platform: Platform
  token: string
  t: Translate
  base: string
}

/**
 * Each chunk's partial state, in order, and the previous wave's. Raked, the chunks first go to
 * /v1/rake-sample; their samples merged are the whole survey's, which every chunk is then
 * aggregated with, so each rakes to the weights of one pass. The chunks of both waves are
 * aggregated in one fetchAll.
 */
function aggregateChunks(
  client: Client,
  current: Planned,
  options: { scale: Settings['scale']; weighting?: WeightingOptions },
  previous?: Planned,
): { current: PartialState[]; previous?: PartialState[] } {
  const { t } = client
  const bodies = current.plan.map((range) => aggregateBody(current.survey, range, options))
  if (options.weighting) {
    const calls = bodies.map((body) => chunkCall(client, '/v1/rake-sample', body))
    const samples = send(client, calls).map((reply, i) => {
      if (!isRakeSampleReply(reply)) {
        throw new WorkerError(
          t('worker.broken.title'),
          t('worker.noSample', { name: calls[i].name }),
        )
      }
      return reply.sample
    })
    const sample = samples.reduce(mergeRakeSamples)
    for (const body of bodies) body.options.weighting = { ...options.weighting, sample }
  }
  const before = previous
    ? previous.plan.map((range) => aggregateBody(previous.survey, range, { scale: options.scale }))
    : []
  const calls = [...bodies, ...before].map((body) => chunkCall(client, '/v1/aggregate', body))
  const states = send(client, calls).map((reply, i) => {
    if (!isAggregateReply(reply)) {
      throw new WorkerError(t('worker.broken.title'), t('worker.noState', { name: calls[i].name }))
    }
    return reply.state
  })
  return {
    current: states.slice(0, bodies.length),
    previous: previous ? states.slice(bodies.length) : undefined,
  }
}

/** A survey with its chunkPlan. */
interface Planned {
  survey: Survey
  plan: [number, number][]
}

function chunkCall(client: Client, path: string, body: AggregateBody): Call {
  const first = body.options.firstRow
  const rows = client.t('worker.rows', { first, last: first + surveyLength(body) - 1 })
  return call(`${client.base}${path}`, client.token, { binary: body }, rows)
}

/** A request and how messages name it (the URL, with the rows for a chunk). */
interface Call {
  name: string
  request: HttpRequest
}

/** A POST of `body` as JSON, or as the binary body (its columns' codes as typed arrays). */
function call(
  url: string,
  token: string,
  body: { json: unknown } | { binary: BinaryBodyInput },
  rows?: string,
): Call {
  const request: HttpRequest = {
    url,
    method: 'post',
    headers: { Authorization: `Bearer ${token}` },
  }
  if ('json' in body) request.json = JSON.stringify(body.json)
  else {
    request.binary = { bytes: encodeBinaryBody(body.binary), contentType: BINARY_CONTENT_TYPE }
  }
  return { name: rows ? `${url} (${rows})` : url, request }
}

/**
 * The answers' JSON, in order. Several calls go in parallel; a 502/503/504 is sent again, alone
 * or with the others that got one, up to ATTEMPTS in all. Any other failure (no answer, a
 * refusal, broken JSON) is thrown as the analyst's dialog.
 */
function send({ platform, t }: Client, calls: Call[]): unknown[] {
  const responses = withRetries(platform, calls, t)
  return responses.map((response, i) => {
    if (response.status !== 200) throw refusal(response, t)
    try {
      return JSON.parse(response.text) as unknown
    } catch {
      throw new WorkerError(
        t('worker.broken.title'),
        t('worker.notJson', { name: calls[i].name, n: response.text.length }),
      )
    }
  })
}

function withRetries(platform: Platform, calls: Call[], t: Translate): HttpResponse[] {
  const responses: HttpResponse[] = new Array(calls.length)
  let pending = calls.map((_, i) => i)
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) platform.sleep(RETRY_WAIT_MS * (attempt - 1))
    const answers = fetchAll(
      platform.http,
      pending.map((i) => calls[i].request),
      calls,
      t,
    )
    const again: number[] = []
    answers.forEach((answer, k) => {
      const i = pending[k]
      responses[i] = answer
      if (TRANSIENT_STATUS.has(answer.status) && attempt < ATTEMPTS) again.push(i)
    })
    pending = again
  }
  return responses
}

function fetchAll(http: Http, requests: HttpRequest[], calls: Call[], t: Translate) {
  try {
    return http.fetchAll(requests)
  } catch (error) {
    throw new WorkerError(
      t('worker.noAnswer.title'),
      t('worker.noAnswer.message', { url: calls[0]?.request.url ?? '', error: messageOf(error) }),
    )
  }
}

/** GET /v1/health: the Worker's engine version. */
export function workerVersion(http: Http, workerUrl: string): string {
  const [response] = http.fetchAll([{ url: `${workerUrl}/v1/health`, method: 'get' }])
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
  const { engine } = JSON.parse(response.text) as { engine?: unknown }
  return String(engine)
}

const TITLES = {
  400: 'worker.400',
  401: 'worker.401',
  413: 'worker.413',
  422: 'worker.422',
} as const

/**
 * The Worker's own message (for example the missing column's name), with its status; a refusal
 * of the margins or of the previous wave says so in its title (`details.field`).
 */
function refusal({ status, text }: HttpResponse, t: Translate): WorkerError {
  let message = `HTTP ${status}`
  let field = ''
  let raking = false
  try {
    const body = JSON.parse(text) as {
      message?: unknown
      details?: { requestId?: unknown; field?: unknown; reason?: unknown }
    }
    if (typeof body.message === 'string') message = body.message
    if (body.details?.requestId) message += ` (request ${String(body.details.requestId)})`
    if (typeof body.details?.field === 'string') field = body.details.field
    // Raking's own refusals name their reason (absent_category, bad_shares…) but no field.
    raking = typeof body.details?.reason === 'string'
  } catch {
    // Not the Worker's JSON: a proxy's page, say. The status is all there is.
  }
  const hint = status === 401 ? ` ${t('worker.401.hint')}` : ''
  let key: MessageKey | undefined = TITLES[status as keyof typeof TITLES]
  if (status === 400 && (raking || /^(options\.)?weighting/.test(field))) {
    key = 'worker.400.weighting'
  }
  if (status === 400 && /^previous(\.|$)/.test(field)) key = 'worker.400.previous'
  const title = key ? t(key) : t('worker.failed', { status })
  return new WorkerError(title, `${message}${hint} ${t('nothingChanged')}`)
}

/** The message of anything thrown (Apps Script's exceptions are not always `Error`s). */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : String(error)
}
