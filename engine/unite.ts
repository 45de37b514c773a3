/** @module Two chunks' labels of one role as one list, shared by merging states and raking samples. */

/** a's labels, then b's new ones; `fromB` maps a code of b to the united code. */
export function unite(a: readonly string[], b: readonly string[]) {
  const labels = [...a]
  const index = new Map<string, number>(labels.map((label, code) => [label, code]))
  const codes = b.map((label) => {
    let code = index.get(label)
    if (code === undefined) {
      code = labels.push(label) - 1
      index.set(label, code)
    }
    return code
  })
  return { labels, fromB: (code: number) => (code < 0 ? code : codes[code]) }
}
