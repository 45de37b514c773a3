/** @module The one title-clash policy of every writer: a numbered suffix, within a length. */

/**
 * `title` trimmed and cut to `maxLength` or, when `taken` says that is in use, the first free
 * one of `title (2)`, `title (3)`… cut so that the suffix fits. The caller says what is taken
 * and how names compare (Sheets and Excel ignore case); a sheet already there is never renamed.
 *
 * @example
 * freeTitle('Rating', caseless(['rating']), 31) // → 'Rating (2)'
 */
export function freeTitle(
  title: string,
  taken: (candidate: string) => boolean,
  maxLength: number,
): string {
  const base = title.trim() || 'Sapa'
  let candidate = cut(base, maxLength)
  for (let n = 2; taken(candidate); n++) {
    const suffix = ` (${n})`
    candidate = cut(base, maxLength - suffix.length) + suffix
  }
  return candidate
}

/** A `taken` test for `freeTitle` over names compared regardless of case. */
export function caseless(names: Iterable<string>): (candidate: string) => boolean {
  const lower = new Set([...names].map((name) => name.toLowerCase()))
  return (candidate) => lower.has(candidate.toLowerCase())
}

/** The first `length` characters, never half of a surrogate pair, without trailing spaces. */
export function cut(text: string, length: number): string {
  if (text.length <= length) return text
  const end = /[\uD800-\uDBFF]/.test(text[length - 1] ?? '') ? length - 1 : length
  return text.slice(0, end).trimEnd()
}
