/**
 * CSV bytes as Excel writes them: "CSV" (the ANSI code page, Windows-1251 in Kazakhstan and
 * Russia, with the locale's list separator `;`), "CSV UTF-8" (a byte-order mark) and "Unicode
 * Text" (UTF-16LE with a byte-order mark, tab-delimited); CRLF line ends; a field quoted when
 * it holds the delimiter, a quote or a line break, its quotes doubled.
 */

export type ExcelCsvFormat = 'csv-1251' | 'csv-utf8' | 'unicode-text' | 'utf8-plain'

const DEFAULT_DELIMITER: Record<ExcelCsvFormat, string> = {
  'csv-1251': ';',
  'csv-utf8': ';',
  'unicode-text': '\t',
  'utf8-plain': ',',
}

export function excelCsv(
  rows: readonly (readonly (string | number)[])[],
  format: ExcelCsvFormat,
  delimiter = DEFAULT_DELIMITER[format],
): Buffer {
  const text = rows
    .map((row) =>
      row
        .map((cell) => {
          const value = String(cell)
          return /["\r\n]/.test(value) || value.includes(delimiter)
            ? `"${value.replaceAll('"', '""')}"`
            : value
        })
        .join(delimiter),
    )
    .join('\r\n')
    .concat('\r\n')
  if (format === 'csv-1251') return windows1251(text)
  if (format === 'csv-utf8')
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
  if (format === 'unicode-text') {
    return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  }
  return Buffer.from(text)
}

/**
 * Windows-1251 bytes of `text`, as Excel writes them: a character the code page lacks (the
 * Kazakh ә ғ қ ң ө ұ ү һ) becomes "?". The table is the inverse of WHATWG's windows-1251 index.
 */
export function windows1251(text: string): Buffer {
  const table = new Map<string, number>()
  const decoded = new TextDecoder('windows-1251').decode(
    Uint8Array.from({ length: 128 }, (_, i) => 128 + i),
  )
  for (const [i, char] of [...decoded].entries()) table.set(char, 128 + i)
  return Buffer.from(
    [...text].map((char) =>
      char.charCodeAt(0) < 128 ? char.charCodeAt(0) : (table.get(char) ?? 0x3f),
    ),
  )
}
