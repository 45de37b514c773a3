import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../../cli/errors'
import { type LocalWorker, startLocalWorker } from '../../cli/wrangler-dev'
import { type CliRun, ROOT, runSapa } from './support'

const secret = randomBytes(32).toString('hex')
let dir: string
let input: string
/** A loopback URL nothing answers at: a run that got as far as scoring would exit 4. */
let nowhere: string
let worker: LocalWorker

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-outputs-'))
  input = join(dir, 'survey.csv')
  const lines = (await readFile('samples/survey-2017.csv', 'utf8')).split('\n').slice(0, 301)
  await writeFile(input, `${lines.join('\n')}\n`)
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
  nowhere = `http://127.0.0.1:${port}`
  worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
}, 60_000)

afterAll(async () => {
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const withSecret = { env: { SAPA_HMAC_SECRET: secret } }

/** One line on stderr naming the cause, nothing on stdout. */
function expectOneLine(run: CliRun, code: number, message: string | RegExp) {
  expect(run.stdout).toBe('')
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr.trimEnd()).toMatch(message)
  expect(run.code).toBe(code)
}

describe('outputs are checked before scoring, exit 3 naming the path and the cause (issue 11)', () => {
  it('refuses a directory as --out and as --json', async () => {
    const folder = join(dir, 'folder.xlsx')
    await mkdir(folder, { recursive: true })
    const [out, json] = await Promise.all([
      runSapa(['report', input, '--worker', nowhere, '--out', folder], withSecret),
      runSapa(['report', input, '--worker', nowhere, '--json', folder], withSecret),
    ])
    expectOneLine(out, EXIT.output, `sapa: --out ${folder}: is a directory`)
    expectOneLine(json, EXIT.output, `sapa: --json ${folder}: is a directory`)
  })

  it('refuses a directory that takes no files (sysfs: not even root may)', async () => {
    const run = await runSapa(
      ['report', input, '--worker', nowhere, '--json', '/sys/sapa-report.json'],
      withSecret,
    )
    expectOneLine(run, EXIT.output, 'sapa: --json /sys/sapa-report.json: permission denied')
  })

  it('refuses a path through a file', async () => {
    const run = await runSapa(
      ['report', input, '--worker', nowhere, '--json', join(input, 'deeper', 'report.json')],
      withSecret,
    )
    expectOneLine(
      run,
      EXIT.output,
      `sapa: --json ${join(input, 'deeper', 'report.json')}: ${input} is not a directory`,
    )
  })

  it('refuses a read-only file system', async () => {
    // A read-only tmpfs in a private mount namespace (util-linux unshare, as any user).
    const mount = join(dir, 'readonly')
    await mkdir(mount, { recursive: true })
    const script = `mount -t tmpfs -o ro none "$1" && exec "$2" bin/sapa.mjs report "$3" --worker "$4" --json "$1/report.json"`
    const run = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(
        'unshare',
        ['-rm', 'sh', '-c', script, 'sh', mount, process.execPath, input, nowhere],
        { cwd: ROOT, env: { ...process.env, SAPA_HMAC_SECRET: secret } },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('error', reject)
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    })
    expectOneLine(
      run,
      EXIT.output,
      `sapa: --json ${mount}/report.json: the file system is read-only`,
    )
  })

  it('says a full disk after scoring, in one line, exit 3', async () => {
    // /dev/full takes no byte; a device is written to directly, never replaced.
    const run = await runSapa(
      ['report', input, '--worker', worker.url, '--json', '/dev/full'],
      withSecret,
    )
    expectOneLine(run, EXIT.output, 'sapa: --json /dev/full: no space left on the device')
    expect((await stat('/dev/full')).isCharacterDevice()).toBe(true)
  })
})

describe('the input is never an output, whatever its name (issue 11)', () => {
  it('refuses a hard link of the input as --json and as --out', async () => {
    const hard = join(dir, 'hard.csv')
    await link(input, hard)
    const hardXlsx = join(dir, 'input.xlsx')
    const book = join(dir, 'book.xlsx')
    await writeFile(book, await readFile('samples/survey-2017.xlsx'))
    await link(book, hardXlsx)
    const [json, out] = await Promise.all([
      runSapa(['report', input, '--worker', nowhere, '--json', hard], withSecret),
      runSapa(['report', book, '--worker', nowhere, '--out', hardXlsx], withSecret),
    ])
    expectOneLine(
      json,
      EXIT.usage,
      `sapa: --json ${hard} is the input file, which sapa never overwrites`,
    )
    expectOneLine(
      out,
      EXIT.usage,
      `sapa: --out ${hardXlsx} is the input file, which sapa never overwrites`,
    )
    expect(await readFile(input, 'utf8')).toMatch(/^№,/)
  })

  it('refuses a symbolic link to the input', async () => {
    const soft = join(dir, 'soft.json')
    await symlink(input, soft)
    const run = await runSapa(['report', input, '--worker', nowhere, '--json', soft], withSecret)
    expectOneLine(
      run,
      EXIT.usage,
      `sapa: --json ${soft} is the input file, which sapa never overwrites`,
    )
  })

  it('refuses --out and --json on one file', async () => {
    const both = join(dir, 'both.xlsx')
    const run = await runSapa(
      ['report', input, '--worker', nowhere, '--out', both, '--json', both],
      withSecret,
    )
    expectOneLine(run, EXIT.usage, `sapa: --json and --out both name ${both}`)
  })
})

describe('--json is written whole (issue 11)', () => {
  it('replaces the file by a rename, leaving no partial file and an old link untouched', async () => {
    const json = join(dir, 'out', 'report.json')
    await mkdir(join(dir, 'out'), { recursive: true })
    await writeFile(json, 'old')
    const old = join(dir, 'old-report.json')
    await link(json, old)
    const run = await runSapa(['report', input, '--worker', worker.url, '--json', json], withSecret)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(await readFile(json, 'utf8')).summary.respondents).toBe(300)
    // A new file took the name: the old inode (still linked) kept its bytes.
    expect(await readFile(old, 'utf8')).toBe('old')
    expect(await readdir(join(dir, 'out'))).toEqual(['report.json'])
  })
})
