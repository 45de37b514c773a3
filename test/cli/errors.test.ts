import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../../cli/errors'
import { type LocalWorker, startLocalWorker } from '../../cli/wrangler-dev'
import { type CliRun, gone, runSapa, workerUrlIn } from './support'

const secret = randomBytes(32).toString('hex')
let dir: string
let worker: LocalWorker
/** A loopback port nothing listens on. */
let closedPort: number
/** The sample's first rows without its overall-score column. */
let noOverall: string
/** The sample's first rows: a survey the Worker scores. */
let valid: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-cli-errors-'))
  const [started, text] = await Promise.all([
    startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } }),
    readFile('samples/survey-2017.csv', 'utf8'),
  ])
  worker = started
  const lines = text.split('\n').slice(0, 200)
  const overall = lines[0].split(',').indexOf('Қызметке жалпы баға')
  expect(overall).toBeGreaterThan(0)
  valid = join(dir, 'valid.csv')
  await writeFile(valid, lines.join('\n'))
  noOverall = join(dir, 'no-overall.csv')
  await writeFile(
    noOverall,
    lines
      .map((line) =>
        line
          .split(',')
          .filter((_, c) => c !== overall)
          .join(','),
      )
      .join('\n'),
  )
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}, 60_000)

afterAll(async () => {
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** One line on stderr, `sapa: ` and the cause, no stack trace; nothing on stdout. */
function expectOneLine(run: CliRun, code: number, message: string | RegExp) {
  expect(run.stdout).toBe('')
  expect(run.stderr.endsWith('\n')).toBe(true)
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr).not.toMatch(/^\s+at /m)
  expect(run.stderr.trimEnd()).toMatch(message)
  expect(run.code).toBe(code)
}

const remote = (url = worker.url) => ['--worker', url]
const withSecret = { env: { SAPA_HMAC_SECRET: secret } }

describe('sapa report refuses its input in one line', () => {
  it('names a file that is not there', async () => {
    const run = await runSapa(['report', 'no/such/survey.xlsx'])
    expectOneLine(run, EXIT.input, /^sapa: no\/such\/survey\.xlsx: file not found$/)
  })

  it('names an unknown file type', async () => {
    const run = await runSapa(['report', 'package.json'])
    expectOneLine(
      run,
      EXIT.input,
      'sapa: package.json: unknown file type ".json"; use .xlsx or .csv',
    )
  })

  it('names a directory given as the survey', async () => {
    const folder = join(dir, 'folder.csv')
    await mkdir(folder, { recursive: true })
    const run = await runSapa(['report', folder])
    expectOneLine(run, EXIT.input, `sapa: ${folder}: is a directory, not a survey file`)
  })

  it('names a file that is not a workbook', async () => {
    const broken = join(dir, 'broken.xlsx')
    await writeFile(broken, 'this is not a zip archive')
    const run = await runSapa(['report', broken, ...remote()], withSecret)
    expectOneLine(
      run,
      EXIT.input,
      new RegExp(`^sapa: ${broken}: not a readable \\.xlsx workbook \\(.+\\)$`),
    )
  })

  it('names a sheet that is not in the workbook, and the sheets that are', async () => {
    const run = await runSapa(
      ['report', 'samples/survey-2017.xlsx', '--sheet', 'Nope', ...remote()],
      withSecret,
    )
    expectOneLine(
      run,
      EXIT.input,
      'sapa: samples/survey-2017.xlsx: no sheet "Nope"; sheets: "Жауаптар"',
    )
  })

  it('names the missing column and the headers found, before any Worker call', async () => {
    const run = await runSapa(['report', noOverall, ...remote()], withSecret)
    expectOneLine(
      run,
      EXIT.input,
      /^sapa: .*no-overall\.csv: Required column "overall" \(.+\) not found\. Headers found: .*Мемлекеттік көрсетілетін қызмет/,
    )
  })
})

describe('sapa report tells Worker failures in one line', () => {
  it('says when the Worker is unreachable', async () => {
    const url = `http://127.0.0.1:${closedPort}`
    const run = await runSapa(['report', valid, ...remote(url)], withSecret)
    expectOneLine(run, EXIT.worker, `sapa: Worker unreachable at ${url} (ECONNREFUSED)`)
  })

  it('gives the Worker’s error when it refuses the call', async () => {
    const run = await runSapa(['report', valid, ...remote()], {
      env: { SAPA_HMAC_SECRET: 'not-the-secret' },
    })
    expectOneLine(
      run,
      EXIT.worker,
      new RegExp(
        `^sapa: Worker at ${worker.url} answered 401 unauthorized: .+; SAPA_HMAC_SECRET must be`,
      ),
    )
  })

  it('says wrangler dev failed to start, and why', async () => {
    // miniflare runs the workerd binary this variable names: here, none.
    const run = await runSapa(['report', noOverall], {
      env: { MINIFLARE_WORKERD_PATH: join(dir, 'no-workerd') },
    })
    expectOneLine(
      run,
      EXIT.worker,
      /^sapa: wrangler dev failed to start: Error: spawn .*no-workerd ENOENT$/,
    )
  })

  it('needs SAPA_HMAC_SECRET to sign for --worker', async () => {
    const run = await runSapa(['report', noOverall, ...remote()])
    expectOneLine(run, EXIT.usage, /SAPA_HMAC_SECRET/)
  })
})

describe('sapa arguments', () => {
  it('refuses an unknown flag and a bad value', async () => {
    const [flag, locale] = await Promise.all([
      runSapa(['report', 'x.csv', '--colour']),
      runSapa(['report', 'x.csv', '--locale', 'fr']),
    ])
    expectOneLine(flag, EXIT.usage, /Unknown option '--colour'.*sapa --help/)
    expectOneLine(locale, EXIT.usage, /--locale fr: use kk, ru, en/)
  })

  it('refuses --sheet for a CSV, and an --out that is the input', async () => {
    const [sheet, out] = await Promise.all([
      runSapa(['report', 'samples/survey-2017.csv', '--sheet', 'Жауаптар']),
      runSapa([
        'report',
        'samples/survey-2017.xlsx',
        '--out',
        './samples/../samples/survey-2017.xlsx',
      ]),
    ])
    expectOneLine(sheet, EXIT.usage, 'sapa: --sheet Жауаптар: a .csv file has no sheets')
    expectOneLine(
      out,
      EXIT.usage,
      /^sapa: --out .* is the input file, which sapa never overwrites$/,
    )
  })

  it('names a --credentials file that is not there', async () => {
    const run = await runSapa(['report', '--spreadsheet', 'id', '--credentials', 'no/key.json'])
    expectOneLine(run, EXIT.input, 'sapa: --credentials no/key.json: file not found')
  })

  it('prints the stack trace with --debug only', async () => {
    const run = await runSapa(['report', 'no/such/survey.xlsx', '--debug'])
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toMatch(/^sapa: no\/such\/survey\.xlsx: file not found\n/)
    expect(run.stderr).toMatch(/^\s+at /m)
  })
})

describe('the local Worker', () => {
  it('is stopped when the command fails', async () => {
    const run = await runSapa(['report', noOverall, '--debug'])
    expect(run.code).toBe(EXIT.input)
    const url = workerUrlIn(run.stderr)
    expect(url).toBeDefined()
    expect(await gone(url as string)).toBe(true)
  })

  it('is stopped on Ctrl-C, and the command exits 130', async () => {
    let url: string | undefined
    const run = await runSapa(
      ['report', 'samples/survey-2017.xlsx', '--out', join(dir, 'interrupted.xlsx'), '--debug'],
      {
        onStderr: (text, child) => {
          if (url) return
          url = workerUrlIn(text)
          if (url) child.kill('SIGINT')
        },
      },
    )
    expect(url).toBeDefined()
    expect(run.stderr).toContain('sapa: stopped by SIGINT')
    expect(run.code).toBe(EXIT.sigint)
    expect(await gone(url as string)).toBe(true)
  })
})

/** The directory of the env file the local Worker at `url` reads its secret from. */
function secretDirOf(url: string): string | undefined {
  const port = url.split(':')[2]
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let line = ''
    try {
      line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    } catch {
      continue // gone meanwhile
    }
    if (!line.includes('wrangler.js dev') || !line.includes(`--port ${port} `)) continue
    const file = /--env-file (\S+)/.exec(line)?.[1]
    if (file) return dirname(file)
  }
  return undefined
}

async function eventually(check: () => Promise<boolean> | boolean, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return true
}

describe('the local Worker of a command that dies without stopping it', () => {
  it('is stopped, and its secret removed, when the command is killed (SIGKILL; V8 out of memory aborts alike)', async () => {
    let url: string | undefined
    let secretDir: string | undefined
    const run = await runSapa(
      ['report', 'samples/survey-2017.xlsx', '--out', join(dir, 'killed.xlsx'), '--debug'],
      {
        onStderr: (text, child) => {
          if (url) return
          url = workerUrlIn(text)
          if (!url) return
          secretDir = secretDirOf(url)
          child.kill('SIGKILL')
        },
      },
    )
    expect(run.signal).toBe('SIGKILL')
    expect(url).toBeDefined()
    expect(secretDir).toMatch(/sapa-worker-/)
    // No exit hook ran: the guard the command started does it, once the command is gone.
    expect(await eventually(() => gone(url as string))).toBe(true)
    expect(await eventually(() => !existsSync(secretDir as string))).toBe(true)
  })
})

describe('what sapa prints is safe for a terminal', () => {
  it('strips escape sequences from survey labels and from the Worker’s messages', async () => {
    const red = join(dir, 'red.csv')
    const label = '\u001b[31mПаспорт\u001b[0m\u0007'
    await writeFile(
      red,
      [
        'Қызмет,Жалпы баға',
        ...Array.from({ length: 40 }, (_, i) => `"${label}",${1 + (i % 5)}`),
      ].join('\n'),
    )
    const scored = await runSapa(['report', red, '--min-base', '1', ...remote()], withSecret)
    expect(scored.code).toBe(0)
    expect(scored.stdout).toMatch(/ Паспорт\n/)
    // Overwriting the title, clearing the screen: an OSC and a CSI sequence in a header.
    const header = join(dir, 'escapes.csv')
    await writeFile(header, 'Қызмет,\u001b]0;pwned\u0007Баға\u001b[2J\nПаспорт,5\n')
    const refused = await runSapa(['report', header, ...remote()], withSecret)
    expectOneLine(refused, EXIT.input, /Headers found: .*Баға/)
    for (const run of [scored, refused]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be printed.
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    }
    expect(refused.stderr).not.toContain('pwned')
  })

  it('never repeats the password of a --worker URL', async () => {
    const url = worker.url.replace('http://', 'http://analyst:hunter2@')
    const run = await runSapa(['report', noOverall, '--worker', url, '--debug'], withSecret)
    expect(run.code).toBe(EXIT.usage)
    expect(run.stderr).not.toContain('hunter2')
    expect(run.stderr).not.toContain('analyst')
    expect(run.stderr).toMatch(
      /^sapa: --worker http:\/\/\*\*\*@127\.0\.0\.1:\d+: remove the user and password from the URL; requests are signed with SAPA_HMAC_SECRET/,
    )
  })

  it('redacts credentials of any URL a message holds', async () => {
    const header = join(dir, 'url-header.csv')
    await writeFile(header, 'Қызмет,https://analyst:hunter2@example.org/form\nПаспорт,5\n')
    const run = await runSapa(['report', header, ...remote()], withSecret)
    expectOneLine(run, EXIT.input, /Headers found: .*https:\/\/\*\*\*@example\.org\/form/)
    expect(run.stderr).not.toContain('hunter2')
  })
})

describe('sapa report waits a bounded time for the Worker', () => {
  it('says what it waited for and for how long when the Worker never answers', async () => {
    const sockets = new Set<import('node:net').Socket>()
    const silent = createServer((socket) => {
      sockets.add(socket)
      socket.resume()
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
    try {
      // Without --timeout's effect this would outlast the test's own time limit.
      const run = await runSapa(['report', valid, ...remote(url), '--timeout', '1'], withSecret)
      expectOneLine(
        run,
        EXIT.worker,
        new RegExp(
          `^sapa: Worker at ${url} did not answer POST /v1/report within 1 s of receiving it \\([\\d.]+ kB\\); --timeout SECONDS waits longer$`,
        ),
      )
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})
