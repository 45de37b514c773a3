/**
 * @module The files `sapa report` writes: checked before any scoring, never the input (by
 * device and inode, so neither a hard nor a symbolic link of it), written whole or not at all.
 */
import { randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import {
  access,
  constants,
  mkdir,
  open,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises'
import { dirname, parse, resolve } from 'node:path'
import { CliError, EXIT, oneLine } from './errors'

/** A file `sapa report` reads, by what it is: "the input file", "the previous wave (--previous)". */
export interface Input {
  name: string
  path: string
}

export interface Output {
  flag: '--out' | '--json'
  path: string
}

/**
 * Refuses, before anything slow starts, an output that is an input file (exit 2), two
 * outputs on one file (exit 2), and an output that cannot be written: a directory, a
 * read-only file system, no permission (exit 3, naming the path and the cause).
 */
export async function checkOutputs(inputs: readonly Input[], outputs: readonly Output[]) {
  const read = await Promise.all(
    inputs.map(async (input) => ({
      ...input,
      info: await stat(input.path).catch(() => undefined),
    })),
  )
  const seen: { output: Output; info?: Stats; resolved: string }[] = []
  for (const output of outputs) {
    const { flag, path } = output
    const info = await existing(output)
    const input = read.find((input) => info && input.info && sameFile(info, input.info))
    if (input) {
      throw new CliError(
        `${flag} ${path} is ${input.name}, which sapa never overwrites`,
        EXIT.usage,
      )
    }
    const resolved = resolve(path)
    for (const other of seen) {
      if (other.resolved === resolved || (info && other.info && sameFile(info, other.info))) {
        throw new CliError(`${other.output.flag} and ${flag} both name ${path}`, EXIT.usage)
      }
    }
    seen.push({ output, info, resolved })
    if (info?.isDirectory()) throw outputError(output, 'is a directory')
    if (info && !info.isFile()) {
      // /dev/stdout and the like: written straight to, never replaced.
      if (flag === '--json') continue
      throw outputError(output, 'is not a regular file')
    }
    if (info) await access(path, constants.W_OK).catch((error) => failed(output, error))
    await probeDirectory(output)
  }
}

/** The output's stat, or undefined when it is not there yet. */
async function existing(output: Output): Promise<Stats | undefined> {
  try {
    return await stat(output.path)
  } catch (error) {
    // Not there, or under a file: probeDirectory names the part that is not a directory.
    const { code } = error as NodeJS.ErrnoException
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    return failed(output, error)
  }
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino

/**
 * Creates and removes a file where the output will be written (its directory, or the nearest
 * that exists: the rest is created when writing), so a directory that cannot take files
 * fails now. Permission bits alone would not say it: root may write anywhere but read-only.
 */
async function probeDirectory(output: Output) {
  let directory = dirname(resolve(output.path))
  for (;;) {
    const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
      return failed(output, error)
    })
    if (info?.isDirectory()) break
    if (info) throw outputError(output, `${directory} is not a directory`)
    if (directory === parse(directory).root) break
    directory = dirname(directory)
  }
  const probe = resolve(directory, `.sapa-${process.pid}-${randomBytes(4).toString('hex')}.probe`)
  try {
    await (await open(probe, 'wx')).close()
  } catch (error) {
    failed(output, error)
  }
  await unlink(probe).catch(() => undefined)
}

/**
 * Writes `bytes` to the output whole: into a file beside it, renamed over it once complete,
 * so a failure (a full disk) never leaves half a file. A device (/dev/stdout) is written to.
 * @throws {CliError} exit 3 naming the path and the cause
 */
export async function writeOutput(output: Output, bytes: Uint8Array | string): Promise<void> {
  const info = await existing(output)
  if (info && !info.isFile()) {
    await writeFile(output.path, bytes).catch((error) => failed(output, error))
    return
  }
  const partial = `${output.path}.${process.pid}.partial`
  try {
    await mkdir(dirname(resolve(output.path)), { recursive: true })
    await writeFile(partial, bytes)
    await rename(partial, output.path)
  } catch (error) {
    failed(output, error)
  } finally {
    await rm(partial, { force: true })
  }
}

/** Runs a writer of `output` (e.g. the .xlsx writer), its failure told as an output error. */
export async function writingTo<T>(output: Output, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    return failed(output, error)
  }
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
}

function failed(output: Output, error: unknown): never {
  if (error instanceof CliError) throw error
  const { code, message } = error as NodeJS.ErrnoException
  throw outputError(output, (code && CAUSES[code]) ?? oneLine(String(message ?? error)), error)
}

function outputError(output: Output, cause: string, error?: unknown): CliError {
  return new CliError(`${output.flag} ${output.path}: ${cause}`, EXIT.output, { cause: error })
}
