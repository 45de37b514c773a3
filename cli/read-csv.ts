/**
 * @module A CSV as Excel writes it: its encoding (UTF-8 with or without BOM, UTF-16 with BOM,
 * Windows-1251) and its delimiter (`,` `;` tab, or a `sep=` first line) found, every cell kept
 * as text. What cannot be decoded cleanly is refused naming the encoding and the line.
 */
import { readFile } from 'node:fs/promises'
import Papa from 'papaparse'

export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1251'
export type Delimiter = ',' | ';' | '\t'

/** A CSV file read: its records (every cell text), and how it was written. */
export interface CsvFile {
  records: string[][]
  encoding: CsvEncoding
  /** Whether the file opened with a byte-order mark. */
  bom: boolean
  delimiter: Delimiter
  /** Whether a `sep=` first line named the delimiter (that line is not a record). */
  sepLine: boolean
}

/** A CSV that cannot be read as it is: the message names the file, the problem and the line. */
export class CsvEncodingError extends Error {
  override name = 'CsvEncodingError'
}

const SAVE_AS_UTF8 = 'save it from Excel as "CSV UTF-8"'

/**
 * Reads `path` as a CSV file (parsed by Papa Parse: RFC 4180 quoting, any line ends).
 * @throws {CsvEncodingError} for bytes invalid in the file's encoding, a file mixing
 * encodings, Kazakh letters lost to Windows-1251, or a quoted field never closed
 */
export async function readCsvFile(path: string): Promise<CsvFile> {
  const { text, encoding, bom } = decodeCsv(await readFile(path), path)
  const { delimiter, sepLine } = sniffDelimiter(text)
  const body = sepLine ? text.slice(text.indexOf('\n') + 1) : text
  const { data, errors } = Papa.parse<string[]>(body, { delimiter, quoteChar: '"' })
  const unclosed = errors.find((error) => error.code === 'MissingQuotes')
  if (unclosed) {
    // The rest of the file would be one cell: no reading of it is right.
    const row = (unclosed.row ?? 0) + 1 + (sepLine ? 1 : 0)
    throw new CsvEncodingError(
      `${path}: row ${row}: a quoted field opens there and is never closed (a " is missing)`,
    )
  }
  return { records: data, encoding, bom, delimiter, sepLine }
}

/**
 * The text of a CSV file's bytes. A byte-order mark decides the encoding; without one the
 * file is UTF-8 if it decodes as UTF-8, else Windows-1251 (Excel's "CSV" in Kazakhstan and
 * Russia) unless some of it is UTF-8: then it mixes encodings and is refused.
 * @throws {CsvEncodingError} naming the encoding and the first line that is not clean in it
 */
export function decodeCsv(
  bytes: Uint8Array,
  path: string,
): { text: string; encoding: CsvEncoding; bom: boolean } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return {
      text: strict('UTF-8', bytes.subarray(3), path, 'its byte-order mark says UTF-8'),
      encoding: 'UTF-8',
      bom: true,
    }
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE'
    const text = strict(encoding, bytes.subarray(2), path, `its byte-order mark says ${encoding}`)
    return { text, encoding, bom: true }
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    throw new CsvEncodingError(
      `${path}: line ${lineAt(bytes, nul)} holds NUL bytes, as UTF-16 without a byte-order mark would: ${SAVE_AS_UTF8}`,
    )
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'UTF-8',
      bom: false,
    }
  } catch {
    // Not UTF-8 as a whole: Windows-1251, unless part of it is UTF-8.
  }
  const lines = lineRanges(bytes)
  const utf8 = lines.findIndex(([start, end]) => hasUtf8Text(bytes, start, end))
  if (utf8 >= 0) {
    const other = lines.findIndex(([start, end]) => !isUtf8(bytes.subarray(start, end)))
    throw new CsvEncodingError(
      `${path}: mixes encodings: line ${utf8 + 1} has UTF-8 text, line ${other + 1} is not UTF-8 (Windows-1251?); save the whole file in one encoding: ${SAVE_AS_UTF8}`,
    )
  }
  const text = new TextDecoder('windows-1251').decode(bytes)
  // Windows-1251 leaves 0x98 unused (the decoder gives U+0098): no text has it.
  const unused = bytes.indexOf(0x98)
  if (unused >= 0) {
    throw new CsvEncodingError(
      `${path}: not UTF-8 and not Windows-1251: line ${lineAt(bytes, unused)} has the byte 0x98, which Windows-1251 does not use; ${SAVE_AS_UTF8}`,
    )
  }
  const lost = lostKazakh(text)
  if (lost) {
    throw new CsvEncodingError(
      `${path}: line ${lost.line} ("${lost.word}"): this Windows-1251 file has "?" where Kazakh letters were (Windows-1251 has no ә ғ қ ң ө ұ ү һ, so Excel replaced them); ${SAVE_AS_UTF8}`,
    )
  }
  return { text, encoding: 'Windows-1251', bom: false }
}

/** Decodes in `encoding` or names the first line that is not valid in it. */
function strict(encoding: CsvEncoding, bytes: Uint8Array, path: string, why: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    const line = firstBadLine(encoding, bytes)
    throw new CsvEncodingError(
      `${path}: not valid ${encoding} (${why}): line ${line} has bytes that are not ${encoding}; ${SAVE_AS_UTF8}`,
    )
  }
}

function firstBadLine(encoding: CsvEncoding, bytes: Uint8Array): number {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
  const width = encoding === 'UTF-8' ? 1 : 2
  const ranges = width === 1 ? lineRanges(bytes) : utf16LineRanges(bytes, encoding === 'UTF-16LE')
  const bad = ranges.findIndex(([start, end]) => {
    try {
      decoder.decode(bytes.subarray(start, end))
      return false
    } catch {
      return true
    }
  })
  return (bad < 0 ? ranges.length : bad) + 1
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}

/** [start, end) of each line, the end before its LF (a CR stays: it decodes in any encoding). */
function lineRanges(bytes: Uint8Array): [number, number][] {
  const ranges: [number, number][] = []
  let start = 0
  for (;;) {
    const end = bytes.indexOf(0x0a, start)
    if (end < 0) break
    ranges.push([start, end])
    start = end + 1
  }
  ranges.push([start, bytes.length])
  return ranges
}

function utf16LineRanges(bytes: Uint8Array, littleEndian: boolean): [number, number][] {
  const ranges: [number, number][] = []
  let start = 0
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]
    if (unit === 0x0a) {
      ranges.push([start, i])
      start = i + 2
    }
  }
  ranges.push([start, bytes.length])
  return ranges
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * Whether a line holds UTF-8 text: the whole line is valid UTF-8 and not plain ASCII, or it
 * holds three UTF-8 Cyrillic letters in a row (six bytes Windows-1251 text never has: they
 * would read «РџСЂРё»).
 */
function hasUtf8Text(bytes: Uint8Array, start: number, end: number): boolean {
  const line = bytes.subarray(start, end)
  if (line.some((byte) => byte >= 0x80) && isUtf8(line)) return true
  let run = 0
  for (let i = start; i + 1 < end; i++) {
    if (bytes[i] >= 0xd0 && bytes[i] <= 0xd3 && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0xbf) {
      if (++run >= 3) return true
      i++
    } else run = 0
  }
  return false
}

/**
 * A word where a Kazakh letter became "?": a "?" opening a Cyrillic word or inside one
 * («?ызмет», «Ба?а»). A question mark ends a word, so text never has these.
 */
function lostKazakh(text: string): { line: number; word: string } | undefined {
  const match =
    /(?<![\p{L}\p{N}?])\?+\p{Script=Cyrillic}|\p{Script=Cyrillic}\?+\p{Script=Cyrillic}/u.exec(text)
  if (!match) return undefined
  const before = text.lastIndexOf('\n', match.index) + 1
  const words = /[\p{L}?]+$/u.exec(text.slice(before, match.index + 1))?.[0] ?? ''
  const after = /^[\p{L}?]*/u.exec(text.slice(match.index + 1))?.[0] ?? ''
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1)) line++
  return { line, word: words + after }
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t']
const SNIFF_LINES = 20

/**
 * The delimiter: a `sep=` first line's (as Excel honours it), else the one among `,` `;` and
 * tab that splits the first lines most consistently into two or more fields (Papa Parse's
 * guess: quoted fields are parsed, so a comma inside quotes does not count).
 */
export function sniffDelimiter(text: string): { delimiter: Delimiter; sepLine: boolean } {
  const sep = /^"?sep=(.)"?[,;\t]*\r?(\n|$)/i.exec(text)
  if (sep && DELIMITERS.includes(sep[1] as Delimiter)) {
    return { delimiter: sep[1] as Delimiter, sepLine: true }
  }
  const { meta } = Papa.parse<string[]>(text, {
    preview: SNIFF_LINES,
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: true,
  })
  const guessed = meta.delimiter as Delimiter
  return { delimiter: DELIMITERS.includes(guessed) ? guessed : ',', sepLine: false }
}
