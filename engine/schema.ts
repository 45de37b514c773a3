/**
 * @module The survey's schema: its scale and the questions declared beside the report's roles,
 * checked once, so that decoding, counting and the tables agree on what a state holds.
 */
import { SurveyError } from './errors'
import type { Mapping } from './types'
import { ASPECTS, BARRIERS, ROLES } from './vocabulary'

/** The answer scale of the overall score and every rated item: min 0 or 1, max 5..10. */
export interface Scale {
  min: number
  max: number
}
export const DEFAULT_SCALE: Scale = { min: 1, max: 5 }

export const QUESTION_TYPES = ['rating', 'yesno', 'choice', 'multi'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/**
 * A column (or, for `multi`, several) declared beside the report's roles: `rating` on the
 * scale (like an aspect), `yesno` (like a barrier), `choice` (one answer among options),
 * `multi` (one yes/no column per option of a check-all-that-apply question).
 */
export interface Question {
  key: string
  type: QuestionType
  /** The column of a rating, yesno or choice question. */
  header?: string
  /** The columns of a multi question, one per option. */
  headers?: string[]
}

/** What a state counts, fixed by the survey's columns and its declaration. */
export interface Schema {
  scale: Scale
  /** Rated items: the mapped aspects in the report's order, then the rating questions. */
  ratings: string[]
  /** Yes/no items: the mapped barriers, then the yesno questions. */
  yesno: string[]
  /** Check-all-that-apply questions; their options are their columns' headers. */
  multi: { key: string; options: string[] }[]
  /** Single-choice questions; their options are the answers found. */
  choices: string[]
}

/** A declared question with the column(s) it reads. */
export interface DeclaredQuestion extends Question {
  columns: number[]
}

/**
 * The schema of a survey with these roles mapped and these questions on these columns: made
 * here alone, so that a state sent back is checked against exactly what decoding made.
 * A multi question's options are its columns' header texts as the survey has them.
 */
export function schemaOf(
  scale: Scale,
  mapping: Mapping,
  questions: readonly DeclaredQuestion[],
  header: readonly string[],
): Schema {
  const keys = (type: QuestionType) => questions.filter((q) => q.type === type).map((q) => q.key)
  return {
    scale,
    ratings: [...ASPECTS.filter((a) => mapping[a] !== undefined), ...keys('rating')],
    yesno: [...BARRIERS.filter((b) => mapping[b] !== undefined), ...keys('yesno')],
    multi: questions
      .filter((q) => q.type === 'multi')
      .map((q) => ({ key: q.key, options: q.columns.map((c) => header[c]) })),
    choices: keys('choice'),
  }
}

/** Number of points of a scale (5 on 1..5, 11 on 0..10). */
export const pointsOf = (scale: Scale) => scale.max - scale.min + 1

/** The headers of the columns a question reads: a multi question's several, another's one. */
export function questionColumns(question: Question): string[] {
  return question.type === 'multi' ? (question.headers ?? []) : [question.header ?? '']
}

/**
 * How a declared question's header is compared with the survey's: case and runs of spaces aside.
 * @example headerKey(' Кезек  күту ') // 'кезек күту'
 */
export function headerKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ')
}

/**
 * Whether `value` is a two-sided significance level the report takes: a number between 0 and 0.5
 * (0.05 for 95 % confidence), both excluded.
 */
export function isSignificanceLevel(value: unknown): value is number {
  return typeof value === 'number' && value > 0 && value < 0.5
}

/** Whether two schemas count the same things in the same places. */
export function sameSchema(a: Schema, b: Schema): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The scale as given, or 1..5. Whole numbers, min 0 or 1, max 5..10.
 * @throws {SurveyError} `bad_input` naming what is wrong
 */
export function checkScale(value: unknown): Scale {
  if (value === undefined) return DEFAULT_SCALE
  const scale = value as Partial<Scale>
  const ok =
    typeof value === 'object' &&
    value !== null &&
    (scale.min === 0 || scale.min === 1) &&
    Number.isInteger(scale.max) &&
    (scale.max as number) >= 5 &&
    (scale.max as number) <= 10
  if (!ok) {
    throw new SurveyError(
      'bad_input',
      `the scale must be {"min": 0 or 1, "max": 5..10}, got ${safeJson(value)}`,
      { field: 'scale' },
    )
  }
  return { min: scale.min as number, max: scale.max as number }
}

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
/** Keys the tables already use for their own columns: a question may not take one. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set<string>([
  ...ROLES,
  ...ASPECTS,
  ...BARRIERS,
  'n',
  'rank',
  'rankLow',
  'rankHigh',
  'label',
  'group',
  'groupType',
  'overall',
  'delta',
  'satisfaction',
  'mean',
  'top2',
  'score10',
  'index',
  'connections',
  'informalPayments',
  'complaints',
  'total',
])

/**
 * The declared questions, checked: a key each (a letter, then letters, digits or `_`, unique,
 * not one the tables use), a known type, and the header (or, for `multi`, headers) it reads.
 * Whether the headers exist is checked against the survey's header when it is decoded.
 * @throws {SurveyError} `bad_input` naming the question and what is wrong
 */
export function checkQuestions(value: unknown): Question[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    throw new SurveyError('bad_input', '"questions" must be an array', { field: 'questions' })
  }
  const keys = new Set<string>()
  return value.map((item, i): Question => {
    const field = `questions[${i}]`
    const bad = (what: string): never => {
      throw new SurveyError('bad_input', `"${field}" ${what}`, { field })
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) bad('must be an object')
    const { key, type, header, headers, ...rest } = item as Record<string, unknown>
    const extra = Object.keys(rest)[0]
    if (extra !== undefined) bad(`has an unknown field "${extra}": key, type, header, headers`)
    if (typeof key !== 'string' || !KEY.test(key)) {
      bad(`needs a "key": a letter, then letters, digits or _ (at most 64), got ${safeJson(key)}`)
    }
    const k = key as string
    if (RESERVED_KEYS.has(k)) bad(`key "${k}" is a column the tables already have: choose another`)
    if (keys.has(k)) bad(`key "${k}" is declared twice`)
    keys.add(k)
    if (!(QUESTION_TYPES as readonly unknown[]).includes(type)) {
      bad(`needs a "type": one of ${QUESTION_TYPES.join(', ')}, got ${safeJson(type)}`)
    }
    if (type === 'multi') {
      if (header !== undefined) bad('is multi: give its columns as "headers", not "header"')
      const ok =
        Array.isArray(headers) &&
        headers.length > 0 &&
        headers.every((h) => typeof h === 'string' && h.trim() !== '')
      if (!ok) bad('is multi: "headers" must list its columns, one per option')
      return { key: k, type, headers: (headers as string[]).map((h) => h.trim()) }
    }
    if (headers !== undefined) bad(`is ${String(type)}: give its column as "header"`)
    if (typeof header !== 'string' || header.trim() === '') bad('needs the "header" of its column')
    return { key: k, type: type as QuestionType, header: (header as string).trim() }
  })
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value)
    return text.length > 80 ? `${text.slice(0, 80)}…` : text
  } catch {
    return typeof value
  }
}
