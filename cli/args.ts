/** @module `sapa` arguments (DESIGN §2) parsed with node:util into a checked command. */
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import {
  CORRECTIONS,
  type Correction,
  checkQuestions,
  checkScale,
  isSignificanceLevel,
  LOCALES,
  type Locale,
  type Mapping,
  ORDERS,
  QUESTION_TYPES,
  type QuestionType,
  type RatingOrder,
  ROLES,
  type Role,
  type Scale,
  SurveyError,
} from '../engine/index'
import { CliError, EXIT, redactUrls } from './errors'
import { DEFAULT_TIMEOUT_MS } from './transport'

const choices = `[--locale ${LOCALES.join('|')}] [--min-base N]
              [--order ${ORDERS.join('|')}] [--map ROLE=HEADER]…
              [--question KEY=TYPE:HEADER[,HEADER…]]… [--questions FILE.json]
              [--scale MIN..MAX] [--significance ${CORRECTIONS.join('|')}] [--level P]
              [--exclude-driver KEY]… [--previous PREVIOUS.xlsx|csv [--previous-map ROLE=HEADER]…]
              [--margins MARGINS.csv [--trim MIN..MAX]] [--json-body] [--timeout SECONDS]
              [--quiet] [--debug]`

export const USAGE = `Usage:
  sapa report INPUT.xlsx|INPUT.csv [--sheet NAME] [--out REPORT.xlsx] [--json TABLES.json]
              [--worker URL] ${choices}
  sapa report --spreadsheet ID [--credentials FILE] [--sheet NAME] [--json TABLES.json]
              [--worker URL] ${choices}

Columns are found by their headers; --map overall="Q7. Общая оценка" names a role's column
(roles: ${ROLES.join(', ')}).
--question declares another column (types: ${QUESTION_TYPES.join(', ')}), e.g.
  --question waiting=rating:"Кезек күту уақыты"; a multi question takes several headers, comma-
  separated or one per --question with the same KEY; --questions reads them from a JSON file.
--scale 1..10: the answer scale (default 1..5). --significance: the correction across a table
  (default fdr), --level: its two-sided level (default 0.05). --exclude-driver trust: leave an
  item out of the key drivers' model.
--previous: last wave's survey, compared on the services both contain (same scale).
--margins: a CSV of role,category,share to rake the weights to; --trim 0.3..3 bounds them.
--json-body: send the survey as JSON instead of the binary form (for debugging).
Without --worker, a local Worker runs under wrangler dev for the duration of the command.
With --worker, requests are signed with the SAPA_HMAC_SECRET environment variable.
--timeout: give up when the Worker sends nothing for that long (default ${DEFAULT_TIMEOUT_MS / 1000}).`

/** Longest --timeout: a day. */
const MAX_TIMEOUT_SECONDS = 86_400

export interface ReportCommand {
  command: 'report'
  /** A survey file, or else a Google spreadsheet id. */
  input: { file: string } | { spreadsheet: string; credentials?: string }
  sheet?: string
  out?: string
  json?: string
  worker?: string
  /** `--timeout` in ms: the longest wait for the Worker's next byte; the transport's default when unset. */
  timeoutMs?: number
  options: {
    locale?: Locale
    minBase?: number
    order?: RatingOrder
    scale?: Scale
    significance?: { level?: number; correction?: Correction }
  }
  /** `--map ROLE=HEADER`: the API's `mapping`. */
  mapping: Mapping
  /** `--question`, in order, each KEY once: its headers resolved against the survey's header later. */
  questions: QuestionFlag[]
  /** `--questions FILE.json`. */
  questionsFile?: string
  /** `--exclude-driver KEY`, checked once the declared questions are known. */
  excludeDrivers: string[]
  /** `--previous FILE` and its own `--previous-map`. */
  previous?: { file: string; mapping: Mapping }
  /** `--margins FILE.csv` and `--trim`. */
  margins?: { file: string; trim?: { min?: number; max?: number } }
  /** `--json-body`: the survey as JSON rather than the binary body. */
  jsonBody: boolean
  quiet: boolean
  debug: boolean
}

export type Command = ReportCommand | { command: 'help' }

/**
 * One question of `--question KEY=TYPE:TEXT`: each TEXT given for it (a multi question's KEY may
 * be repeated), read as headers once the survey's header is known (`resolveQuestions`).
 */
export interface QuestionFlag {
  key: string
  type: QuestionType
  /** Each `--question` value's text after the colon, as typed. */
  texts: string[]
  /** The values as typed, to name in messages. */
  given: string[]
}

/** @throws {CliError} exit 2 with a message naming the bad argument. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    // node:util's messages name the flag; the usage follows with --help.
    throw usage((error as Error).message.replace(/\. To specify a positional.*$/, ''))
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  const [command, ...inputs] = positionals
  if (command === undefined) throw usage('no command given; try "sapa report INPUT.xlsx"')
  if (command !== 'report') throw usage(`unknown command "${command}"; the command is "report"`)
  if (inputs.length > 1) throw usage(`one input file, not ${inputs.length}: ${inputs.join(' ')}`)
  const [file] = inputs
  const { spreadsheet, credentials } = values

  let input: ReportCommand['input']
  if (spreadsheet !== undefined) {
    if (file !== undefined) throw usage('give an input file or --spreadsheet, not both')
    if (values.out !== undefined) {
      throw usage('--out writes an .xlsx from a file input; --spreadsheet writes into the sheet')
    }
    if (!spreadsheet.trim()) throw usage('--spreadsheet needs the spreadsheet id')
    input = { spreadsheet: spreadsheet.trim(), credentials }
  } else {
    if (file === undefined) throw usage('no input file; try "sapa report INPUT.xlsx"')
    if (credentials !== undefined) throw usage('--credentials goes with --spreadsheet')
    input = { file }
  }
  if (values.out !== undefined && extname(values.out).toLowerCase() !== '.xlsx') {
    throw usage(`--out ${values.out}: the report workbook's name must end in .xlsx`)
  }
  if (values['previous-map'] !== undefined && values.previous === undefined) {
    throw usage('--previous-map maps the columns of --previous: give --previous FILE')
  }
  if (values.trim !== undefined && values.margins === undefined) {
    throw usage('--trim bounds the weights of --margins: give --margins FILE.csv')
  }
  const correction = oneOf('--significance', values.significance, CORRECTIONS)
  const level = values.level === undefined ? undefined : levelOf(values.level)
  return {
    command: 'report',
    input,
    sheet: values.sheet,
    out: values.out,
    json: values.json,
    worker: values.worker === undefined ? undefined : workerUrl(values.worker),
    timeoutMs: values.timeout === undefined ? undefined : timeoutMs(values.timeout),
    options: {
      locale: oneOf('--locale', values.locale, LOCALES),
      minBase: values['min-base'] === undefined ? undefined : minBase(values['min-base']),
      order: oneOf('--order', values.order, ORDERS),
      scale: values.scale === undefined ? undefined : scaleOf(values.scale),
      significance:
        correction === undefined && level === undefined ? undefined : { level, correction },
    },
    mapping: mappingOf(values.map ?? []),
    questions: questionsOf(values.question ?? []),
    questionsFile: nonEmpty('--questions', values.questions),
    excludeDrivers: [...new Set(values['exclude-driver'] ?? [])].map((key) =>
      driverKey(key.trim()),
    ),
    previous:
      values.previous === undefined
        ? undefined
        : {
            file: nonEmpty('--previous', values.previous) as string,
            mapping: mappingOf(values['previous-map'] ?? [], '--previous-map'),
          },
    margins:
      values.margins === undefined
        ? undefined
        : {
            file: nonEmpty('--margins', values.margins) as string,
            trim: values.trim === undefined ? undefined : trimOf(values.trim),
          },
    jsonBody: values['json-body'] === true,
    quiet: values.quiet === true,
    debug: values.debug === true,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      sheet: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      worker: { type: 'string' },
      locale: { type: 'string' },
      'min-base': { type: 'string' },
      order: { type: 'string' },
      timeout: { type: 'string' },
      map: { type: 'string', multiple: true },
      question: { type: 'string', multiple: true },
      questions: { type: 'string' },
      scale: { type: 'string' },
      significance: { type: 'string' },
      level: { type: 'string' },
      'exclude-driver': { type: 'string', multiple: true },
      previous: { type: 'string' },
      'previous-map': { type: 'string', multiple: true },
      margins: { type: 'string' },
      trim: { type: 'string' },
      'json-body': { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
      spreadsheet: { type: 'string' },
      credentials: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]) {
  if (value === undefined) return undefined
  if (!allowed.includes(value as T)) throw usage(`${flag} ${value}: use ${allowed.join(', ')}`)
  return value as T
}

/** `--map ROLE=HEADER`, repeatable: each role once, each header named. */
function mappingOf(values: readonly string[], flag = '--map'): Mapping {
  const mapping: Mapping = {}
  for (const value of values) {
    const equals = value.indexOf('=')
    const role = value.slice(0, equals).trim()
    const header = value.slice(equals + 1).trim()
    if (equals < 0)
      throw usage(`${flag} ${value}: use ROLE=HEADER, e.g. ${flag} overall="Общая оценка"`)
    if (!ROLES.includes(role as Role)) {
      throw usage(`${flag} ${value}: "${role}" is not a role; roles: ${ROLES.join(', ')}`)
    }
    if (header === '') throw usage(`${flag} ${value}: name the header of the ${role} column`)
    if (mapping[role as Role] !== undefined) throw usage(`${flag} ${role} given twice`)
    mapping[role as Role] = header
  }
  return mapping
}

/**
 * `--question KEY=TYPE:TEXT`, repeatable; a multi question's KEY may come again, each time with
 * more of its headers. Key and type are checked by the engine's rules here; the headers once
 * the survey's header is read.
 */
function questionsOf(values: readonly string[]): QuestionFlag[] {
  const byKey = new Map<string, QuestionFlag>()
  for (const value of values) {
    const match = /^\s*([^=:]*?)\s*=\s*([^:]*?)\s*:(.*)$/s.exec(value)
    if (!match) {
      throw usage(
        `--question ${value}: use KEY=TYPE:HEADER, e.g. --question waiting=rating:"Кезек күту уақыты"`,
      )
    }
    const [, key, type, text] = match
    if (!QUESTION_TYPES.includes(type as QuestionType)) {
      throw usage(`--question ${value}: type "${type}": use ${QUESTION_TYPES.join(', ')}`)
    }
    if (text.trim() === '') throw usage(`--question ${value}: name the header of its column`)
    const seen = byKey.get(key)
    if (seen) {
      if (seen.type !== 'multi' || type !== 'multi') {
        throw usage(
          `--question ${value}: "${key}" is declared twice; only a multi question's KEY is repeated, one header or more each time`,
        )
      }
      seen.texts.push(text)
      seen.given.push(value)
      continue
    }
    try {
      const header = type === 'multi' ? { headers: ['-'] } : { header: '-' }
      checkQuestions([...[...byKey.values()].map(placeholder), { key, type, ...header }])
    } catch (error) {
      if (!(error instanceof SurveyError)) throw error
      throw usage(`--question ${value}: ${error.message.replace(/^"questions\[\d+\]" /, '')}`)
    }
    byKey.set(key, { key, type: type as QuestionType, texts: [text], given: [value] })
  }
  return [...byKey.values()]
}

/** A question already read, with a header that passes the check, so a key's clash is found. */
const placeholder = ({ key, type }: QuestionFlag) =>
  type === 'multi' ? { key, type, headers: ['-'] } : { key, type, header: '-' }

/** `--scale MIN..MAX`, by the engine's rule: MIN 0 or 1, MAX 5..10. */
function scaleOf(value: string): Scale {
  const match = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(value)
  const scale = match && { min: Number(match[1]), max: Number(match[2]) }
  try {
    if (scale) return checkScale(scale)
  } catch (error) {
    if (!(error instanceof SurveyError)) throw error
  }
  throw usage(`--scale ${value}: use MIN..MAX with MIN 0 or 1 and MAX 5 to 10, e.g. --scale 1..10`)
}

/** `--level P`: the two-sided significance level, as the Worker takes it. */
function levelOf(value: string): number {
  const level = Number(value)
  if (!(/^\s*0?\.\d+\s*$/.test(value) && isSignificanceLevel(level))) {
    throw usage(`--level ${value}: use a number between 0 and 0.5, e.g. 0.05 for 95 %`)
  }
  return level
}

/** `--trim MIN..MAX`, either side may be left out (`0.3..`, `..3`): multiples of the mean weight. */
function trimOf(value: string): { min?: number; max?: number } {
  const parts = value.split('..').map((part) => part.trim())
  const bound = (text: string) =>
    text === '' ? undefined : /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN
  const [min, max] = parts.length === 2 ? parts.map(bound) : [Number.NaN, Number.NaN]
  const ok =
    !Number.isNaN(min) &&
    !Number.isNaN(max) &&
    (min !== undefined || max !== undefined) &&
    (min === undefined || (min > 0 && min <= 1)) &&
    (max === undefined || max >= 1)
  if (!ok) {
    throw usage(
      `--trim ${value}: use MIN..MAX, multiples of the mean weight with MIN in (0, 1] and MAX ≥ 1, e.g. --trim 0.3..3 (or 0.3.. or ..3)`,
    )
  }
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }
}

/** An item's key as the drivers table has it: a letter, then letters, digits or `_`. */
function driverKey(key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key)) {
    throw usage(`--exclude-driver ${key}: use an item's key, e.g. --exclude-driver trust`)
  }
  return key
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw usage(`${flag} needs a file name`)
  return value
}

function minBase(value: string): number {
  const n = Number(value)
  if (!(/^\d+$/.test(value) && Number.isSafeInteger(n) && n > 0)) {
    throw usage(`--min-base ${value}: use a positive whole number`)
  }
  return n
}

function timeoutMs(value: string): number {
  const seconds = Number(value)
  if (!(/^\d+(\.\d+)?$/.test(value) && seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw usage(
      `--timeout ${value}: use a number of seconds above 0, at most ${MAX_TIMEOUT_SECONDS}`,
    )
  }
  return Math.round(seconds * 1000)
}

/** The Worker's base URL, without a trailing slash. */
function workerUrl(value: string): string {
  const shown = redactUrls(value)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw usage(`--worker ${shown}: not a URL (e.g. https://sapa.example.workers.dev)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(`--worker ${shown}: use an http or https URL`)
  }
  // The Worker authenticates HMAC signatures, never a user and password: sending them (as
  // Basic authentication) would only put them in a log, so the URL must not carry them.
  if (url.username !== '' || url.password !== '') {
    throw usage(
      `--worker ${shown}: remove the user and password from the URL; requests are signed with SAPA_HMAC_SECRET`,
    )
  }
  return url.href.replace(/\/+$/, '')
}

function usage(message: string): CliError {
  return new CliError(`${message} (sapa --help for usage)`, EXIT.usage)
}
