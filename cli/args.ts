/** @module `sapa` arguments (DESIGN §2) parsed with node:util into a checked command. */
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import {
  LOCALES,
  type Locale,
  type Mapping,
  ORDERS,
  type RatingOrder,
  ROLES,
  type Role,
} from '../engine/index'
import { CliError, EXIT, redactUrls } from './errors'
import { DEFAULT_TIMEOUT_MS } from './transport'

const choices = `[--locale ${LOCALES.join('|')}] [--min-base N]
              [--order ${ORDERS.join('|')}] [--map ROLE=HEADER]… [--timeout SECONDS]
              [--quiet] [--debug]`

export const USAGE = `Usage:
  sapa report INPUT.xlsx|INPUT.csv [--sheet NAME] [--out REPORT.xlsx] [--json TABLES.json]
              [--worker URL] ${choices}
  sapa report --spreadsheet ID [--credentials FILE] [--sheet NAME] [--json TABLES.json]
              [--worker URL] ${choices}

Columns are found by their headers; --map overall="Q7. Общая оценка" names a role's column
(roles: ${ROLES.join(', ')}).
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
  options: { locale?: Locale; minBase?: number; order?: RatingOrder }
  /** `--map ROLE=HEADER`: the API's `mapping`. */
  mapping: Mapping
  quiet: boolean
  debug: boolean
}

export type Command = ReportCommand | { command: 'help' }

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
    },
    mapping: mappingOf(values.map ?? []),
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
function mappingOf(values: readonly string[]): Mapping {
  const mapping: Mapping = {}
  for (const value of values) {
    const equals = value.indexOf('=')
    const role = value.slice(0, equals).trim()
    const header = value.slice(equals + 1).trim()
    if (equals < 0)
      throw usage(`--map ${value}: use ROLE=HEADER, e.g. --map overall="Общая оценка"`)
    if (!ROLES.includes(role as Role)) {
      throw usage(`--map ${value}: "${role}" is not a role; roles: ${ROLES.join(', ')}`)
    }
    if (header === '') throw usage(`--map ${value}: name the header of the ${role} column`)
    if (mapping[role as Role] !== undefined) throw usage(`--map ${role} given twice`)
    mapping[role as Role] = header
  }
  return mapping
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
