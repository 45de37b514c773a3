/** @module The command line's failures: a one-line message and the exit code it ends with. */

/** Exit codes, so automation can tell whose fault a failure was. */
export const EXIT = {
  ok: 0,
  /** Anything unexpected (a bug): the message, and the stack with --debug. */
  failure: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** The input: a file missing, unreadable or of an unknown type; a survey the Worker refuses. */
  input: 3,
  /** An output (`--out`, `--json`) that cannot be written: a directory, no space, read-only. */
  output: 3,
  /** The Worker: unreachable, answering an error, or `wrangler dev` not starting. */
  worker: 4,
  /** Google Sheets: credentials, access or an API error. */
  sheets: 5,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + the signal's number. */
  sigint: 130,
  sigterm: 143,
} as const

/** A failure the user can act on: its message is printed as is, on one line. */
export class CliError extends Error {
  /** More than one line of context (e.g. wrangler's output), printed with --debug only. */
  readonly detail?: string

  constructor(
    message: string,
    readonly exitCode: number,
    options: { cause?: unknown; detail?: string } = {},
  ) {
    super(message, { cause: options.cause })
    this.detail = options.detail
  }
}

/** The first line of a message: every error is told on one line. */
export function oneLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? ''
  )
}

/** `scheme://user:password@` → `scheme://***@`: a URL's credentials never reach the terminal. */
export function redactUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, '$1***@')
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is removed.
const ESCAPES = /\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)?|[@-Z\\-_])/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is removed.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * Text safe for a terminal: ANSI escape sequences, other control characters and bidi
 * overrides removed (a label or a Worker message could otherwise recolour, move the cursor
 * or reorder what is shown), tabs and newlines kept; URL credentials redacted.
 *
 * @example
 * printable('\u001b[31mПаспорт\u001b[0m') // 'Паспорт'
 */
export function printable(text: string): string {
  return redactUrls(text.replace(ESCAPES, '').replace(CONTROLS, ''))
}
