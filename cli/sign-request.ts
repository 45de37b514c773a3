/** @module Headers of an HMAC-signed call to the Worker (DESIGN §6), for automation. */
import { createHmac } from 'node:crypto'

/**
 * `X-Sapa-Timestamp` and `X-Sapa-Signature` (hex HMAC-SHA256 of `"<timestamp>.<body>"`),
 * with the JSON content type.
 *
 * @example
 * await fetch(`${url}/v1/report`, { method: 'POST', body, headers: signedHeaders(secret, body) })
 */
export function signedHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return {
    'content-type': 'application/json',
    'x-sapa-timestamp': String(timestamp),
    'x-sapa-signature': signature,
  }
}
