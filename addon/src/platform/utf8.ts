/** @module UTF-8 sizes of strings, for Apps Script's limits in bytes (no TextEncoder there). */

/** The UTF-8 length of a code unit at `i` (a surrogate pair counts 4 on its first half). */
function unitBytes(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code < 0x80) return 1
  if (code < 0x800) return 2
  if (code >= 0xd800 && code <= 0xdbff) return 4
  if (code >= 0xdc00 && code <= 0xdfff) return 0
  return 3
}

export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) bytes += unitBytes(text, i)
  return bytes
}

/** `text` cut into pieces of at most `maxBytes` UTF-8 bytes each, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError(`maxBytes must be 4 or more, not ${maxBytes}`)
  const parts: string[] = []
  let start = 0
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const size = unitBytes(text, i)
    if (bytes + size > maxBytes) {
      parts.push(text.slice(start, i))
      start = i
      bytes = 0
    }
    bytes += size
  }
  parts.push(text.slice(start))
  return parts
}
