/**
 * Run by test/engine/json-fast-path.test.ts under `node --allow-natives-syntax --import tsx`:
 * builds the reference reports' answers and prints, on stdout, V8's own description of every
 * distinct text in them (`%DebugPrint`), and on stderr one JSON line: how many texts were
 * printed and the paths of objects V8 keeps as hash tables.
 */
import { readFileSync } from 'node:fs'
import { report } from '../../engine/index'
import { parseCsv } from '../../samples/generator/csv'

// Natives only parse with the flag, and only in code compiled at run time.
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (
  o: object,
) => boolean
const debugPrint = new Function('s', '%DebugPrint(s)') as (s: string) => void

/** V8 keeps objects with more properties than this as hash tables, however they are made. */
const MAX_FAST_PROPERTIES = 1020

const csv = (name: string) => {
  const [header, ...rows] = parseCsv(readFileSync(`samples/${name}`, 'utf8'))
  return { header, rows }
}
const json = (name: string) => JSON.parse(readFileSync(`samples/${name}`, 'utf8'))
const q17 = json('survey-2017.questions.json')
const q10 = json('survey-10point.questions.json')
const reports = {
  '2017 with 2016': () =>
    report({ ...csv('survey-2017.csv'), questions: q17.questions }, {}, csv('survey-2016.csv')),
  '10-point': () =>
    report(
      { ...csv('survey-10point.csv'), questions: q10.questions },
      { scale: q10.scale, locale: 'en' },
    ),
}

const texts = new Set<string>()
const slow: string[] = []
function walk(value: unknown, path: string) {
  if (typeof value === 'string') {
    if (!texts.has(value)) debugPrint(value)
    texts.add(value)
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(item, `${path}[${i}]`)
    })
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length <= MAX_FAST_PROPERTIES && !hasFastProperties(value)) slow.push(path)
    for (const key of keys) walk((value as Record<string, unknown>)[key], `${path}.${key}`)
  }
}
for (const [name, make] of Object.entries(reports)) {
  const { engine, summary, tables, issues } = make()
  walk({ engine, summary, tables, issues }, name)
}
process.stderr.write(`${JSON.stringify({ texts: texts.size, slow })}\n`)
