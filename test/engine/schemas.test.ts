/**
 * A declared survey schema (issue 13 items 1 and 5): for any scale, any mapped aspects and
 * barriers and any declared questions, the merge of any split is one pass; states of different
 * schemas are refused; the layout of the 2017 schema is pinned to its state format.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AGE_BANDS,
  ASPECTS,
  aggregate,
  BARRIERS,
  type Cell,
  layoutOf,
  type Mapping,
  mergeStates,
  type PartialState,
  type Question,
  report,
  reportFromState,
  type Schema,
  STATE_FORMAT,
} from '../../engine'
import { pairLayoutOf, peopleLayoutOf } from '../../engine/layout'
import { parseCsv } from '../../samples/generator/csv'
import { chunksOf, mergeInAnyOrder } from '../support/chunks'

/** The schema the 2017 questionnaire decodes to: 1..5, the eight aspects, the three barriers. */
const SCHEMA_2017: Schema = {
  scale: { min: 1, max: 5 },
  ratings: [
    'infoAccess',
    'infoClarity',
    'documents',
    'timeliness',
    'staffCompetence',
    'staffSpeed',
    'staffCourtesy',
    'trust',
  ],
  yesno: ['complaint', 'informalPayment', 'connections'],
  multi: [],
  choices: [],
}

/**
 * Each state format and the layout of the 2017 schema it stands for. When the layout changes,
 * STATE_FORMAT must change with it (states of the old layout would be read wrong), and the
 * new format gets its own line here.
 */
const LAYOUTS: Record<string, string> = {
  'sapa.state.v2':
    'sapa.state.v2 respondents:1 rated:1 overall:5 overallW2:5 rating.infoAccess:5 ' +
    'rating.infoClarity:5 rating.documents:5 rating.timeliness:5 rating.staffCompetence:5 ' +
    'rating.staffSpeed:5 rating.staffCourtesy:5 rating.trust:5 yesno.complaint:2 ' +
    'yesno.informalPayment:2 yesno.connections:2',
}

describe('the layout of the 2017 schema', () => {
  it('is the one its state format stands for (else: bump STATE_FORMAT)', () => {
    const known = LAYOUTS[STATE_FORMAT]
    expect(
      known,
      `STATE_FORMAT "${STATE_FORMAT}" is new: add its layout to LAYOUTS in this file`,
    ).toBeDefined()
    expect(
      layoutOf(SCHEMA_2017).fingerprint,
      `the layout of a group's counts changed while STATE_FORMAT stayed "${STATE_FORMAT}": bump STATE_FORMAT`,
    ).toBe(known)
  })

  it('is what the bundled sample decodes to', () => {
    const [header, ...rows] = parseCsv(readFileSync('samples/survey-2017.csv', 'utf8'))
    const state = aggregate({ header, rows: rows.slice(0, 50) })
    expect(state.schema).toEqual(SCHEMA_2017)
    expect(state.layout).toBe(LAYOUTS['sapa.state.v2'])
  })

  it('holds 58 numbers per group, 12 per demographic group, 900 per driver group', () => {
    // respondents 1 + rated 1 + overall 5 points + overall Σw² 5 + 8 aspects × 5 points
    // + 3 barriers × (yes, answered) = 1 + 1 + 5 + 5 + 40 + 6 = 58.
    expect(layoutOf(SCHEMA_2017).width).toBe(58)
    // A demographic group: respondents, rated, overall and its Σw²: 1 + 1 + 5 + 5.
    expect(peopleLayoutOf(SCHEMA_2017).width).toBe(12)
    // Drivers: 9 variables (overall and 8 aspects) → 36 pairs × 5 × 5 joint counts.
    expect(pairLayoutOf(SCHEMA_2017).width).toBe(900)
  })

  it('on a 0..10 scale with two rated questions, a yes/no, a multi of 3 and a choice', () => {
    const schema: Schema = {
      scale: { min: 0, max: 10 },
      ratings: [...SCHEMA_2017.ratings, 'waiting', 'parking'],
      yesno: [...SCHEMA_2017.yesno, 'booked'],
      multi: [{ key: 'conditions', options: ['Орындық', 'Ауызсу', 'Кондиционер'] }],
      choices: ['channelUsed'],
    }
    // 1 + 1 + 11 + 11 + 10 rated × 11 + 4 yes/no × 2 + 3 options × (yes, answered)
    // = 24 + 110 + 8 + 6 = 148; a choice is counted beside the cells, not in them.
    expect(layoutOf(schema).width).toBe(148)
    // 11 variables → 55 pairs × 11 × 11.
    expect(pairLayoutOf(schema).width).toBe(6655)
  })
})

describe('merging states of different schemas', () => {
  // Columns C and D have headers no role is detected by: they are read only when mapped or declared.
  const header = ['Қызмет', 'Жалпы баға', 'Баған C', 'Баған D']
  const rows: Cell[][] = [
    ['A', 5, 5, 3],
    ['B', 4, 3, 2],
  ]

  it('is refused for another scale, naming both', () => {
    const a = aggregate({ header, rows })
    const b = aggregate({ header, rows }, { scale: { min: 1, max: 10 } })
    expect(() => mergeStates(a, b)).toThrow(
      'partial states count different things (scale 1..5 with no items, against 1..10 with no items): aggregate every chunk with the same mapping, questions and scale',
    )
  })

  it('is refused for other items, naming both', () => {
    const a = aggregate({ header, rows, mapping: { trust: 'Баған C' } })
    const b = aggregate({ header, rows })
    expect(() => mergeStates(a, b)).toThrow(/trust/)
    expect(() => mergeStates(b, a)).toThrow(/trust/)
  })

  it('is refused for other questions, naming both', () => {
    const a = aggregate({
      header,
      rows,
      questions: [{ key: 'waiting', type: 'rating', header: 'Баған D' }],
    })
    const b = aggregate({
      header,
      rows,
      questions: [{ key: 'queue', type: 'rating', header: 'Баған D' }],
    })
    expect(() => mergeStates(a, b)).toThrow(/waiting[\s\S]*queue/)
  })

  it('is refused for another mapping of the same items, naming both', () => {
    const a = aggregate({ header, rows, mapping: { trust: 'Баған C' } })
    const b = aggregate({ header, rows, mapping: { trust: 'Баған D' } })
    expect(() => mergeStates(a, b)).toThrow(/"Баған C"[\s\S]*"Баған D"/)
  })
})

describe('merging in either order', () => {
  it("gives the same choice question's rows", () => {
    const header = ['Қызмет', 'Жалпы баға', 'Өтініш түрі']
    const questions: Question[] = [{ key: 'channelUsed', type: 'choice', header: 'Өтініш түрі' }]
    const a = aggregate({
      header,
      questions,
      rows: [
        ['A', 5, 'онлайн'],
        ['A', 4, 'онлайн'],
      ],
    })
    const b = aggregate({ header, questions, rows: [['A', 3, 'жазбаша']] }, { firstRow: 4 })
    const ab = reportFromState(mergeStates(a, b), { minBase: 1 })
    const ba = reportFromState(mergeStates(b, a), { minBase: 1 })
    expect(ba).toEqual(ab)
  })
})

describe('any schema', () => {
  const scale = fc.record({
    min: fc.constantFrom(0, 1),
    max: fc.integer({ min: 5, max: 10 }),
  })
  const schema = fc.record({
    scale,
    aspects: fc.subarray([...ASPECTS]),
    barriers: fc.subarray([...BARRIERS]),
    questions: fc.array(
      fc.record({
        type: fc.constantFrom<Question['type']>('rating', 'yesno', 'choice', 'multi'),
        options: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 4 },
    ),
    weighted: fc.boolean(),
  })

  type Spec = typeof schema extends fc.Arbitrary<infer T> ? T : never
  type Kind = 'score' | 'yesno' | 'choice' | 'check' | 'weight' | 'text'
  interface Built {
    header: string[]
    kinds: Kind[]
    labels: string[][]
    mapping: Mapping
    questions: Question[]
  }

  /** The survey's columns for a schema: roles first, then aspects, barriers, questions. */
  function build(s: Spec): Built {
    const header = [
      'Қызмет',
      'Мемлекеттік орган',
      'Өңір',
      'Қызмет алынған орын',
      'Жалпы баға',
      'Жасы',
      'Жынысы',
    ]
    const kinds: Kind[] = ['text', 'text', 'text', 'text', 'score', 'text', 'text']
    const labels: string[][] = [
      ['1', '2', '3'],
      ['Жергілікті атқарушы органдар', 'Бас прокуратура'],
      ['Астана қ.', 'Алматы қ.'],
      ['Мемлекеттік орган', 'ХҚКО', 'eGov'],
      [],
      [...AGE_BANDS.slice(1)],
      ['Ер', 'Әйел'],
    ]
    const mapping: Mapping = {}
    for (const aspect of s.aspects) {
      header.push(`A ${aspect}`)
      kinds.push('score')
      labels.push([])
      mapping[aspect] = `A ${aspect}`
    }
    for (const barrier of s.barriers) {
      header.push(`B ${barrier}`)
      kinds.push('yesno')
      labels.push([])
      mapping[barrier] = `B ${barrier}`
    }
    const questions: Question[] = []
    s.questions.forEach((q, i) => {
      const key = `q${i}`
      if (q.type === 'multi') {
        const headers = Array.from({ length: q.options }, (_, o) => `Q${i} option ${o}`)
        for (const h of headers) {
          header.push(h)
          kinds.push('check')
          labels.push([])
        }
        questions.push({ key, type: 'multi', headers })
        return
      }
      header.push(`Q${i}`)
      kinds.push(q.type === 'rating' ? 'score' : q.type === 'yesno' ? 'yesno' : 'choice')
      labels.push(q.type === 'choice' ? ['онлайн', 'жазбаша', 'ауызша'].slice(0, q.options) : [])
      questions.push({ key, type: q.type, header: `Q${i}` })
    })
    if (s.weighted) {
      header.push('Салмақ')
      kinds.push('weight')
      labels.push([])
    }
    return { header, kinds, labels, mapping, questions }
  }

  const cell = (kind: Kind, labels: string[], min: number, max: number): fc.Arbitrary<Cell> => {
    switch (kind) {
      case 'score':
        return fc.oneof(
          { weight: 10, arbitrary: fc.integer({ min, max }) },
          { weight: 1, arbitrary: fc.constantFrom<Cell>('', max + 1, 'x') },
        )
      case 'yesno':
        return fc.constantFrom<Cell>('Иә', 'Жоқ', '')
      case 'check':
        return fc.constantFrom<Cell>('x', '', 'Жоқ')
      case 'choice':
        return fc.constantFrom<Cell>(...labels, '')
      case 'weight':
        return fc.oneof(
          { weight: 10, arbitrary: fc.double({ min: 0.1, max: 5, noNaN: true }) },
          { weight: 1, arbitrary: fc.constant<Cell>('') },
        )
      default:
        return fc.constantFrom<Cell>(...labels, '')
    }
  }

  const survey = schema.chain((s) => {
    const built = build(s)
    const { min, max } = s.scale
    const row = fc.tuple(...built.kinds.map((k, c) => cell(k, built.labels[c], min, max)))
    return fc.record({
      s: fc.constant(s),
      built: fc.constant(built),
      rows: fc
        .array(row, { minLength: 1, maxLength: 60 })
        // At least one valid overall score, so that there is a report.
        .map((rows) => [
          built.kinds.map((k, c) =>
            k === 'score' ? max : k === 'weight' ? 1 : k === 'text' ? built.labels[c][0] : '',
          ),
          ...rows,
        ]),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }),
      picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    })
  })

  it('merges any split, in any order and through JSON, to exactly one pass', () => {
    fc.assert(
      fc.property(survey, ({ s, built, rows, cuts, picks }) => {
        const { header, mapping, questions } = built
        const options = { minBase: 3, scale: s.scale }
        const one = report({ header, rows, mapping, questions }, options)
        expect(one.summary.scale).toEqual(s.scale)
        expect(one.summary.questions).toEqual(questions)
        const states = chunksOf(rows, cuts).map((chunk) => {
          const state = aggregate(
            { header, rows: chunk.rows, mapping, questions },
            { firstRow: chunk.firstRow, scale: s.scale },
          )
          return JSON.parse(JSON.stringify(state)) as PartialState
        })
        expect(reportFromState(mergeInAnyOrder(states, picks), options)).toEqual(one)
      }),
      { numRuns: 120 },
    )
  })
})
