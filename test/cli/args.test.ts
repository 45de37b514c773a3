import { describe, expect, it } from 'vitest'
import { parseCommand } from '../../cli/args'
import { CliError, EXIT } from '../../cli/errors'

function refusal(argv: string[]): CliError {
  try {
    parseCommand(argv)
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error(`accepted: ${argv.join(' ')}`)
}

describe('parseCommand', () => {
  it('reads every flag of a file report', () => {
    expect(
      parseCommand([
        'report',
        'survey.xlsx',
        '--sheet=Жауаптар',
        '--out',
        'r.xlsx',
        '--json',
        'r.json',
        '--worker',
        'https://sapa.example.workers.dev/',
        '--locale',
        'ru',
        '--min-base',
        '50',
        '--order',
        'wilson',
        '--quiet',
        '--debug',
      ]),
    ).toEqual({
      command: 'report',
      input: { file: 'survey.xlsx' },
      sheet: 'Жауаптар',
      out: 'r.xlsx',
      json: 'r.json',
      worker: 'https://sapa.example.workers.dev',
      options: { locale: 'ru', minBase: 50, order: 'wilson' },
      mapping: {},
      quiet: true,
      debug: true,
    })
  })

  it('reads --timeout in seconds, and leaves the default to the transport', () => {
    expect(parseCommand(['report', 'a.csv', '--timeout', '2.5'])).toMatchObject({ timeoutMs: 2500 })
    expect(parseCommand(['report', 'a.csv'])).toMatchObject({ timeoutMs: undefined })
  })

  it('reads --map ROLE=HEADER, repeated, as the API mapping (issue 11)', () => {
    expect(
      parseCommand([
        'report',
        'a.csv',
        '--map',
        'overall=Q7. Общая оценка',
        '--map=service = Код услуги',
        '--map',
        'weight=w=1',
      ]),
    ).toMatchObject({
      mapping: { overall: 'Q7. Общая оценка', service: 'Код услуги', weight: 'w=1' },
    })
  })

  it('reads a spreadsheet report with its credentials', () => {
    expect(
      parseCommand(['report', '--spreadsheet', 'abc', '--credentials', 'key.json']),
    ).toMatchObject({
      input: { spreadsheet: 'abc', credentials: 'key.json' },
      options: { locale: undefined, minBase: undefined, order: undefined },
    })
  })

  it.each([
    [[], /no command given/],
    [['rate', 'x.csv'], /unknown command "rate"/],
    [['report'], /no input file/],
    [['report', 'a.csv', 'b.csv'], /one input file, not 2/],
    [['report', 'a.csv', '--spreadsheet', 'id'], /not both/],
    [['report', '--spreadsheet', 'id', '--out', 'r.xlsx'], /--out writes an \.xlsx from a file/],
    [['report', 'a.csv', '--credentials', 'k.json'], /--credentials goes with --spreadsheet/],
    [['report', 'a.csv', '--out', 'r.xls'], /must end in \.xlsx/],
    [['report', 'a.csv', '--min-base', '0'], /--min-base 0: use a positive whole number/],
    [['report', 'a.csv', '--min-base', '2.5'], /--min-base 2\.5/],
    [['report', 'a.csv', '--order', 'best'], /--order best: use satisfaction, mean, wilson/],
    [['report', 'a.csv', '--worker', 'ftp://x'], /use an http or https URL/],
    [['report', 'a.csv', '--worker', 'nowhere'], /not a URL/],
    [['report', 'a.csv', '--json'], /--json/],
    [['report', 'a.csv', '--timeout', '0'], /--timeout 0: use a number of seconds above 0/],
    [['report', 'a.csv', '--timeout', 'soon'], /--timeout soon/],
    [['report', 'a.csv', '--timeout', '90000'], /at most 86400/],
    [['report', 'a.csv', '--worker', 'https://me:pw@x.dev'], /^--worker https:\/\/\*\*\*@x\.dev:/],
    [['report', 'a.csv', '--map', 'overall'], /--map overall: use ROLE=HEADER/],
    [['report', 'a.csv', '--map', 'score=Q7'], /"score" is not a role; roles: service, overall,/],
    [['report', 'a.csv', '--map', 'overall='], /name the header of the overall column/],
    [
      ['report', 'a.csv', '--map', 'overall=Q7', '--map', 'overall=Q8'],
      /--map overall given twice/,
    ],
  ])('refuses %j with a usage error', (argv, message) => {
    const error = refusal(argv)
    expect(error.exitCode).toBe(EXIT.usage)
    expect(error.message).toMatch(message)
    expect(error.message).toContain('sapa --help')
  })
})
