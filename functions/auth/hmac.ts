/** @module HMAC-signed requests for automation: `"<timestamp>.<raw body>"`, SHA-256, ±300 s. */

/** Signatures older or newer than this many seconds are refused (replay window). */
export const HMAC_WINDOW_SECONDS = 300

/** Undefined when the signature is good, else the reason it is refused. */
export async function verifyHmac(
  secret: string,
  timestamp: string,
  signature: string,
  /** Read only once the headers pass: a stale or malformed request costs no body read. */
  readBody: () => Promise<Uint8Array>,
  nowSeconds: number,
): Promise<string | undefined> {
  if (!/^\d{1,15}$/.test(timestamp)) return 'X-Sapa-Timestamp is not unix seconds'
  if (Math.abs(nowSeconds - Number(timestamp)) > HMAC_WINDOW_SECONDS) {
    return `X-Sapa-Timestamp outside the ±${HMAC_WINDOW_SECONDS} s window`
  }
  if (!/^[0-9a-f]{64}$/i.test(signature)) return 'X-Sapa-Signature is not 64 hex digits'
  const key = await keyOf(secret)
  const body = await readBody()
  const prefix = new TextEncoder().encode(`${timestamp}.`)
  const signed = new Uint8Array(prefix.byteLength + body.byteLength)
  signed.set(prefix)
  signed.set(body, prefix.byteLength)
  // subtle.verify compares in constant time, unlike comparing hex strings.
  const good = await crypto.subtle.verify('HMAC', key, hexBytes(signature), signed)
  return good ? undefined : 'X-Sapa-Signature does not match the body'
}

/**
 * The secret's verifying key, imported once per isolate and secret: a CryptoKey holds no
 * request's state, and importing it was a tenth of a millisecond of each request.
 */
function keyOf(secret: string): ReturnType<typeof crypto.subtle.importKey> {
  if (imported?.secret !== secret) {
    const key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    imported = { secret, key }
  }
  return imported.key
}
let imported: { secret: string; key: ReturnType<typeof crypto.subtle.importKey> } | undefined

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}
