import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCommand, type ReportCommand } from '../../cli/args'
import { CliError, EXIT } from '../../cli/errors'
import { checkDriverKeys, readQuestionsFile, resolveQuestions } from '../../cli/questions'
import { readSurvey } from '../../cli/read-survey'
import { WAITING } from './support'

let dir: string
/** The 2017 sample's header: its «Күту жағдайы: …» columns hold commas. */
let header: string[]
let tenPoint: string[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-questions-'))
  const firstLine = async (path: string) => (await readFile(path, 'utf8')).split('\n')[0]
  header = (await readSurvey('samples/survey-2017.csv')).header as string[]
  tenPoint = (await firstLine('samples/survey-10point.csv')).split(',')
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** The --question flags of a command line. */
const flags = (...values: string[]) =>
  (parseCommand(['report', 'a.csv', ...values.flatMap((v) => ['--question', v])]) as ReportCommand)
    .questions

function refusal(run: () => unknown): CliError {
  try {
    run()
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error('accepted')
}

describe('--question headers are read against the survey’s header', () => {
  it('reads a multi question’s seven headers from one comma-separated list, commas inside headers and all', () => {
    const [question] = resolveQuestions(
      flags(`waiting=multi:${WAITING.join(',')}`),
      undefined,
      header,
      'survey-2017.csv',
    )
    expect(question).toEqual({ key: 'waiting', type: 'multi', headers: WAITING })
  })

  it('takes one header per repeated --question KEY=multi:HEADER, spacing and case as the engine compares them', () => {
    const given = WAITING.map((h, i) => `waiting=multi:${i === 0 ? `  ${h.toUpperCase()} ` : h}`)
    const [question] = resolveQuestions(flags(...given), undefined, header, 'survey-2017.csv')
    expect(question.headers).toEqual(WAITING)
  })

  it('takes a rating, yesno or choice header whole, commas included', () => {
    expect(
      resolveQuestions(flags(`hall=yesno:${WAITING[0]}`), undefined, header, 'survey-2017.csv'),
    ).toEqual([{ key: 'hall', type: 'yesno', header: WAITING[0] }])
    expect(
      resolveQuestions(
        flags('wait=rating:Кезек күту уақыты', 'how=choice:Шағым қалай берілді'),
        undefined,
        tenPoint,
        'survey-10point.csv',
      ),
    ).toEqual([
      { key: 'wait', type: 'rating', header: 'Кезек күту уақыты' },
      { key: 'how', type: 'choice', header: 'Шағым қалай берілді' },
    ])
  })

  it('names a header that is not there, with the headers found (exit 2)', () => {
    const error = refusal(() =>
      resolveQuestions(flags('wait=rating:Күту уақыты'), undefined, tenPoint, 'survey-10point.csv'),
    )
    expect(error.exitCode).toBe(EXIT.usage)
    expect(error.message).toMatch(
      /^--question wait=rating:Күту уақыты: «Күту уақыты» is not a header of survey-10point\.csv\. Headers of survey-10point\.csv: «№», «Сауалнама күні»/,
    )
  })

  it('names the first piece of a multi list that is no header', () => {
    const error = refusal(() =>
      resolveQuestions(
        flags(`waiting=multi:${WAITING[1]},Күту жағдайы: Жарық жоқ`),
        undefined,
        header,
        'survey-2017.csv',
      ),
    )
    expect(error.exitCode).toBe(EXIT.usage)
    expect(error.message).toContain('«Күту жағдайы: Жарық жоқ» is not a header of survey-2017.csv')
    expect(error.message).toContain('one per --question waiting=multi:HEADER')
  })

  it('refuses a list that reads as headers in two ways', () => {
    const odd = ['A', 'B', 'A, B', 'Қызмет', 'Баға']
    const error = refusal(() => resolveQuestions(flags('x=multi:A, B'), undefined, odd, 'odd.csv'))
    expect(error.message).toBe(
      '--question x=multi:A, B: reads as the headers of odd.csv in more than one way («A, B» or «A» + «B»); give each header with its own --question x=multi:HEADER',
    )
  })

  it('refuses a header given twice for one question, and a key also in the file', () => {
    expect(
      refusal(() =>
        resolveQuestions(
          flags(`w=multi:${WAITING[1]}`, `w=multi:${WAITING[1]}`),
          undefined,
          header,
          's.csv',
        ),
      ).message,
    ).toContain(`«${WAITING[1]}» is given twice for "w"`)
    expect(
      refusal(() =>
        resolveQuestions(
          flags('wait=rating:Кезек күту уақыты'),
          {
            path: 'q.json',
            questions: [{ key: 'wait', type: 'rating', header: 'Кезек күту уақыты' }],
          },
          tenPoint,
          's.csv',
        ),
      ).message,
    ).toBe(
      '--question wait=rating:Кезек күту уақыты: "wait" is also declared in --questions q.json',
    )
  })

  it('checks the file’s headers too, naming the file (exit 3)', () => {
    const error = refusal(() =>
      resolveQuestions(
        [],
        { path: 'q.json', questions: [{ key: 'wait', type: 'rating', header: 'Күту' }] },
        tenPoint,
        's.csv',
      ),
    )
    expect(error.exitCode).toBe(EXIT.input)
    expect(error.message).toMatch(
      /^--questions q\.json: question "wait" reads «Күту», which is not a header of s\.csv/,
    )
  })
})

describe('--questions FILE.json', () => {
  it('reads the sample’s declaration, its scale included', async () => {
    const declared = JSON.parse(await readFile('samples/survey-10point.questions.json', 'utf8'))
    expect(await readQuestionsFile('samples/survey-10point.questions.json')).toEqual(declared)
  })

  it('reads a plain array of questions', async () => {
    const path = join(dir, 'array.json')
    await writeFile(path, '\uFEFF[{"key": "wait", "type": "rating", "header": " Кезек "}]')
    expect(await readQuestionsFile(path)).toEqual({
      questions: [{ key: 'wait', type: 'rating', header: 'Кезек' }],
    })
  })

  it.each([
    ['missing.json', null, /^--questions .*missing\.json: file not found$/],
    ['bad.json', '[{"key": "wait",', /^--questions .*bad\.json: not JSON \(/],
    ['number.json', '42', /must hold an array of questions, or \{"questions": \[\.\.\.\]\}$/],
    ['extra.json', '{"questions": [], "weights": 1}', /unknown field "weights"/],
    ['none.json', '{"scale": {"min": 1, "max": 10}}', /no "questions" in it$/],
    ['scale.json', '{"questions": [], "scale": {"min": 2, "max": 10}}', /the scale must be/],
    [
      'type.json',
      '[{"key": "wait", "type": "score", "header": "Q"}]',
      /"questions\[0\]" needs a "type": one of rating, yesno, choice, multi, got "score"$/,
    ],
  ])('refuses %s naming the file (exit 3)', async (name, content, message) => {
    const path = join(dir, name)
    if (content !== null) await writeFile(path, content)
    const error = await readQuestionsFile(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(EXIT.input)
    expect((error as CliError).message).toMatch(message)
  })
})

describe('--exclude-driver', () => {
  it('takes the aspects and the rating questions, and names anything else', () => {
    expect(() =>
      checkDriverKeys(['trust', 'wait'], [{ key: 'wait', type: 'rating' }]),
    ).not.toThrow()
    const error = refusal(() => checkDriverKeys(['how'], [{ key: 'how', type: 'choice' }]))
    expect(error.exitCode).toBe(EXIT.usage)
    expect(error.message).toMatch(/^--exclude-driver how: not a rated item; items: infoAccess, /)
  })
})
