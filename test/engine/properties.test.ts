import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregate, type Cell, type Report, report, reportFromState } from '../../engine'
import { chunksOf, mergeInAnyOrder } from '../support/chunks'

const header = [
  'Қызмет',
  'Мемлекеттік орган',
  'Өңір',
  'Қызмет алынған орын',
  'Қызметке жалпы баға',
  'Қызмет ұсынушыға сенім',
  'Құжаттар',
  'Шағым берді',
  'Жасы',
  'Жынысы',
  'Салмақ',
]
const score = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Cell>('', '5,0', 'Жауап беруге қиналамын', 6, 'x', '4 балл'),
  },
)
const respondent = (weighted: boolean) =>
  fc.tuple(
    fc.constantFrom('1', '2', '3', 'Төрт'),
    fc.constantFrom('Жергілікті атқарушы органдар', 'Бас прокуратура', 'Әділет министрлігі'),
    fc.constantFrom('Астана қ.', 'Алматы қ.', 'Шымкент қ.', ''),
    fc.constantFrom('Мемлекеттік орган', 'ХҚКО', 'eGov', 'базар'),
    score,
    score,
    score,
    fc.constantFrom<Cell>('Иә', 'Жоқ', '', 'мүмкін'),
    fc.integer({ min: 5, max: 90 }),
    fc.constantFrom('Ер', 'Әйел'),
    weighted
      ? fc.oneof(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.constant<Cell>(''))
      : fc.constant<Cell>(1),
  ) as fc.Arbitrary<Cell[]>

const survey = fc
  .boolean()
  .chain((weighted) => fc.array(respondent(weighted), { minLength: 1, maxLength: 120 }))
  // A survey needs at least one valid overall score.
  .map((rows) => [
    ['1', 'Бас прокуратура', 'Астана қ.', 'ХҚКО', 5, 5, 5, 'Жоқ', 30, 'Ер', 1],
    ...rows,
  ])

const options = { minBase: 3 }
const tablesWithoutIssues = (r: Report) => r.tables.filter((t) => t.id !== 'issues')

describe('engine properties', () => {
  it('every distribution sums to 1', () => {
    fc.assert(
      fc.property(survey, (rows) => {
        const r = report({ header, rows }, options)
        for (const row of r.tables.find((t) => t.id === 'distribution')?.rows ?? []) {
          if ((row.n as number) === 0) continue
          const total = ['p1', 'p2', 'p3', 'p4', 'p5'].reduce((s, k) => s + (row[k] as number), 0)
          expect(total).toBeCloseTo(1, 12)
        }
      }),
    )
  })

  it('every mean lies in 1..5 and every share in 0..1', () => {
    fc.assert(
      fc.property(survey, (rows) => {
        const r = report({ header, rows }, options)
        for (const table of r.tables) {
          for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
            for (const column of table.columns) {
              const v = row[column.key]
              if (typeof v !== 'number') continue
              expect(Number.isNaN(v)).toBe(false)
              if (
                column.format === 'decimal' &&
                column.key !== 'delta' &&
                column.key !== 'index100' && // 0–100
                !/^score10$|Score10$/.test(column.key)
              ) {
                expect(v).toBeGreaterThanOrEqual(1)
                expect(v).toBeLessThanOrEqual(5)
              }
              if (column.format === 'percent' && column.key !== 'diff') {
                expect(v).toBeGreaterThanOrEqual(0)
                expect(v).toBeLessThanOrEqual(1)
              }
            }
          }
        }
      }),
    )
  })

  it('is invariant under row permutation', () => {
    fc.assert(
      fc.property(
        survey.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          const a = report({ header, rows }, options)
          const b = report({ header, rows: shuffled }, options)
          expect(tablesWithoutIssues(b)).toEqual(tablesWithoutIssues(a))
          expect(b.summary).toEqual(a.summary)
          const cells = (r: Report) =>
            r.issues.map((i) => `${i.column}|${i.value}|${i.reason}`).sort()
          expect(cells(b)).toEqual(cells(a))
        },
      ),
    )
  })

  it('merging the states of any split gives exactly one pass', () => {
    fc.assert(
      fc.property(
        survey.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, rows.length - 1) }), {
              maxLength: 6,
            }),
            fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
          ),
        ),
        ([rows, cuts, picks]) => {
          const states = chunksOf(rows, cuts).map((chunk) =>
            aggregate({ header, rows: chunk.rows }, { firstRow: chunk.firstRow }),
          )
          // Merge in an arbitrary tree and order: associativity and commutativity.
          const merged = mergeInAnyOrder(states, picks)
          expect(reportFromState(merged, options)).toEqual(report({ header, rows }, options))
        },
      ),
    )
  })
})
