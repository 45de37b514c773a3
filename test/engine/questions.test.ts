/**
 * Declared questions (DESIGN §3 "Questions", §5 `questions`; issue 13 item 3): rating, yesno,
 * choice and multi questions in their tables, measured by hand on the rows below; undeclared
 * columns listed as unused; every refusal of a bad declaration.
 */
import { describe, expect, it } from 'vitest'
import {
  aggregate,
  type Cell,
  mergeStates,
  type Question,
  readStates,
  report,
  reportFromState,
  SurveyError,
} from '../../engine'
import { expectClose, row, rows as rowsOf, table } from '../support/tables'

const header = [
  'Қызмет',
  'Мемлекеттік орган',
  'Өңір',
  'Қызмет алынған орын',
  'Қызметке жалпы баға',
  'Қызмет ұсынушыға сенім',
  'Q1 Күту',
  'Q2 Алдын ала жазылу',
  'Q3 Өтініш түрі',
  'Q4 Орындық',
  'Q4 Ауызсу',
  'Q4 Кондиционер',
  'Ескертпе',
]
const questions: Question[] = [
  { key: 'waiting', type: 'rating', header: 'Q1 Күту' },
  { key: 'booked', type: 'yesno', header: 'Q2 Алдын ала жазылу' },
  { key: 'channelUsed', type: 'choice', header: 'Q3 Өтініш түрі' },
  { key: 'conditions', type: 'multi', headers: ['Q4 Орындық', 'Q4 Ауызсу', 'Q4 Кондиционер'] },
]
const ЖАО = 'Жергілікті атқарушы органдар'
const БП = 'Бас прокуратура'
// service, agency, region, channel, overall, trust, waiting, booked, how, seat, water, air, note
const rows: Cell[][] = [
  ['A', ЖАО, 'Астана', 'ХҚКО', 5, 5, 4, 'Иә', 'Онлайн', 'x', '', '', 'ескерту'],
  ['A', ЖАО, 'Астана', 'ХҚКО', 4, 4, 2, 'Жоқ', 'Жазбаша', '', '', '', ''],
  ['A', ЖАО, 'Алматы', 'Мемлекеттік орган', 3, 3, 5, 'Иә', 'Онлайн', 'Иә', 'Жоқ', '', ''],
  ['B', БП, 'Астана', 'ХҚКО', 5, 5, '', '', 'Ауызша', 1, 1, 1, ''],
  ['B', БП, 'Алматы', 'ХҚКО', 2, 2, 1, 'Жоқ', '', 0, '', 'x', ''],
  ['B', БП, 'Алматы', 'Мемлекеттік орган', 5, 4, 3, '', 'Онлайн', '', '', '', ''],
]
const r = report({ header, rows, questions }, { minBase: 1 })

describe('declared questions', () => {
  it('are in the summary; undeclared, unmapped columns are listed as unused', () => {
    expect(r.summary.questions).toEqual(questions)
    expect(r.summary.unused).toEqual(['Ескертпе'])
    expect(r.summary.issueCount).toBe(0)
  })

  describe('a rating question', () => {
    // Waiting: A 4, 2, 5 (sum 11); B 1, 3 (row 4 blank); all five sum to 15.
    it('is rated beside the aspects, as a key of its own', () => {
      const aspects = table(r, 'aspects')
      expect(aspects.columns.map((c) => c.key).slice(-2)).toEqual(['trust', 'waiting'])
      expect(aspects.columns.at(-1)?.label).toBe('Q1 Күту')
      expectClose(row(aspects, { groupType: 'service', group: 'A' }).waiting, 11 / 3, 1e-15)
      expect(row(aspects, { groupType: 'service', group: 'B' }).waiting).toBe(2)
      expect(aspects.total?.waiting).toBe(3)
    })

    it('is rated by place', () => {
      const places = table(r, 'places')
      expect(row(places, { service: 'A', channel: 'corp' }).waiting).toBe(3) // 4, 2
      expect(row(places, { service: 'A', channel: 'body' }).waiting).toBe(5)
      expect(row(places, { service: 'B', channel: 'corp' }).waiting).toBe(1) // row 4 blank
      expect(row(places, { service: 'B', channel: 'body' }).waiting).toBe(3)
    })

    it('is a driver, labelled by its header', () => {
      const waiting = row(table(r, 'drivers'), { group: 'total', aspect: 'waiting' })
      expect(waiting).toMatchObject({ label: 'Барлығы', aspectLabel: 'Q1 Күту', n: 5, mean: 3 })
      // np.corrcoef([5, 4, 3, 2, 5], [4, 2, 5, 1, 3])[0, 1] → 0.3638034375544994
      expectClose(waiting.r, 0.3638034375544994, 1e-12)
    })

    it('has its mean in the questions table, in total and by group', () => {
      const q = rowsOf(table(r, 'questions'), { question: 'waiting' })
      expect(q.filter((x) => x.groupType === 'total')).toEqual([
        {
          question: 'waiting',
          questionLabel: 'Q1 Күту', // its column's header
          type: 'rating',
          option: null,
          groupType: 'total',
          group: 'total',
          label: 'Барлығы',
          n: 5,
          share: null,
          mean: 3,
        },
      ])
      const byService = q.filter((x) => x.groupType === 'service')
      expect(byService.map((x) => [x.group, x.n])).toEqual([
        ['A', 3],
        ['B', 2],
      ])
      expectClose(byService[0].mean, 11 / 3, 1e-15)
      expect(byService[1].mean).toBe(2)
      const byChannel = q.filter((x) => x.groupType === 'channel')
      expect(byChannel.map((x) => [x.group, x.label, x.n, x.mean])).toEqual([
        ['body', 'Мемлекеттік орган', 2, 4], // 5, 3
        ['corp', 'Мемкорпорация (ХҚКО)', 3, 7 / 3], // 4, 2, 1
      ])
    })
  })

  describe('a yesno question', () => {
    // Booked: Иә, Жоқ, Иә, –, Жоқ, – → 2 of the 4 who answered; A 2 of 3, B 0 of 1.
    it('is a barrier column of its own', () => {
      const barriers = table(r, 'barriers')
      expect(barriers.columns.at(-1)).toMatchObject({ key: 'booked', label: 'Q2 Алдын ала жазылу' })
      expectClose(row(barriers, { groupType: 'service', group: 'A' }).booked, 2 / 3, 1e-15)
      expect(row(barriers, { groupType: 'service', group: 'B' }).booked).toBe(0)
      expect(barriers.total?.booked).toBe(0.5)
    })

    it('has its share among those who answered in the questions table', () => {
      const q = rowsOf(table(r, 'questions'), { question: 'booked' })
      expect(row(table(r, 'questions'), { question: 'booked', groupType: 'total' })).toMatchObject({
        type: 'yesno',
        option: null,
        n: 4,
        share: 0.5,
        mean: null,
      })
      expect(q.filter((x) => x.groupType === 'region').map((x) => [x.group, x.n, x.share])).toEqual(
        [
          ['Алматы', 2, 0.5], // rows 3 (yes), 5 (no); row 6 blank
          ['Астана', 2, 0.5], // rows 1 (yes), 2 (no); row 4 blank
        ],
      )
    })
  })

  describe('a choice question', () => {
    // How: Онлайн, Жазбаша, Онлайн, Ауызша, –, Онлайн → five answers.
    const q = rowsOf(table(r, 'questions'), { question: 'channelUsed' })
    // Groups in the table's order; a group's options in code-point order (DESIGN §5 fixes none).
    const shares = (groupType: string) =>
      q
        .filter((x) => x.groupType === groupType)
        .map((x, i) => ({ x, i }))
        .sort((p, o) =>
          p.x.group === o.x.group ? (String(p.x.option) < String(o.x.option) ? -1 : 1) : p.i - o.i,
        )
        .map(({ x }) => [x.group, x.option, x.n, x.share])

    it('gives the share of each option among those who answered, in total', () => {
      expect(shares('total')).toEqual([
        ['total', 'Ауызша', 5, 1 / 5],
        ['total', 'Жазбаша', 5, 1 / 5],
        ['total', 'Онлайн', 5, 3 / 5],
      ])
      expect(q.every((x) => x.type === 'choice' && x.mean === null)).toBe(true)
    })

    it('and per group type: service, agency, region, channel, State Corporation by region', () => {
      // Every option in every group that answered, in the options' text order: 0 where no one
      // in the group chose it.
      expect(shares('service')).toEqual([
        ['A', 'Ауызша', 3, 0],
        ['A', 'Жазбаша', 3, 1 / 3],
        ['A', 'Онлайн', 3, 2 / 3],
        ['B', 'Ауызша', 2, 1 / 2],
        ['B', 'Жазбаша', 2, 0],
        ['B', 'Онлайн', 2, 1 / 2],
      ])
      expect(shares('agency')).toEqual([
        [БП, 'Ауызша', 2, 1 / 2],
        [БП, 'Жазбаша', 2, 0],
        [БП, 'Онлайн', 2, 1 / 2],
        [ЖАО, 'Ауызша', 3, 0],
        [ЖАО, 'Жазбаша', 3, 1 / 3],
        [ЖАО, 'Онлайн', 3, 2 / 3],
      ])
      expect(shares('region')).toEqual([
        ['Алматы', 'Ауызша', 2, 0],
        ['Алматы', 'Жазбаша', 2, 0],
        ['Алматы', 'Онлайн', 2, 1], // rows 3, 6 (row 5 blank)
        ['Астана', 'Ауызша', 3, 1 / 3], // rows 1, 2, 4
        ['Астана', 'Жазбаша', 3, 1 / 3],
        ['Астана', 'Онлайн', 3, 1 / 3],
      ])
      expect(shares('channel')).toEqual([
        ['body', 'Ауызша', 2, 0],
        ['body', 'Жазбаша', 2, 0],
        ['body', 'Онлайн', 2, 1], // rows 3, 6
        ['corp', 'Ауызша', 3, 1 / 3], // rows 1, 2, 4 (row 5 blank)
        ['corp', 'Жазбаша', 3, 1 / 3],
        ['corp', 'Онлайн', 3, 1 / 3],
      ])
      expect(shares('corpRegion')).toEqual([
        ['Астана', 'Ауызша', 3, 1 / 3], // rows 1, 2, 4
        ['Астана', 'Жазбаша', 3, 1 / 3],
        ['Астана', 'Онлайн', 3, 1 / 3],
      ])
    })
  })

  describe('a multi question', () => {
    // Seat, water, air: row 1 x/–/– ; row 2 all blank (not in the base); row 3 Иә/Жоқ/– ;
    // row 4 1/1/1 ; row 5 0/–/x ; row 6 all blank. A blank beside an answer is "no".
    const q = rowsOf(table(r, 'questions'), { question: 'conditions' })
    const shares = (groupType: string) =>
      q.filter((x) => x.groupType === groupType).map((x) => [x.group, x.option, x.n, x.share])

    it('counts a blank option as "no" when another option is answered; all blank is no answer', () => {
      expect(shares('total')).toEqual([
        ['total', 'Q4 Орындық', 4, 3 / 4], // rows 1, 3, 4
        ['total', 'Q4 Ауызсу', 4, 1 / 4], // row 4
        ['total', 'Q4 Кондиционер', 4, 2 / 4], // rows 4, 5
      ])
      expect(q.every((x) => x.type === 'multi' && x.mean === null)).toBe(true)
    })

    it('by service and by State Corporation region (the report’s table 16)', () => {
      expect(shares('service')).toEqual([
        ['A', 'Q4 Орындық', 2, 1], // rows 1, 3
        ['A', 'Q4 Ауызсу', 2, 0],
        ['A', 'Q4 Кондиционер', 2, 0],
        ['B', 'Q4 Орындық', 2, 1 / 2], // rows 4, 5
        ['B', 'Q4 Ауызсу', 2, 1 / 2],
        ['B', 'Q4 Кондиционер', 2, 1],
      ])
      expect(shares('corpRegion')).toEqual([
        ['Алматы', 'Q4 Орындық', 1, 0], // row 5
        ['Алматы', 'Q4 Ауызсу', 1, 0],
        ['Алматы', 'Q4 Кондиционер', 1, 1],
        ['Астана', 'Q4 Орындық', 2, 1], // rows 1, 4 (row 2 all blank)
        ['Астана', 'Q4 Ауызсу', 2, 1 / 2],
        ['Астана', 'Q4 Кондиционер', 2, 1 / 2],
      ])
    })

    it('lists a bad option cell as a data issue and keeps every share within 0..1', () => {
      const bad = report(
        {
          header: ['Қызмет', 'Жалпы баға', 'Орындық', 'Ауызсу'],
          rows: [
            ['A', 5, 'x', 'мүмкін'],
            ['A', 4, 'Жоқ', 'Жоқ'],
          ],
          questions: [{ key: 'conditions', type: 'multi', headers: ['Орындық', 'Ауызсу'] }],
        },
        { minBase: 1 },
      )
      expect(bad.issues).toEqual([
        {
          row: 2,
          column: 'Ауызсу',
          value: 'мүмкін',
          reason: 'not checked or unchecked (yes/no, x)',
        },
      ])
      const total = rowsOf(table(bad, 'questions'), { groupType: 'total' })
      // Both rows answered the question (row 2 checked a seat); the bad cell leaves row 2 out
      // of the water share only (its base is row 3): nobody who answered it said yes.
      expect(total.map((x) => [x.option, x.n])).toEqual([
        ['Орындық', 2],
        ['Ауызсу', 1],
      ])
      expect(total[0].share).toBe(0.5)
      expect(total[1].share).toBe(0)
      for (const x of total) {
        expect(x.share as number).toBeGreaterThanOrEqual(0)
        expect(x.share as number).toBeLessThanOrEqual(1)
      }
    })

    it("keeps a respondent's other options when the first option's cell is bad", () => {
      const bad = report(
        {
          header: ['Қызмет', 'Жалпы баға', 'Орындық', 'Ауызсу'],
          rows: [
            ['A', 5, 'мүмкін', 'Иә'],
            ['A', 4, 'Жоқ', 'Жоқ'],
          ],
          questions: [{ key: 'conditions', type: 'multi', headers: ['Орындық', 'Ауызсу'] }],
        },
        { minBase: 1 },
      )
      expect(bad.issues.map((i) => [i.row, i.column, i.value])).toEqual([[2, 'Орындық', 'мүмкін']])
      // Row 2 answered water (yes): it is in water's base, and water is 1 of 2; its bad seat
      // cell leaves it out of the seat's base only (row 3's «Жоқ» alone).
      const total = rowsOf(table(bad, 'questions'), { groupType: 'total' })
      expect(total.map((x) => [x.option, x.n, x.share])).toEqual([
        ['Орындық', 1, 0],
        ['Ауызсу', 2, 0.5],
      ])
    })
  })
})

describe('a header that differs from its declaration in case or spacing', () => {
  // The sheet says «seats  here» (two spaces), «WATER» and «q1  waiting»; the declaration
  // names them otherwise: the same columns, read as the sheet names them.
  const sheet = ['Қызмет', 'Жалпы баға', 'seats  here', 'WATER', 'q1  waiting', 'Ескертпе']
  const declared: Question[] = [
    { key: 'conditions', type: 'multi', headers: ['Seats here', 'Water'] },
    { key: 'waiting', type: 'rating', header: 'Q1 Waiting' },
  ]
  const body: Cell[][] = [
    ['A', 5, 'x', '', 4, ''],
    ['A', 4, '', 'x', 2, 'ескерту'],
    ['B', 3, 'x', 'x', 5, ''],
  ]
  const one = report({ header: sheet, rows: body, questions: declared }, { minBase: 1 })

  it('is read, its options named as in the sheet, and not listed as unused', () => {
    expect(one.summary.unused).toEqual(['Ескертпе'])
    const total = rowsOf(table(one, 'questions'), { question: 'conditions', groupType: 'total' })
    expect(total.map((x) => [x.option, x.n, x.share])).toEqual([
      ['seats  here', 3, 2 / 3], // rows 1, 3
      ['WATER', 3, 2 / 3], // rows 2, 3
    ])
    expectClose(table(one, 'aspects').total?.waiting, 11 / 3, 1e-15)
  })

  it('gives the one-pass report when split, sent back as JSON, checked and merged', () => {
    const chunks = [body.slice(0, 1), body.slice(1)].map((rows, k) =>
      JSON.parse(
        JSON.stringify(
          aggregate({ header: sheet, rows, questions: declared }, { firstRow: 2 + k }),
        ),
      ),
    )
    const [a, b] = readStates(chunks)
    expect(reportFromState(mergeStates(a, b), { minBase: 1 })).toEqual(one)
  })
})

describe('a declaration is refused', () => {
  const base = { header, rows }
  const refusal = (q: unknown, mapping?: Record<string, string>) => {
    try {
      report({ ...base, questions: q as Question[], mapping })
    } catch (error) {
      expect(error).toBeInstanceOf(SurveyError)
      return { code: (error as SurveyError).code, message: (error as Error).message }
    }
    throw new Error('not refused')
  }

  it('with a bad key', () => {
    expect(refusal([{ key: '1st', type: 'rating', header: 'Q1 Күту' }])).toEqual({
      code: 'bad_input',
      message:
        '"questions[0]" needs a "key": a letter, then letters, digits or _ (at most 64), got "1st"',
    })
    expect(refusal([{ key: 'a-b', type: 'rating', header: 'Q1 Күту' }]).message).toContain(
      'got "a-b"',
    )
  })

  it('with a key the tables already use', () => {
    for (const key of ['trust', 'satisfaction', 'service', 'n', 'total']) {
      expect(refusal([{ key, type: 'rating', header: 'Q1 Күту' }])).toEqual({
        code: 'bad_input',
        message: `"questions[0]" key "${key}" is a column the tables already have: choose another`,
      })
    }
  })

  it('with a key declared twice', () => {
    expect(
      refusal([
        { key: 'waiting', type: 'rating', header: 'Q1 Күту' },
        { key: 'waiting', type: 'yesno', header: 'Q2 Алдын ала жазылу' },
      ]),
    ).toEqual({ code: 'bad_input', message: '"questions[1]" key "waiting" is declared twice' })
  })

  it('with a header that is not in the survey, listing the headers', () => {
    expect(refusal([{ key: 'waiting', type: 'rating', header: 'Кезек' }])).toEqual({
      code: 'missing_column',
      message: `Column "Кезек" of question "waiting" is not in the header. Headers found: ${header.map((h) => `"${h}"`).join(', ')}`,
    })
    expect(
      refusal([{ key: 'conditions', type: 'multi', headers: ['Q4 Орындық', 'Q4 Жарық'] }]).message,
    ).toContain('Column "Q4 Жарық" of question "conditions" is not in the header.')
  })

  it('with a column both mapped to a role and declared', () => {
    expect(
      refusal([{ key: 'faith', type: 'rating', header: 'Қызмет ұсынушыға сенім' }], {
        trust: 'Қызмет ұсынушыға сенім',
      }),
    ).toEqual({
      code: 'bad_input',
      message:
        'Column 6 (F) "Қызмет ұсынушыға сенім" is mapped to trust and declared as question "faith": a column plays one part',
    })
  })

  it('with two questions on one column', () => {
    expect(
      refusal([
        { key: 'waiting', type: 'rating', header: 'Q1 Күту' },
        { key: 'waitingAgain', type: 'yesno', header: 'Q1 Күту' },
      ]),
    ).toEqual({
      code: 'bad_input',
      message:
        'Column 7 (G) "Q1 Күту" is declared by questions "waiting" and "waitingAgain": a column plays one part',
    })
  })

  it('with an unknown type, or a multi question without its headers', () => {
    expect(refusal([{ key: 'x', type: 'scale', header: 'Q1 Күту' }]).message).toBe(
      '"questions[0]" needs a "type": one of rating, yesno, choice, multi, got "scale"',
    )
    expect(refusal([{ key: 'x', type: 'multi', header: 'Q1 Күту' }]).message).toBe(
      '"questions[0]" is multi: give its columns as "headers", not "header"',
    )
  })
})
