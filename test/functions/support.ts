/** Shared pieces of the Worker tests: calling the app with chosen vars, signing, surveys. */
import { createExecutionContext, env } from 'cloudflare:test'
import type { Bindings } from '../../functions/env'
import worker from '../../functions/index'

export const TEST_SECRET = 'workers-test-secret'

/** The wrangler.toml vars and test secret, with some replaced. */
export function bindings(overrides: Partial<Bindings> = {}): Bindings {
  return { ...(env as Bindings), SAPA_HMAC_SECRET: TEST_SECRET, ...overrides }
}

/** One request through the Worker's fetch handler, inside workerd. */
export function call(path: string, init: RequestInit = {}, overrides: Partial<Bindings> = {}) {
  const request = new Request(`https://sapa.test${path}`, init)
  return worker.fetch(request, bindings(overrides), createExecutionContext())
}

/**
 * The headers of a request signed over `body` (its UTF-8 bytes when a string): the content
 * type, the timestamp, and the HMAC of `timestamp.body`.
 */
export async function hmacHeaders(
  body: string | Uint8Array,
  {
    secret = TEST_SECRET,
    timestamp = Math.floor(Date.now() / 1000),
    contentType = 'application/json',
  } = {},
): Promise<Record<string, string>> {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const prefix = encoder.encode(`${timestamp}.`)
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const signed = new Uint8Array(prefix.length + bytes.length)
  signed.set(prefix)
  signed.set(bytes, prefix.length)
  const mac = await crypto.subtle.sign('HMAC', key, signed)
  const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return {
    'content-type': contentType,
    'x-sapa-timestamp': String(timestamp),
    'x-sapa-signature': hex,
  }
}

/** A POST of `body` signed with the test secret. */
export async function signedPost(path: string, body: string, overrides: Partial<Bindings> = {}) {
  return call(path, { method: 'POST', body, headers: await hmacHeaders(body) }, overrides)
}

export const HEADER = ['Қызмет', 'Жалпы баға', 'Мемлекеттік орган', 'Өңір', 'Арна', 'Сенім']

/** A small survey: 120 respondents over four services, three channels and two regions. */
export function surveyRows(): (string | number)[][] {
  const channels = ['Меморган', 'ХҚКО', 'egov.kz']
  return Array.from({ length: 120 }, (_, i) => [
    String(1 + (i % 4)),
    1 + ((i * 7) % 5),
    i % 2 ? 'ЖАО' : 'Денсаулық сақтау министрлігі',
    i % 3 ? 'Алматы қ.' : 'Астана қ.',
    channels[i % 3],
    1 + ((i * 3) % 5),
  ])
}

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>
}

/** A body stream that records whether anyone read it (highWaterMark 0: no eager pull). */
export function watchedBody(): { stream: ReadableStream<Uint8Array>; wasRead: () => boolean } {
  let read = false
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        read = true
        controller.error(new Error('this body was not to be read'))
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, wasRead: () => read }
}
