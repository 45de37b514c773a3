/** @module A request body as sent: the binary form (DESIGN §6, issue 17) or JSON. */
import { BINARY_CONTENT_TYPE, type BinaryBodyInput, encodeBinaryBody } from '../protocol/index'

/**
 * The body's bytes and content type: `application/vnd.sapa.survey` (the columns' codes as
 * typed arrays, protocol/binary.ts) by default, or JSON when `json` is set.
 */
export function encodeBody(
  body: BinaryBodyInput,
  json: boolean,
): { bytes: Uint8Array | string; contentType: string } {
  if (json) return { bytes: JSON.stringify(body), contentType: 'application/json' }
  return { bytes: encodeBinaryBody(body), contentType: BINARY_CONTENT_TYPE }
}
