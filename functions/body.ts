/**
 * @module The request body: JSON or the binary form, size-limited before and while reading,
 * read once.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { BINARY_CONTENT_TYPE, BinaryBodyError, decodeBinaryBody } from '../protocol/index'
import { type AppEnv, DEFAULT_MAX_BODY_BYTES, limitVar } from './env'
import { ApiError } from './errors'

const JSON_CONTENT_TYPE = 'application/json'

const mediaType = (c: Context<AppEnv>) =>
  (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()

/**
 * Refuses a body that is neither JSON nor the binary form (415) or announces more than
 * MAX_BODY_BYTES (413), before anything is read.
 */
export const bodyGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = mediaType(c)
  if (type !== JSON_CONTENT_TYPE && type !== BINARY_CONTENT_TYPE) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the body as ${JSON_CONTENT_TYPE} or ${BINARY_CONTENT_TYPE}`,
    )
  }
  const limit = maxBodyBytes(c)
  const length = c.req.header('content-length')
  if (length !== undefined && Number(length) > limit) throw tooLarge(limit)
  await next()
}

/** The raw body bytes, read at most once per request whoever asks first. */
export function rawBody(c: Context<AppEnv>): Promise<Uint8Array> {
  let body = c.get('rawBody')
  if (!body) {
    // With a Content-Length (bodyGuard checked it is within the limit) the body is exactly that
    // long: read it in one go, far cheaper in workerd than chunk by chunk. Otherwise count.
    const length = c.req.header('content-length')
    body =
      length !== undefined && /^\d+$/.test(length)
        ? c.req.raw.arrayBuffer().then(
            (buffer) => new Uint8Array(buffer),
            (error: unknown) => {
              throw unreadable(error)
            },
          )
        : readLimited(c.req.raw.body, maxBodyBytes(c))
    c.set('rawBody', body)
  }
  return body
}

/** The body, JSON or binary by its content type (bodyGuard let only these two through). */
export async function readBody(c: Context<AppEnv>): Promise<unknown> {
  const bytes = await rawBody(c)
  if (mediaType(c) !== BINARY_CONTENT_TYPE) return parseJson(bytes)
  try {
    return decodeBinaryBody(bytes, parseJson)
  } catch (error) {
    if (!(error instanceof BinaryBodyError)) throw error
    throw new ApiError(400, 'bad_request', error.message, { field: error.field })
  }
}

/** Nesting a body may have: a survey needs 4 levels, the states of a fan-out under 10. */
export const MAX_JSON_DEPTH = 64

/** The body as JSON; 400 naming the problem when it is not, or when it nests too deep. */
export function parseJson(bytes: Uint8Array): unknown {
  const deep = nestingBeyond(bytes, MAX_JSON_DEPTH)
  if (deep >= 0) {
    // Deep values parse, but any later recursion over them (String of an array) overflows.
    throw new ApiError(
      400,
      'bad_request',
      `Body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels (at byte ${deep})`,
      { limit: MAX_JSON_DEPTH },
    )
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error) {
    throw new ApiError(400, 'malformed_json', `Body is not valid JSON: ${(error as Error).message}`)
  }
}

/** Offset of the first `[` or `{` opening level `max + 1`, outside strings; -1 when none. */
function nestingBeyond(bytes: Uint8Array, max: number): number {
  let depth = 0
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte === 0x22) {
      // A string: skip to its closing quote, past escaped characters.
      for (i++; i < bytes.length && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > max) return i
    } else if (byte === 0x5d || byte === 0x7d) depth--
  }
  return -1
}

// Content-Length may be absent (chunked) or wrong, so bytes are counted as they arrive and
// reading stops at the first chunk over the limit.
async function readLimited(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0)
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw unreadable(error)
    })
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function maxBodyBytes(c: Context<AppEnv>): number {
  return limitVar(c.env.MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES)
}

/** The client went away or cut the body short: its fault, not the Worker's (no 5xx). */
function unreadable(error: unknown): ApiError {
  return new ApiError(400, 'bad_request', `Body could not be read to its end: ${String(error)}`)
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'payload_too_large', `Body over ${limit} bytes`, { limit })
}
