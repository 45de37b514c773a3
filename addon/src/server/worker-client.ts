/**
 * @module The calls to the Worker: the survey as compact columns (in chunks when large) with the
 * user's ID token, a 502/503/504 sent again (3 attempts in all, as the command line does),
 * replies checked. Plain TypeScript over the platform's Http.
 */
import { type Cell, type Mapping, type PartialState, SurveyError } from '../../../engine/index'
import {
  aggregateBodies,
  encodeColumns,
  isAggregateReply,
  isReportReply,
  needsFanOut,
  type ReportReply,
  selectColumns,
  statesBody,
  surveyLength,
} from '../../../protocol/index'
import type { Http, HttpRequest, HttpResponse, Platform } from '../platform/types'
import type { Translate } from '../shared/messages'
import { cleanMapping, type Settings } from '../shared/settings'
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

/**
 * POST /v1/report with the add-on user's Google ID token. A survey too large for one request
 * (DESIGN §6) goes first in chunks to /v1/aggregate, all at once, and then their states to
 * /v1/report.
 */
export function requestReport(
  platform: Platform,
  settings: Settings,
  values: Cell[][],
  t: Translate,
): ReportReply {
  const token = platform.identityToken()
  // Never "Bearer null": the Worker would refuse it, and the analyst would not learn why.
  if (token === null) throw new WorkerError(t('noToken.title'), t('noToken.message'))
  const survey = readColumns(values, cleanMapping(settings.mapping))
  const options = {
    locale: settings.locale,
    minBase: settings.minBase,
    order: settings.order,
    tables: [...settings.tables, 'issues' as const],
  }
  const client = { platform, token, t, base: settings.workerUrl }
  const { header, rows, mapping } = survey
  const body = needsFanOut(survey)
    ? statesBody(aggregateChunks(client, survey), options)
    : { header, columns: encodeColumns(header, rows), mapping, options }
  const url = `${settings.workerUrl}/v1/report`
  const [reply] = send(client, [call(url, token, body)])
  if (!isReportReply(reply)) {
    throw new WorkerError(t('worker.broken.title'), t('worker.noTables', { name: url }))
  }
  return reply
}

type Survey = { header: Cell[]; rows: Cell[][]; mapping: Mapping }

/**
 * Only the columns the report reads (each role's, as the Worker detects them), with the mapping
 * written out so the Worker reads them as selected; every row kept, so data issues keep their
 * sheet rows. A mapping the Worker will refuse (a header not in the sheet) goes as it is, with
 * every column, so that the Worker's message names the headers.
 */
function readColumns(values: Cell[][], mapping: Mapping): Survey {
  const [header = [], ...rows] = values
  let survey = { header, rows, mapping }
  try {
    // Given rows, selectColumns gives rows.
    survey = selectColumns(survey) as typeof survey
  } catch (error) {
    if (!(error instanceof SurveyError)) throw error
  }
  // Interned after the selection: only the dates of the columns sent are looked at.
  const [sentHeader = [], ...sentRows] = internDates([survey.header, ...survey.rows])
  return { header: sentHeader, rows: sentRows, mapping: survey.mapping }
}

interface Client {
  platform: Platform
  token: string
  t: Translate
  base: string
}

/** Each chunk's partial state, in order. */
function aggregateChunks(client: Client, survey: Survey): PartialState[] {
  const { t } = client
  const calls = aggregateBodies(survey).map((body) => {
    const first = body.options.firstRow
    const rows = t('worker.rows', { first, last: first + surveyLength(body) - 1 })
    return call(`${client.base}/v1/aggregate`, client.token, body, rows)
  })
  return send(client, calls).map((reply, i) => {
    if (!isAggregateReply(reply)) {
      throw new WorkerError(t('worker.broken.title'), t('worker.noState', { name: calls[i].name }))
    }
    return reply.state
  })
}

/** A request and how messages name it (the URL, with the rows for a chunk). */
interface Call {
  name: string
  request: HttpRequest
}

function call(url: string, token: string, body: unknown, rows?: string): Call {
  return {
    name: rows ? `${url} (${rows})` : url,
    request: {
      url,
      method: 'post',
      json: JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}` },
    },
  }
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

/** The Worker's own message (for example the missing column's name), with its status. */
function refusal({ status, text }: HttpResponse, t: Translate): WorkerError {
  let message = `HTTP ${status}`
  try {
    const body = JSON.parse(text) as { message?: unknown; details?: { requestId?: unknown } }
    if (typeof body.message === 'string') message = body.message
    if (body.details?.requestId) message += ` (request ${String(body.details.requestId)})`
  } catch {
    // Not the Worker's JSON: a proxy's page, say. The status is all there is.
  }
  const hint = status === 401 ? ` ${t('worker.401.hint')}` : ''
  const key = TITLES[status as keyof typeof TITLES]
  const title = key ? t(key) : t('worker.failed', { status })
  return new WorkerError(title, `${message}${hint} ${t('nothingChanged')}`)
}

/** The message of anything thrown (Apps Script's exceptions are not always `Error`s). */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : String(error)
}
