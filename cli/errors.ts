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
