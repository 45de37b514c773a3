/// <reference types="google-apps-script" />
/**
 * @module UrlFetchApp: real, synchronous HTTP calls (to the Worker under `wrangler dev`, the
 * deployed Worker's https URL routed to it). Apps Script does not document the charset of a
 * string payload or of `getContentText()` without one, so this stand-in takes only a Blob
 * payload (Java bytes, or a string in a named charset) and reads a reply without a charset as
 * ISO-8859-1.
 */
import { FakeBlob } from './services'
import type { SyncHttp } from './sync-http'

const as = <T>(standIn: unknown): T => standIn as T

/** One call as the Worker saw it, for the tests' assertions. */
export interface Exchange {
  url: string
  method: string
  headers: Record<string, string>
  /** The body's bytes read as UTF-8 (a JSON body's text). */
  body?: string
  /** The body's bytes as sent. */
  bytes?: Buffer
  status?: number
  response?: string
}

export class FakeHTTPResponse
  implements Pick<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getContentText'>
{
  constructor(
    private readonly status: number,
    private readonly bytes: Buffer,
  ) {}

  getResponseCode() {
    return this.status
  }

  getContentText(charset?: string) {
    return this.bytes.toString(charset?.toUpperCase() === 'UTF-8' ? 'utf8' : 'latin1')
  }
}

export class FakeUrlFetchApp
  implements Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'>
{
  readonly exchanges: Exchange[] = []
  /** Apps Script gives up on a call after a while; the tests use a short wait. */
  timeoutMs = 60_000
  /** Host prefixes → where they really run. */
  routes: Record<string, string> = {}

  constructor(private readonly http: SyncHttp) {}

  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) {
    const [response] = this.send([{ ...params, url }])
    return response
  }

  /** All requests in flight at once, as Apps Script sends them; answers in request order. */
  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]) {
    return this.send(requests.map((r) => (typeof r === 'string' ? { url: r } : r)))
  }

  private route(url: string) {
    for (const [from, to] of Object.entries(this.routes)) {
      if (url.startsWith(from)) return to + url.slice(from.length)
    }
    return url
  }

  private send(requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]) {
    const prepared = requests.map((params) => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(params.headers ?? {}))
        headers[name] = String(value)
      if (params.contentType) headers['Content-Type'] = params.contentType
      let bytes: Buffer | undefined
      if (params.payload !== undefined) {
        if (!(params.payload instanceof FakeBlob)) {
          throw new Error('stand-in: the payload must be a Blob with a named charset')
        }
        bytes = params.payload.fakeBuffer()
      }
      const method = (params.method ?? 'get').toUpperCase()
      const exchange: Exchange = {
        url: params.url,
        method,
        headers,
        body: bytes?.toString('utf8'),
        bytes,
      }
      return { exchange, bytes, mute: params.muteHttpExceptions === true }
    })
    this.exchanges.push(...prepared.map((p) => p.exchange))
    const answers = this.http.requestAll(
      prepared.map(({ exchange, bytes }) => ({
        url: this.route(exchange.url),
        method: exchange.method,
        headers: exchange.headers,
        bodyBase64: bytes?.toString('base64'),
        timeoutMs: this.timeoutMs,
      })),
    )
    // Apps Script throws for the first failed request: no answer, or an error status unmuted.
    return answers.map((answer, i) => {
      const { exchange, mute } = prepared[i]
      if ('error' in answer) {
        throw new Error(
          answer.error === 'timeout'
            ? `Timeout: ${exchange.url}`
            : `Address unavailable: ${exchange.url}`,
        )
      }
      exchange.status = answer.status
      exchange.response = answer.body
      if (answer.status >= 400 && !mute) {
        throw new Error(`Request failed for ${exchange.url} returned code ${answer.status}.`)
      }
      return as<GoogleAppsScript.URL_Fetch.HTTPResponse>(
        new FakeHTTPResponse(answer.status, Buffer.from(answer.bodyBase64, 'base64')),
      )
    })
  }
}
