/** @module What the add-on sent the Worker, read back: a JSON body, or the binary body decoded. */
import { BINARY_CONTENT_TYPE, decodeBinaryBody } from '../../../protocol/index'

/** An exchange as the fake platform or the UrlFetchApp stand-in records it. */
interface Sent {
  headers: Record<string, string>
  body?: string
  bytes?: Uint8Array
}

/**
 * The body of a request: JSON parsed, or the binary body decoded as the Worker decodes it (the
 * columns' codes as typed arrays).
 */
// biome-ignore lint/suspicious/noExplicitAny: the tests read bodies of every shape
export function sentBody(exchange: Sent | undefined): any {
  if (!exchange) return null
  if (exchange.headers['Content-Type'] === BINARY_CONTENT_TYPE) {
    const bytes = Uint8Array.from(exchange.bytes ?? [])
    return decodeBinaryBody(bytes, (json) => JSON.parse(Buffer.from(json).toString('utf8')))
  }
  return JSON.parse(exchange.body ?? 'null')
}
