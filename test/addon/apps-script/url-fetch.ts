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

export class FakeUrlFetchApp implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'> {
  readonly exchanges: Exchange[] = []
  /** Apps Script gives up on a call after a while; the tests use a short wait. */
  timeoutMs = 60_000

  constructor(private readonly http: SyncHttp) {}

  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) {
    const method = (params.method ?? 'get').toUpperCase()
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(params.headers ?? {})) headers[name] = String(value)
    if (params.contentType) headers['Content-Type'] = params.contentType
    if (params.payload !== undefined && typeof params.payload !== 'string') {
      throw new Error('stand-in: only string payloads')
    }
    const exchange: Exchange = { url, method, headers, body: params.payload as string | undefined }
    this.exchanges.push(exchange)
    const answer = this.http.request({
      url,
      method,
      headers,
      body: exchange.body,
      timeoutMs: this.timeoutMs,
    })
    if ('error' in answer) {
      exchange.error = answer.error
      throw new Error(
        answer.error === 'timeout' ? `Timeout: ${url}` : `Address unavailable: ${url}`,
      )
    }
    exchange.status = answer.status
    exchange.response = answer.body
    if (answer.status >= 400 && !params.muteHttpExceptions) {
      throw new Error(
        `Request failed for ${url} returned code ${answer.status}. Truncated server response: ${answer.body.slice(0, 100)}`,
      )
    }
    return as<GoogleAppsScript.URL_Fetch.HTTPResponse>(
      new FakeHTTPResponse(answer.status, answer.headers, answer.body),
    )
  }
}
