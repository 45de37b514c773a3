/**
 * @module The binary body (`application/vnd.sapa.survey`): the JSON body with every column's
 * dictionary codes taken out as little-endian typed arrays. A survey is mostly codes, and
 * typed arrays arrive as views on the body's bytes, with nothing to parse, so the Worker reads
 * a survey in a fraction of the JSON form's time. Pure, no platform globals: the command line
 * and the add-on (which has no TextEncoder) write it with this module.
 *
 * Layout (docs/api.md has the same):
 *
 *   bytes 0–3   "SAPA"                                   (magic)
 *   byte  4     1                                        (version)
 *   bytes 5–7   0                                        (reserved)
 *   bytes 8–11  J, unsigned 32-bit little-endian         (length of the JSON part)
 *   J bytes     the body as UTF-8 JSON, each `codes` array replaced by
 *               {"$codes": {"type": "i8" | "i16" | "i32", "offset": o, "length": n}}
 *   padding     zeros up to a multiple of 8
 *   the data    each codes array at its offset (from the start of the data, a multiple of 8),
 *               n integers of its type, little-endian; -1 = blank, as in the JSON form
 *
 * Codes take the smallest type their dictionary fits (Int8 up to 127 entries, Int16 up to
 * 32,767). Any `columns` of the body are coded so, the `previous` wave's as well.
 */

export const BINARY_CONTENT_TYPE = 'application/vnd.sapa.survey'
const MAGIC = [0x53, 0x41, 0x50, 0x41]
const VERSION = 1
const HEAD = 12

type CodeType = 'i8' | 'i16' | 'i32'
const SIZES: Record<CodeType, number> = { i8: 1, i16: 2, i32: 4 }

interface CodesRef {
  $codes: { type: CodeType; offset: number; length: number }
}

/** A body with `columns` whose entries may hold `codes`, and maybe a `previous` wave's. */
export type BinaryBodyInput = {
  columns?: readonly unknown[]
  previous?: unknown
  [key: string]: unknown
}

/**
 * The body as binary: `body` as JSON, its columns' codes (and its previous wave's) as typed arrays.
 * @example
 * encodeBinaryBody({ header: ['Қызмет'], columns: [{ dict: ['A'], codes: [0, 0, -1] }] })
 * // Uint8Array: "SAPA", 1, …, {"header":["Қызмет"],"columns":[{"dict":["A"],"codes":{"$codes":{"type":"i8","offset":0,"length":3}}}]}, …, 0x00 0x00 0xff
 */
export function encodeBinaryBody(body: BinaryBodyInput): Uint8Array {
  const arrays: { type: CodeType; codes: ArrayLike<number>; offset: number }[] = []
  let size = 0
  const replace = (part: BinaryBodyInput): BinaryBodyInput => {
    const out: BinaryBodyInput = { ...part }
    if (Array.isArray(part.columns)) {
      out.columns = part.columns.map((column) => {
        const c = column as { dict?: unknown[]; codes?: ArrayLike<number> }
        if (!c || !Array.isArray(c.dict) || !c.codes) return column
        const type = typeFor(c.dict.length)
        size = align(size)
        arrays.push({ type, codes: c.codes, offset: size })
        const ref: CodesRef = { $codes: { type, offset: size, length: c.codes.length } }
        size += c.codes.length * SIZES[type]
        return { ...c, codes: ref }
      })
    }
    if (part.previous && typeof part.previous === 'object') {
      out.previous = replace(part.previous as BinaryBodyInput)
    }
    return out
  }
  const json = utf8(JSON.stringify(replace(body)))
  const dataStart = align(HEAD + json.length)
  const bytes = new Uint8Array(dataStart + align(size))
  bytes.set(MAGIC, 0)
  bytes[4] = VERSION
  writeU32(bytes, 8, json.length)
  bytes.set(json, HEAD)
  for (const { type, codes, offset } of arrays) {
    writeCodes(bytes, dataStart + offset, type, codes)
  }
  return bytes
}

/** Why a binary body cannot be read: the field and what it must be. */
export class BinaryBodyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The body a binary body carries: its JSON part (read by `parseJson`, the platform's parser of
 * UTF-8 JSON bytes), with each codes reference replaced by a typed array viewing the body's
 * bytes (no copy).
 * @throws {BinaryBodyError} naming what is wrong (magic, version, lengths, a reference)
 */
export function decodeBinaryBody(
  bytes: Uint8Array,
  parseJson: (json: Uint8Array) => unknown,
): unknown {
  if (bytes.length < HEAD || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new BinaryBodyError('body', `a binary body starts with "SAPA" (${BINARY_CONTENT_TYPE})`)
  }
  if (bytes[4] !== VERSION) {
    throw new BinaryBodyError(
      'body',
      `binary body version ${bytes[4]}: this Worker reads version ${VERSION}`,
    )
  }
  const jsonLength = readU32(bytes, 8)
  if (HEAD + jsonLength > bytes.length) {
    throw new BinaryBodyError(
      'body',
      `the JSON part (${jsonLength} bytes) runs past the body's end (${bytes.length} bytes)`,
    )
  }
  const body = parseJson(bytes.subarray(HEAD, HEAD + jsonLength))
  const dataStart = align(HEAD + jsonLength)
  const data = bytes.subarray(Math.min(dataStart, bytes.length))
  const resolve = (part: unknown, at: string) => {
    if (!part || typeof part !== 'object' || Array.isArray(part)) return
    const { columns, previous } = part as BinaryBodyInput
    if (Array.isArray(columns)) {
      columns.forEach((column, c) => {
        const codes = (column as { codes?: unknown } | null)?.codes
        if (codes && typeof codes === 'object' && !Array.isArray(codes)) {
          ;(column as { codes: unknown }).codes = view(data, codes, `${at}columns[${c}].codes`)
        }
      })
    }
    if (previous) resolve(previous, `${at}previous.`)
  }
  resolve(body, '')
  return body
}

function view(data: Uint8Array, ref: unknown, field: string): Int8Array | Int16Array | Int32Array {
  const spec = (ref as Partial<CodesRef>).$codes
  const { type, offset, length } = (spec ?? {}) as Partial<CodesRef['$codes']>
  if (type === undefined || !Object.hasOwn(SIZES, type)) {
    throw new BinaryBodyError(
      field,
      `"${field}" must be {"$codes": {"type": "i8", "i16" or "i32", "offset", "length"}}`,
    )
  }
  const size = SIZES[type]
  const ok =
    Number.isSafeInteger(offset) &&
    Number.isSafeInteger(length) &&
    (offset as number) >= 0 &&
    (length as number) >= 0 &&
    (offset as number) % 8 === 0 &&
    (offset as number) + (length as number) * size <= data.length
  if (!ok) {
    throw new BinaryBodyError(
      field,
      `"${field}" must lie inside the data, at an offset that is a multiple of 8 (offset ${offset}, length ${length}, ${data.length} bytes of data)`,
    )
  }
  const start = data.byteOffset + (offset as number)
  const n = length as number
  // Aligned views share the body's memory; a body whose data is not aligned in its buffer
  // (an offset the platform chose) is copied once.
  if (type === 'i8') return new Int8Array(data.buffer, start, n)
  const aligned = start % size === 0 && littleEndian
  if (type === 'i16') {
    return aligned ? new Int16Array(data.buffer, start, n) : copy(data, offset as number, n, 2)
  }
  return aligned ? new Int32Array(data.buffer, start, n) : copy(data, offset as number, n, 4)
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function copy(data: Uint8Array, offset: number, n: number, size: 2 | 4): Int16Array | Int32Array {
  const out = size === 2 ? new Int16Array(n) : new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let x = 0
    for (let b = size - 1; b >= 0; b--) x = x * 256 + data[offset + i * size + b]
    out[i] = size === 2 ? (x << 16) >> 16 : x | 0
  }
  return out
}

function typeFor(entries: number): CodeType {
  return entries <= 127 ? 'i8' : entries <= 32_767 ? 'i16' : 'i32'
}

const align = (n: number) => Math.ceil(n / 8) * 8

function writeU32(bytes: Uint8Array, at: number, value: number) {
  bytes[at] = value & 0xff
  bytes[at + 1] = (value >>> 8) & 0xff
  bytes[at + 2] = (value >>> 16) & 0xff
  bytes[at + 3] = (value >>> 24) & 0xff
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 2 ** 24
}

function writeCodes(bytes: Uint8Array, at: number, type: CodeType, codes: ArrayLike<number>) {
  const size = SIZES[type]
  for (let i = 0; i < codes.length; i++) {
    let x = codes[i]
    for (let b = 0; b < size; b++) {
      bytes[at + i * size + b] = x & 0xff
      x >>= 8
    }
  }
}

/** UTF-8 bytes of a string, surrogate pairs as one character (Apps Script has no TextEncoder). */
export function utf8(text: string): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
        i++
      }
    }
    if (code < 0x80) out.push(code)
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000) {
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    } else {
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      )
    }
  }
  return Uint8Array.from(out)
}
