/// <reference types="google-apps-script" />
/** @module UrlFetchApp: real, synchronous HTTP calls (to the Worker under `wrangler dev`). */
import type { SyncHttp } from './sync-http'

const as = <T>(standIn: unknown): T => standIn as T

/** One call as the Worker saw it, for the tests' assertions. */
export interface Exchange {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
  status?: number
  response?: string
  error?: string
}

export class FakeHTTPResponse
  implements
    Pick<
      GoogleAppsScript.URL_Fetch.HTTPResponse,
      'getResponseCode' | 'getContentText' | 'getHeaders'
    >
{
  constructor(
    private readonly status: number,
    private readonly headers: Record<string, string>,
    private readonly body: string,
  ) {}

  getResponseCode() {
    return this.status
  }

  getContentText() {
    return this.body
  }

  getHeaders() {
    return { ...this.headers }
  }
}

export class FakeUrlFetchApp
  implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'>
{
  readonly exchanges: Exchange[] = []
  /** Apps Script gives up on a call after a while; the tests use a short wait. */
  timeoutMs = 60_000

  constructor(private readonly http: SyncHttp) {}

  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) {
    const [response] = this.send([{ ...params, url }])
    return response
  }

  /** All requests in flight at once, as Apps Script sends them; answers in request order. */
  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]) {
    return this.send(requests.map((r) => (typeof r === 'string' ? { url: r } : r)))
  }

  private send(requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]) {
    const exchanges = requests.map((params) => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(params.headers ?? {})) {
        headers[name] = String(value)
      }
      if (params.contentType) headers['Content-Type'] = params.contentType
      if (params.payload !== undefined && typeof params.payload !== 'string') {
        throw new Error('stand-in: only string payloads')
      }
      const method = (params.method ?? 'get').toUpperCase()
      const body = params.payload as string | undefined
      const exchange: Exchange = { url: params.url, method, headers, body }
      return exchange
    })
    this.exchanges.push(...exchanges)
    const answers = this.http.requestAll(
      exchanges.map(({ url, method, headers, body }) => ({
        url,
        method,
        headers,
        body,
        timeoutMs: this.timeoutMs,
      })),
    )
    // Apps Script throws for the first failed request: no answer, or an error status unmuted.
    return answers.map((answer, i) => {
      const exchange = exchanges[i]
      const { url } = exchange
      if ('error' in answer) {
        exchange.error = answer.error
        throw new Error(
          answer.error === 'timeout' ? `Timeout: ${url}` : `Address unavailable: ${url}`,
        )
      }
      exchange.status = answer.status
      exchange.response = answer.body
      if (answer.status >= 400 && !requests[i].muteHttpExceptions) {
        throw new Error(
          `Request failed for ${url} returned code ${answer.status}. Truncated server response: ${answer.body.slice(0, 100)}`,
        )
      }
      return as<GoogleAppsScript.URL_Fetch.HTTPResponse>(
        new FakeHTTPResponse(answer.status, answer.headers, answer.body),
      )
    })
  }
}
