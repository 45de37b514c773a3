/** @module Headers of an HMAC-signed call to the Worker (DESIGN §6), for automation. */
import { createHmac } from 'node:crypto'

/**
 * `X-Sapa-Timestamp` and `X-Sapa-Signature` (hex HMAC-SHA256 of `"<timestamp>.<body>"`, the
 * body's exact bytes), with the body's content type (JSON unless told).
 *
 * @example
 * await fetch(`${url}/v1/report`, { method: 'POST', body, headers: signedHeaders(secret, body) })
 */
export function signedHeaders(
  secret: string,
  body: string | Uint8Array,
  timestamp = Math.floor(Date.now() / 1000),
  contentType = 'application/json',
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')
  return {
    'content-type': contentType,
    'x-sapa-timestamp': String(timestamp),
    'x-sapa-signature': signature,
  }
}
