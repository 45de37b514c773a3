/**
 * Any label is safe (DESIGN §3; issue 11 item 3): services, agencies, regions and choice answers
 * named like JavaScript object internals or any Unicode text come back as groups of their own,
 * counted right, through one pass and through a fan-out of JSON states.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  aggregate,
  type Cell,
  mergeStates,
  type PartialState,
  type Question,
  report,
  reportFromState,
} from '../../engine'
import { chunksOf } from '../support/chunks'
import { rows as rowsOf, table } from '../support/tables'

const header = ['Қызмет', 'Мемлекеттік орган', 'Өңір', 'Қызметке жалпы баға', 'Жауап']
const questions: Question[] = [{ key: 'answer', type: 'choice', header: 'Жауап' }]

/** Every own name of Object.prototype (`__proto__`, `constructor`, `toString`, …) and a few more. */
const internals = [
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
  'then',
  'length',
  'NaN',
]

/** A label as the engine keeps it: trimmed, inner whitespace as one space. */
const normal = (text: string) => text.trim().replace(/\s+/g, ' ')

// Blank text is no label, and `#…` could be a spreadsheet's error value: both are left out here.
const usable = (text: string) => normal(text) !== '' && !normal(text).startsWith('#')
const label = fc.oneof(
  fc.constantFrom(...internals),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter(usable),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter(usable),
)

const survey = fc
  .record({
    services: fc.array(label, { minLength: 1, maxLength: 4 }),
    agencies: fc.array(label, { minLength: 1, maxLength: 3 }),
    regions: fc.array(label, { minLength: 1, maxLength: 3 }),
    answers: fc.array(label, { minLength: 1, maxLength: 3 }),
  })
  .chain((labels) =>
    fc.record({
      labels: fc.constant(labels),
      rows: fc.array(
        fc.tuple(
          fc.nat(labels.services.length - 1),
          fc.nat(labels.agencies.length - 1),
          fc.nat(labels.regions.length - 1),
          fc.integer({ min: 1, max: 5 }),
          fc.option(fc.nat(labels.answers.length - 1), { nil: null }),
        ),
        { minLength: 1, maxLength: 40 },
      ),
      cuts: fc.uniqueArray(fc.nat(40), { maxLength: 4 }),
    }),
  )
  .map(({ labels, rows, cuts }) => ({
    cells: rows.map(([s, a, r, score, answer]): Cell[] => [
      labels.services[s],
      labels.agencies[a],
      labels.regions[r],
      score,
      answer === null ? '' : labels.answers[answer],
    ]),
    cuts,
  }))

/** Rows per normalised label of column c. */
function tally(cells: Cell[][], c: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of cells) {
    if (r[c] === '') continue
    const key = normal(String(r[c]))
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

describe('any label', () => {
  it('is a group of its own, counted right, in one pass and in a fan-out of JSON states', () => {
    fc.assert(
      fc.property(survey, ({ cells, cuts }) => {
        const options = { minBase: 1 }
        const one = report({ header, rows: cells, questions }, options)
        expect(one.summary.issueCount).toBe(0)

        // Services in the rating, regions in the regions table, agencies in the distribution.
        const rating = table(one, 'rating').rows
        const services = new Map(rating.map((x) => [x.service as string, x.n as number]))
        expect(sorted(services)).toEqual(sorted(tally(cells, 0)))
        expect(one.summary.services).toBe(tally(cells, 0).size)
        const regions = new Map(
          table(one, 'regions').rows.map((x) => [x.region as string, x.n as number]),
        )
        expect(sorted(regions)).toEqual(sorted(tally(cells, 2)))
        const agencies = new Map(
          rowsOf(table(one, 'distribution'), { groupType: 'agency' }).map((x) => [
            x.group as string,
            x.n as number,
          ]),
        )
        expect(sorted(agencies)).toEqual(sorted(tally(cells, 1)))
        // Choice answers as the options of the question, with their shares.
        const answered = cells.filter((r) => r[4] !== '').length
        const options4 = rowsOf(table(one, 'questions'), { groupType: 'total' }).map((x) => [
          x.option as string,
          Math.round((x.share as number) * answered),
        ])
        expect(options4.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(
          sorted(tally(cells, 4)),
        )

        // The same report from chunks, each state through JSON, merged in order.
        let state: PartialState | null = null
        for (const part of chunksOf(cells, cuts)) {
          const chunk = aggregate(
            { header, rows: part.rows, questions },
            { firstRow: part.firstRow },
          )
          const travelled = JSON.parse(JSON.stringify(chunk)) as PartialState
          state = state ? mergeStates(state, travelled) : travelled
        }
        expect(reportFromState(state as PartialState, options)).toEqual(one)
      }),
      { numRuns: 200 },
    )
  })

  it('named like an object internal never becomes another group or vanishes', () => {
    const rows: Cell[][] = internals.map((name, i) => [name, name, name, 1 + (i % 5), name])
    const r = report({ header, rows, questions }, { minBase: 1 })
    const names = [...new Set(internals)].sort()
    expect(
      table(r, 'rating')
        .rows.map((x) => x.service)
        .sort(),
    ).toEqual(names)
    expect(
      table(r, 'regions')
        .rows.map((x) => x.region)
        .sort(),
    ).toEqual(names)
    expect(
      rowsOf(table(r, 'questions'), { groupType: 'total' })
        .map((x) => x.option)
        .sort(),
    ).toEqual(names)
    expect(r.summary.services).toBe(names.length)
  })
})
