import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliError, EXIT } from '../../cli/errors'
import { readMargins } from '../../cli/margins'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-margins-'))
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

describe('--margins FILE.csv', () => {
  it('reads the sample’s regional margins as the API’s weighting margins, shares as numbers', async () => {
    const text = await readFile('samples/margins-regions-2017.csv', 'utf8')
    const lines = text.trim().split('\n').slice(1)
    const expected = Object.fromEntries(
      lines.map((line) => {
        const [, category, share] = line.split(',')
        return [category, Number(share)]
      }),
    )
    expect(await readMargins('samples/margins-regions-2017.csv')).toEqual({ region: expected })
  })

  it('reads columns in any order, several roles, percentages and decimal commas, blank lines', async () => {
    const path = await write(
      'mixed.csv',
      'sep=;\nShare;Role;Category\n\n55%;gender;Әйел\n"0,45";gender;Ер\n0.5;channel;corp\n0.5;channel;body\n',
    )
    expect(await readMargins(path)).toEqual({
      gender: { Әйел: 0.55, Ер: 0.45 },
      channel: { corp: 0.5, body: 0.5 },
    })
  })

  it.each([
    ['empty.csv', '', /: empty; write a header "role,category,share"/],
    [
      'header.csv',
      'role,category,weight\nregion,A,1\n',
      /line 1: the header must name role, category and share; share not found in "role","category","weight"$/,
    ],
    [
      'role.csv',
      'role,category,share\nregion,A,0.5\noblast,B,0.5\n',
      /line 3: role "oblast" cannot be raked on; use one of service, agency, region, channel, level, age, gender$/,
    ],
    [
      'share.csv',
      'role,category,share\nregion,A,0.5\nregion,B,half\n',
      /line 3: share "half" of region «B» is not a number ≥ 0$/,
    ],
    [
      'negative.csv',
      'role,category,share\nregion,A,1.5\nregion,B,-0.5\n',
      /line 3: share "-0.5" of region «B» is not a number ≥ 0$/,
    ],
    [
      'blank-share.csv',
      'role,category,share\nregion,A,1\nregion,B,\n',
      /line 3: share "" of region «B»/,
    ],
    ['category.csv', 'role,category,share\nregion,,1\n', /line 2: no category for role region$/],
    [
      'twice.csv',
      'role,category,share\nregion,Астана қ.,0.5\nregion,астана  қ.,0.5\n',
      /line 3: region «астана {2}қ\.» is given twice \(first on line 2\)$/,
    ],
    [
      'sum.csv',
      'role,category,share\nregion,A,0.5\nregion,B,0.4\ngender,Ер,1\n',
      /the shares of region sum to 0\.9, not 1$/,
    ],
    ['only-header.csv', 'role,category,share\n', /no margins under its header$/],
    ['missing.csv', null, /: file not found$/],
  ])(
    'refuses %s naming the file, the line and the value (exit 3)',
    async (name, content, message) => {
      const path = content === null ? join(dir, name) : await write(name, content)
      const error = await readMargins(path).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CliError)
      expect((error as CliError).exitCode).toBe(EXIT.input)
      expect((error as CliError).message.startsWith(`--margins ${path}: `)).toBe(true)
      expect((error as CliError).message).toMatch(message)
    },
  )

  it('says how a CSV it cannot decode fails, as for a survey', async () => {
    const path = await write(
      'mixed-encoding.csv',
      Buffer.from([0xef, 0xbb, 0xbf, 0x72, 0xff, 0x0a]),
    )
    const error = (await readMargins(path).catch((e: unknown) => e)) as CliError
    expect(error.exitCode).toBe(EXIT.input)
    expect(error.message).toMatch(/^--margins .*mixed-encoding\.csv: not valid UTF-8 .*line 1/)
  })
})
