/** @module `sapa`, the command line (DESIGN §2): `sapa report …`; run by bin/sapa.mjs. */
import { parseCommand, USAGE } from './args'
import { CliError, EXIT, oneLine, printable } from './errors'
import { type ReportIO, runReport } from './report'

/**
 * Runs one command line and gives its exit code. A failure is one line on stderr naming
 * the cause; the stack only with --debug.
 *
 * @example
 * process.exitCode = await main(['report', 'survey.xlsx', '--out', 'report.xlsx'], io)
 */
export async function main(argv: readonly string[], given: ReportIO): Promise<number> {
  const debug = argv.includes('--debug')
  // Whatever is printed may hold survey text or a Worker's message: made safe on the way out.
  const io: ReportIO = {
    ...given,
    stdout: { write: (text: string) => given.stdout.write(printable(text)) },
    stderr: { write: (text: string) => given.stderr.write(printable(text)) },
  }
  try {
    const command = parseCommand(argv)
    if (command.command === 'help') {
      io.stdout.write(`${USAGE}\n`)
      return EXIT.ok
    }
    await runReport(command, io)
    return EXIT.ok
  } catch (error) {
    const known = error instanceof CliError
    const message = known ? error.message : oneLine(String((error as Error)?.message ?? error))
    io.stderr.write(`sapa: ${known ? message : `unexpected error: ${message}`}\n`)
    if (debug) {
      if (known && error.detail) io.stderr.write(`${error.detail}\n`)
      io.stderr.write(`${(error as Error)?.stack ?? ''}\n`)
    }
    return known ? error.exitCode : EXIT.failure
  }
}

/** The program: this process's arguments and streams; signals stop the local Worker first. */
export async function cli(): Promise<void> {
  const stops = new Set<() => Promise<void>>()
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    process.stderr.write(`sapa: stopped by ${signal}\n`)
    // A Worker still starting is stopped by wrangler-dev's exit hook.
    Promise.allSettled([...stops].map((stop) => stop())).finally(() =>
      process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm),
    )
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    onWorker: (stop) => stops.add(stop),
  })
}
