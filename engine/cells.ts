/** @module Cell parsers: one survey cell, as people type it, to a typed value or a reason. */
import { flat } from './flat-text'
import type { Scale } from './schema'
import type { Cell } from './types'
import type { Channel, Gender, Level } from './vocabulary'
import { isCountableWeight, WEIGHT_OUTSIDE } from './weights'

/**
 * What a parser makes of one cell: a value, a missing answer, or a data issue's reason. A
 * value may carry a `note`: it is used, and the note listed as a data issue (a label cut).
 */
export type Parsed<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string | null }

const MISSING = { ok: false, reason: null } as const
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const bad = (reason: string): Parsed<never> => ({ ok: false, reason })

/** Lower case, trimmed, inner whitespace collapsed, quotes and end punctuation dropped. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[«»"“”„'’`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:!?*]+|[\s.,;:!?*]+$/g, '')
}

/** «Hard to say» and placeholders: a missing answer, never an error. */
const HARD_TO_SAY = new Set(
  [
    'жауап беруге қиналамын',
    'жауап беруге қиналады',
    'жауап беруге қиналды',
    'қиналамын',
    'білмеймін',
    'жауап жоқ',
    'затрудняюсь ответить',
    'затрудняюсь',
    'не знаю',
    'нет ответа',
    'hard to say',
    "don't know",
    'dont know',
    'do not know',
    'no answer',
    'n/a',
    'na',
    '-',
    '—',
    '–',
  ].map(normalize),
)

export function isHardToSay(text: string): boolean {
  return HARD_TO_SAY.has(normalize(text))
}

/** Verbal labels of the report's 5-point scale (line 139) in kk, ru and en. */
const SCALE_WORDS = new Map<string, number>(
  (
    [
      ['өте жақсы', 5],
      ['толығымен қанағаттанған', 5],
      ['толық қанағаттанған', 5],
      ['жақсы', 4],
      ['орташа', 3],
      ['қанағаттанарлық', 3],
      ['нашар', 2],
      ['қанағаттанарлықсыз', 2],
      ['өте нашар', 1],
      ['отлично', 5],
      ['очень хорошо', 5],
      ['полностью удовлетворен', 5],
      ['хорошо', 4],
      ['удовлетворительно', 3],
      ['средне', 3],
      ['плохо', 2],
      ['неудовлетворительно', 2],
      ['очень плохо', 1],
      ['excellent', 5],
      ['very good', 5],
      ['fully satisfied', 5],
      ['good', 4],
      ['satisfactory', 3],
      ['fair', 3],
      ['average', 3],
      ['poor', 2],
      ['bad', 2],
      ['unsatisfactory', 2],
      ['very poor', 1],
      ['very bad', 1],
    ] as const
  ).map(([word, score]) => [normalize(word), score]),
)

/** Digits with a point or comma, and an exponent as Excel writes it (`6.667E-06`). */
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/
/** "5 балл", "5 баллов", "4 points", "3 б." */
const POINTS_SUFFIX = /\s*(балл(ов|а|ы|дар)?|балдық|бал|б|points?|pts?)\.?$/

/** A number typed as text: "5", "5,0", " 4 ", "1 000", "6.667E-06". Null when it is not one. */
export function parseNumberText(text: string): number | null {
  const t = text.trim().replace(/\s+/g, '')
  return NUMBER.test(t) ? Number(t.replace(',', '.')) : null
}

function describe(cell: Cell): string {
  if (cell instanceof Date) return 'a date'
  if (typeof cell === 'boolean') return 'TRUE/FALSE'
  return 'text'
}

/**
 * A score on the scale: numbers, numeric text, "5 балл", and on the 1..5 scale its words
 * (kk/ru/en); blanks and «hard to say» are missing.
 */
export function parseScore(cell: Cell, scale: Scale = { min: 1, max: 5 }): Parsed<number> {
  const range = `${scale.min}..${scale.max}`
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return bad('not a number')
    if (!Number.isInteger(cell)) return bad(`not a whole score ${range}`)
    return cell >= scale.min && cell <= scale.max ? ok(cell) : bad(`outside the scale ${range}`)
  }
  if (cell === null || cell === undefined) return MISSING
  if (typeof cell !== 'string') return bad(`${describe(cell)}, not a score ${range}`)
  const text = normalize(cell)
  if (text === '' || HARD_TO_SAY.has(text)) return MISSING
  const word = SCALE_WORDS.get(text)
  if (word !== undefined) {
    // The words are the 5-point scale's: on any other scale they name no point.
    if (scale.min === 1 && scale.max === 5) return ok(word)
    return bad(`a word of the 5-point scale, not a score ${range}`)
  }
  const number = parseNumberText(text.replace(POINTS_SUFFIX, ''))
  if (number === null) return bad(`not a score ${range}`)
  return parseScore(number, scale)
}

/** A parser of one scale's scores. */
export const scoreParser =
  (scale: Scale) =>
  (cell: Cell): Parsed<number> =>
    parseScore(cell, scale)

const YES = new Set(['иә', 'ия', 'иа', 'йә', 'да', 'yes', 'y', 'true', 'истина', 'ақиқат', '1'])
const NO = new Set(['жоқ', 'жок', 'нет', 'no', 'n', 'false', 'ложь', 'жалған', '0'])

/** Yes/no: Иә/Жоқ, Да/Нет, Yes/No, 1/0, TRUE/FALSE. Yes = 1, no = 0. */
export function parseYesNo(cell: Cell): Parsed<0 | 1> {
  if (typeof cell === 'boolean') return ok(cell ? 1 : 0)
  if (typeof cell === 'number') {
    if (cell === 1) return ok(1)
    if (cell === 0) return ok(0)
    return bad('not yes/no (1/0)')
  }
  if (cell === null || cell === undefined) return MISSING
  if (typeof cell !== 'string') return bad(`${describe(cell)}, not yes/no`)
  const text = normalize(cell)
  if (text === '' || HARD_TO_SAY.has(text)) return MISSING
  if (YES.has(text)) return ok(1)
  if (NO.has(text)) return ok(0)
  return bad('not yes/no')
}

const CHECK_MARKS = new Set(['x', '✓', '✔', '☑', '+', 'v'])

/**
 * One option's cell of a check-all-that-apply question: yes/no as `parseYesNo`, or a check
 * mark (x, ✓, +). A blank is "not checked" when the respondent answered the question.
 */
export function parseChecked(cell: Cell): Parsed<0 | 1> {
  if (typeof cell === 'string' && CHECK_MARKS.has(normalize(cell))) return ok(1)
  const parsed = parseYesNo(cell)
  return parsed.ok || parsed.reason === null ? parsed : bad('not checked or unchecked (yes/no, x)')
}

/** A survey weight: a positive number within `WEIGHT_RANGE`. */
export function parseWeight(cell: Cell): Parsed<number> {
  const number =
    typeof cell === 'number' ? cell : typeof cell === 'string' ? parseNumberText(cell) : null
  // Blank is missing like any blank cell; the decoder makes it a data issue on a row with answers.
  if (cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')) {
    return MISSING
  }
  if (number === null || !Number.isFinite(number)) return bad('weight is not a number')
  if (!(number > 0)) return bad('weight must be positive')
  return isCountableWeight(number) ? ok(number) : bad(WEIGHT_OUTSIDE)
}

/** A group label (service, agency, region): trimmed text or a number; blank is missing. */
export function parseLabel(cell: Cell): Parsed<string> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(String(cell)) : bad('not a label')
  if (typeof cell === 'string') {
    const text = cell.trim().replace(/\s+/g, ' ')
    return text === '' ? MISSING : fitLabel(text)
  }
  if (cell === null || cell === undefined) return MISSING
  return bad(`${describe(cell)}, not a name or code`)
}

/** Stems, checked in this order: a State Corporation name can contain «мемлекеттік». */
const CHANNEL_STEMS: readonly [Channel, readonly string[]][] = [
  [
    'corp',
    [
      'корпорац',
      'мемкорп',
      'хқко',
      'хкко',
      'цон',
      'халыққа қызмет',
      'центр обслуживания',
      'corporation',
      'public service cent',
    ],
  ],
  [
    'portal',
    ['портал', 'portal', 'egov', 'e-gov', 'электрондық үкімет', 'электронн', 'онлайн', 'online'],
  ],
  ['body', ['орган', 'меморган', 'госорган', 'ведомств', 'body', 'agency', 'state body']],
]

/** Delivery channel: state body, State Corporation (ХҚКО/ЦОН) or the e-government portal. */
export function parseChannel(cell: Cell): Parsed<Channel> {
  const label = parseLabel(cell)
  if (!label.ok) return label
  const text = normalize(label.value)
  if (HARD_TO_SAY.has(text)) return MISSING
  for (const [channel, stems] of CHANNEL_STEMS) {
    if (stems.some((stem) => text.includes(stem))) return ok(channel)
  }
  return bad('not a channel (state body, State Corporation or e-government portal)')
}

const LOCAL_STEMS = ['жергілікті', 'әкімдік', 'әкімдігі', 'акимат', 'местн', 'local', 'akimat']
const LOCAL_WORDS = ['жао', 'мио']
const CENTRAL_STEMS = ['орталық', 'центральн', 'республикан', 'central', 'national']

/** Level column: central or local. */
export function parseLevel(cell: Cell): Parsed<Level> {
  const label = parseLabel(cell)
  if (!label.ok) return label
  const text = normalize(label.value)
  const words = text.split(/[\s(),.-]+/)
  if (LOCAL_WORDS.some((word) => words.includes(word))) return ok('local')
  if (LOCAL_STEMS.some((stem) => text.includes(stem))) return ok('local')
  if (CENTRAL_STEMS.some((stem) => text.includes(stem))) return ok('central')
  return bad('not a level (central or local)')
}

/** DESIGN §3: local executive bodies (ЖАО, akimats) are local, every other agency central. */
export function levelOfAgency(agency: string): Level {
  const words = normalize(agency).split(/[\s(),.-]+/)
  const text = words.join(' ')
  const local =
    LOCAL_WORDS.some((word) => words.includes(word)) ||
    text.includes('жергілікті атқарушы') ||
    text.includes('әкімдік') ||
    text.includes('әкімдігі') ||
    text.includes('акимат') ||
    text.includes('местные исполнительные') ||
    text.includes('местный исполнительный') ||
    text.includes('local executive')
  return local ? 'local' : 'central'
}

const MALE = new Set([
  'ер',
  'ер адам',
  'еркек',
  'е',
  'м',
  'муж',
  'мужской',
  'мужчина',
  'male',
  'man',
  'm',
])
const FEMALE = new Set([
  'әйел',
  'әйел адам',
  'ә',
  'ж',
  'жен',
  'женский',
  'женщина',
  'female',
  'woman',
  'f',
  'w',
])

export function parseGender(cell: Cell): Parsed<Gender> {
  const label = parseLabel(cell)
  if (!label.ok) return label
  const text = normalize(label.value)
  if (HARD_TO_SAY.has(text)) return MISSING
  if (MALE.has(text)) return ok('male')
  if (FEMALE.has(text)) return ok('female')
  return bad('not a gender')
}

export function ageBand(age: number): string {
  if (age < 18) return '<18'
  if (age <= 21) return '18-21'
  if (age <= 29) return '22-29'
  if (age <= 39) return '30-39'
  if (age <= 49) return '40-49'
  if (age <= 59) return '50-59'
  return '60+'
}

const BAND = /^(\d{1,3})\s*[-–—]\s*(\d{1,3})$|^(\d{1,3})\s*\+$|^<\s*\d{1,3}$/

/** Age in years (put into the report's bands) or a band typed as text ("18-21", "60+"). */
export function parseAge(cell: Cell): Parsed<string> {
  let years: number | null = null
  if (typeof cell === 'number') years = cell
  else if (typeof cell === 'string') {
    const text = cell.trim()
    if (text === '' || isHardToSay(text)) return MISSING
    if (BAND.test(text)) return ok(text.replace(/\s+/g, '').replace(/[–—]/, '-'))
    years = parseNumberText(text)
    if (years === null) return bad('not an age in years or a band such as 18-21')
  } else if (cell === null || cell === undefined) return MISSING
  else return bad(`${describe(cell)}, not an age`)
  if (!Number.isInteger(years)) return bad('age is not a whole number of years')
  return years >= 10 && years <= 120 ? ok(ageBand(years)) : bad('age outside 10..120')
}

/** A cell as text for a data issue: a preview of at most 1,000 characters and «…». */
export function cellText(cell: Cell): string {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString()
  const text = String(cell ?? '')
  return flat(text.length > ISSUE_VALUE_LIMIT ? `${cutText(text, ISSUE_VALUE_LIMIT)}…` : text)
}

/** Characters a Google Sheets cell holds; the report's labels go into cells of the plan. */
export const CELL_LIMIT = 50_000
/** Characters an .xlsx cell holds (Excel's limit): the .xlsx writer cuts to it. */
export const XLSX_CELL_LIMIT = 32_767
const ISSUE_VALUE_LIMIT = 1000

/**
 * `text` cut to at most `limit` UTF-16 code units (how Sheets and Excel count characters),
 * never through a surrogate pair.
 */
export function cutText(text: string, limit = CELL_LIMIT): string {
  if (text.length <= limit) return text
  const last = text.charCodeAt(limit - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit)
}

/** A label as a cell can hold it: longer text is cut, and the cut is noted as a data issue. */
export function fitLabel(text: string): Parsed<string> {
  // Labels go into every table of the answer: made flat once here (flat-text.ts).
  if (text.length <= CELL_LIMIT) return ok(flat(text))
  const length = text.length.toLocaleString('en-US')
  return {
    ok: true,
    value: flat(cutText(text)),
    note: `longer than the 50,000 characters a spreadsheet cell holds (${length}): cut`,
  }
}

/** What spreadsheets show for a formula that failed (Excel's and Sheets' error values). */
const FORMULA_ERRORS = new Set([
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#ERROR!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
])

/**
 * How a reader passes a formula whose value was never saved (a file written by a program
 * that does not compute formulas): this mark, a space and the formula, `#NO_VALUE! =B2*2`.
 * Like a spreadsheet's error values, no sheet holds it as text; a label such as `=1+1` is
 * text and stays a label.
 */
export const NO_SAVED_VALUE = '#NO_VALUE!'

/**
 * A cell that holds no value but a formula: a spreadsheet's error value (`#N/A`), or a
 * formula without a saved value as a reader marks it (`NO_SAVED_VALUE`). A data issue's
 * reason, or null for any other cell.
 */
export function formulaProblem(cell: Cell): Parsed<never> | null {
  // Every error value and the mark start with '#': most cells are answered without a copy.
  if (typeof cell !== 'string' || !cell.includes('#')) return null
  if (cell.startsWith(NO_SAVED_VALUE)) {
    return bad(
      'a formula without a saved value: open the file in Excel or LibreOffice and save it, so that its values are computed',
    )
  }
  const text = cell.trim()
  return FORMULA_ERRORS.has(text.toUpperCase())
    ? bad(`a formula error (${text}) in the spreadsheet`)
    : null
}
