/**
 * @module The questions a survey declares beside the report's roles (DESIGN §3): from
 * `--questions FILE.json` and from `--question KEY=TYPE:TEXT`, whose texts are read as the
 * survey's headers, commas and all.
 */
import { readFile } from 'node:fs/promises'
import {
  ASPECTS,
  type Cell,
  checkQuestions,
  checkScale,
  headerKey,
  type Question,
  questionColumns,
  type Scale,
  SurveyError,
} from '../engine/index'
import type { QuestionFlag } from './args'
import { CliError, EXIT, oneLine } from './errors'

/** What a `--questions` file declares: its questions, and the scale when it gives one. */
export interface QuestionsFile {
  questions: Question[]
  scale?: Scale
}

/**
 * Reads `--questions FILE.json`: a JSON array of questions as the API takes them, or an object
 * `{"questions": [...], "scale"?: {...}}` (the form of samples/survey-10point.questions.json).
 * @throws {CliError} exit 3 naming the file and what is wrong in it
 */
export async function readQuestionsFile(path: string): Promise<QuestionsFile> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new CliError(`--questions ${path}: ${reason}`, EXIT.input, { cause })
  }
  let text = ''
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    fail(code === 'ENOENT' ? 'file not found' : `cannot read (${oneLine(message)})`, error)
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    fail(`not JSON (${oneLine((error as Error).message)})`, error)
  }
  let declared: unknown = value
  let scale: Scale | undefined
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { questions, scale: given, ...rest } = value as Record<string, unknown>
    const extra = Object.keys(rest)[0]
    if (extra !== undefined) fail(`unknown field "${extra}": give "questions" and maybe "scale"`)
    if (questions === undefined) fail('no "questions" in it')
    declared = questions
    try {
      if (given !== undefined) scale = checkScale(given)
    } catch (error) {
      fail((error as Error).message, error)
    }
  } else if (!Array.isArray(value)) {
    fail('must hold an array of questions, or {"questions": [...]}')
  }
  try {
    return { questions: checkQuestions(declared), ...(scale ? { scale } : {}) }
  } catch (error) {
    if (!(error instanceof SurveyError)) throw error
    return fail(error.message, error)
  }
}

/**
 * The questions of the `--question` flags and the file, their headers checked against the
 * survey's. A flag's text is one header, or for a multi question the headers it lists,
 * separated by commas: a comma inside a header (the sample's «Күту жағдайы: Күту залы
 * ыңғайсыз, үстелдер жоқ») is read as part of it when the survey has such a header.
 * @param source names the survey in messages
 * @throws {CliError} exit 2 for a flag, exit 3 for the file, naming the header not found,
 * a text that reads as headers in more than one way, or a key declared in both
 */
export function resolveQuestions(
  flags: readonly QuestionFlag[],
  file: { path: string; questions: readonly Question[] } | undefined,
  header: readonly Cell[],
  source: string,
): Question[] {
  const texts = header.map((cell) => String(cell ?? '').trim())
  const byKey = new Map<string, string>()
  texts.forEach((text) => {
    if (text !== '') byKey.set(headerKey(text), text)
  })
  const shown = texts.filter(Boolean).map((text) => `«${text}»`)
  const found = `Headers of ${source}: ${shown.slice(0, 40).join(', ')}${shown.length > 40 ? ', …' : ''}`
  const questions: Question[] = []
  for (const question of file?.questions ?? []) {
    const wanted = questionColumns(question)
    const missing = wanted.find((text) => !byKey.has(headerKey(text)))
    if (missing !== undefined) {
      throw new CliError(
        `--questions ${file?.path}: question "${question.key}" reads «${missing}», which is not a header of ${source}. ${found}`,
        EXIT.input,
      )
    }
    questions.push(question)
  }
  for (const flag of flags) {
    const bad = (message: string): never => {
      throw new CliError(`--question ${flag.given[0]}: ${message}`, EXIT.usage)
    }
    if (questions.some((q) => q.key === flag.key)) {
      bad(`"${flag.key}" is also declared in --questions ${file?.path}`)
    }
    if (flag.type !== 'multi') {
      const text = flag.texts[0].trim()
      const column = byKey.get(headerKey(text))
      if (column === undefined) bad(`«${text}» is not a header of ${source}. ${found}`)
      questions.push({ key: flag.key, type: flag.type, header: column })
      continue
    }
    const headers: string[] = []
    flag.texts.forEach((text, i) => {
      const read = splitHeaders(text, byKey)
      if (read.kind === 'none') {
        throw new CliError(
          `--question ${flag.given[i]}: «${read.piece}» is not a header of ${source} (a multi question's headers are separated by commas, or given one per --question ${flag.key}=multi:HEADER). ${found}`,
          EXIT.usage,
        )
      }
      if (read.kind === 'ambiguous') {
        throw new CliError(
          `--question ${flag.given[i]}: reads as the headers of ${source} in more than one way (${read.readings.map((r) => r.map((h) => `«${h}»`).join(' + ')).join(' or ')}); give each header with its own --question ${flag.key}=multi:HEADER`,
          EXIT.usage,
        )
      }
      headers.push(...read.headers)
    })
    const twice = headers.find((h, i) => headers.indexOf(h) !== i)
    if (twice !== undefined) bad(`«${twice}» is given twice for "${flag.key}"`)
    questions.push({ key: flag.key, type: 'multi', headers })
  }
  return questions
}

type Reading =
  | { kind: 'one'; headers: string[] }
  | { kind: 'ambiguous'; readings: string[][] }
  | { kind: 'none'; piece: string }

/**
 * `text` cut at commas into pieces that are each a header (a piece may hold commas of its
 * own): the one way to do so, or the first two ways, or the first piece that starts no header.
 */
function splitHeaders(text: string, byKey: ReadonlyMap<string, string>): Reading {
  const cuts = [-1]
  for (let i = 0; i < text.length; i++) if (text[i] === ',') cuts.push(i)
  cuts.push(text.length)
  // ways[k]: the readings of the text up to cut k (at most two kept: one is all that is wanted).
  const ways: string[][][] = cuts.map(() => [])
  ways[0].push([])
  for (let k = 1; k < cuts.length; k++) {
    for (let j = 0; j < k; j++) {
      if (ways[j].length === 0) continue
      const column = byKey.get(headerKey(text.slice(cuts[j] + 1, cuts[k])))
      if (column === undefined) continue
      for (const way of ways[j]) if (ways[k].length < 2) ways[k].push([...way, column])
    }
  }
  const readings = ways[cuts.length - 1]
  if (readings.length === 1) return { kind: 'one', headers: readings[0] }
  if (readings.length > 1) return { kind: 'ambiguous', readings }
  const pieces = text.split(',').map((piece) => piece.trim())
  return { kind: 'none', piece: pieces.find((p) => !byKey.has(headerKey(p))) ?? text.trim() }
}

/**
 * `--exclude-driver` keys: the aspects and the rating questions are the drivers' items.
 * @throws {CliError} exit 2 naming a key that is neither
 */
export function checkDriverKeys(
  keys: readonly string[],
  questions: readonly Pick<Question, 'key' | 'type'>[],
): void {
  const items = [...ASPECTS, ...questions.filter((q) => q.type === 'rating').map((q) => q.key)]
  for (const key of keys) {
    if (!items.includes(key)) {
      throw new CliError(
        `--exclude-driver ${key}: not a rated item; items: ${items.join(', ')} (sapa --help for usage)`,
        EXIT.usage,
      )
    }
  }
}
