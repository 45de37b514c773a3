import { describe, expect, it } from 'vitest'
import { parseCommand, type ReportCommand } from '../../cli/args'
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
      questions: [],
      excludeDrivers: [],
      jsonBody: false,
      quiet: true,
      debug: true,
    })
  })

  it('reads the analysis flags: questions, scale, significance, drivers, waves, raking, body', () => {
    expect(
      parseCommand([
        'report',
        'a.csv',
        '--question',
        'waiting = rating : Кезек күту уақыты',
        '--question',
        'conditions=multi:Күту жағдайы: Күту залы ыңғайсыз, үстелдер жоқ',
        '--question=conditions=multi:Күту жағдайы: Дәретхана жоқ',
        '--questions',
        'q.json',
        '--scale',
        '1..10',
        '--significance',
        'holm',
        '--level',
        '0.01',
        '--exclude-driver',
        'trust',
        '--exclude-driver',
        'waiting',
        '--previous',
        'survey-2016.csv',
        '--previous-map',
        'overall=Жалпы баға',
        '--margins',
        'margins.csv',
        '--trim',
        '0.3..3',
        '--json-body',
      ]),
    ).toMatchObject({
      questions: [
        {
          key: 'waiting',
          type: 'rating',
          texts: [' Кезек күту уақыты'],
          given: ['waiting = rating : Кезек күту уақыты'],
        },
        {
          key: 'conditions',
          type: 'multi',
          texts: ['Күту жағдайы: Күту залы ыңғайсыз, үстелдер жоқ', 'Күту жағдайы: Дәретхана жоқ'],
        },
      ],
      questionsFile: 'q.json',
      options: {
        scale: { min: 1, max: 10 },
        significance: { level: 0.01, correction: 'holm' },
      },
      excludeDrivers: ['trust', 'waiting'],
      previous: { file: 'survey-2016.csv', mapping: { overall: 'Жалпы баға' } },
      margins: { file: 'margins.csv', trim: { min: 0.3, max: 3 } },
      jsonBody: true,
    })
  })

  it('reads one-sided trimming bounds and the scale from 0', () => {
    const trim = (value: string) =>
      (parseCommand(['report', 'a.csv', '--margins', 'm.csv', '--trim', value]) as ReportCommand)
        .margins?.trim
    expect(trim('0.5..')).toEqual({ min: 0.5 })
    expect(trim('..4')).toEqual({ max: 4 })
    expect(trim(' 1 .. 1 ')).toEqual({ min: 1, max: 1 })
    expect(parseCommand(['report', 'a.csv', '--scale', '0..10'])).toMatchObject({
      options: { scale: { min: 0, max: 10 } },
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
    [['report', 'a.csv', '--question', 'waiting'], /^--question waiting: use KEY=TYPE:HEADER/],
    [['report', 'a.csv', '--question', 'waiting=Q9'], /^--question waiting=Q9: use KEY=TYPE/],
    [
      ['report', 'a.csv', '--question', 'waiting=score:Q9'],
      /^--question waiting=score:Q9: type "score": use rating, yesno, choice, multi/,
    ],
    [['report', 'a.csv', '--question', 'waiting=rating: '], /name the header of its column/],
    [
      ['report', 'a.csv', '--question', '9lives=rating:Q9'],
      /^--question 9lives=rating:Q9: needs a "key": a letter/,
    ],
    [
      ['report', 'a.csv', '--question', 'trust=rating:Q9'],
      /^--question trust=rating:Q9: key "trust" is a column the tables already have/,
    ],
    [
      ['report', 'a.csv', '--question', 'w=rating:Q9', '--question', 'w=rating:Q10'],
      /^--question w=rating:Q10: "w" is declared twice; only a multi question's KEY is repeated/,
    ],
    [
      ['report', 'a.csv', '--question', 'w=multi:Q9', '--question', 'w=choice:Q10'],
      /"w" is declared twice/,
    ],
    [['report', 'a.csv', '--scale', '1-10'], /^--scale 1-10: use MIN\.\.MAX with MIN 0 or 1/],
    [['report', 'a.csv', '--scale', '2..5'], /^--scale 2\.\.5: use MIN\.\.MAX/],
    [['report', 'a.csv', '--scale', '1..11'], /^--scale 1\.\.11/],
    [['report', 'a.csv', '--scale', '1..4'], /^--scale 1\.\.4/],
    [
      ['report', 'a.csv', '--significance', 'bh'],
      /^--significance bh: use fdr, holm, bonferroni, none/,
    ],
    [['report', 'a.csv', '--level', '5%'], /^--level 5%: use a number between 0 and 0\.5/],
    [['report', 'a.csv', '--level', '0.5'], /^--level 0\.5/],
    [['report', 'a.csv', '--level', '0'], /^--level 0:/],
    [['report', 'a.csv', '--exclude-driver', 'доверие'], /^--exclude-driver доверие: use an item/],
    [
      ['report', 'a.csv', '--previous-map', 'overall=Q'],
      /--previous-map maps the columns of --previous/,
    ],
    [
      ['report', 'a.csv', '--previous', 'b.csv', '--previous-map', 'score=Q'],
      /^--previous-map score=Q: "score" is not a role/,
    ],
    [['report', 'a.csv', '--previous', ' '], /--previous needs a file name/],
    [['report', 'a.csv', '--trim', '0.3..3'], /--trim bounds the weights of --margins/],
    [['report', 'a.csv', '--margins', 'm.csv', '--trim', '3'], /^--trim 3: use MIN\.\.MAX/],
    [['report', 'a.csv', '--margins', 'm.csv', '--trim', '..'], /^--trim \.\.:/],
    [['report', 'a.csv', '--margins', 'm.csv', '--trim', '2..3'], /^--trim 2\.\.3:/],
    [['report', 'a.csv', '--margins', 'm.csv', '--trim', '0.3..0.9'], /^--trim 0\.3\.\.0\.9:/],
    [['report', 'a.csv', '--margins', 'm.csv', '--trim=-1..3'], /^--trim -1\.\.3:/],
  ])('refuses %j with a usage error', (argv, message) => {
    const error = refusal(argv)
    expect(error.exitCode).toBe(EXIT.usage)
    expect(error.message).toMatch(message)
    expect(error.message).toContain('sapa --help')
  })
})
