import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type RakeCell, type RakeInput, rake } from '../../../engine/weighting'
import { cells, survey } from './survey'

/** The survey's cells split and reordered: each piece remembers the cell it came from. */
type Piece = { cell: RakeCell; from: number }

const split = (cuts: readonly number[]): Piece[] =>
  cells.flatMap((cell, from) => {
    const cut = cuts[from] % cell.count // 0 leaves the cell whole
    if (cut === 0) return [{ cell, from }]
    return [
      { cell: { ...cell, count: cut }, from },
      { cell: { ...cell, categories: [...cell.categories], count: cell.count - cut }, from },
    ]
  })

const expectSame = (input: RakeInput, pieces: readonly Piece[]) => {
  const whole = rake(input)
  const chunked = rake({ ...input, cells: pieces.map((p) => p.cell) })
  // Bit-identical, not merely close: Object.is on every factor and every summary number.
  for (const [i, p] of pieces.entries()) {
    expect(Object.is(chunked.factors[i], whole.factors[p.from])).toBe(true)
  }
  expect(chunked.summary).toStrictEqual(whole.summary)
}

describe('rake does not depend on how the cells come', () => {
  it('gives bit-identical factors for a survey merged from two chunks in another order', () => {
    // Chunk 1: part of each cell, last cell first; chunk 2: the rest.
    const pieces = split(cells.map((c) => Math.floor(c.count / 2)))
    const chunk1 = pieces.filter((_, i) => i % 2 === 0).reverse()
    const chunk2 = pieces.filter((_, i) => i % 2 === 1)
    expectSame(survey, [...chunk1, ...chunk2])
    expectSame({ ...survey, trim: { min: 0.56, max: 1.6 } }, [...chunk2, ...chunk1])
  })

  it('for any split of the cells and any order of them and of the margins (property)', () => {
    const arbitrary = fc
      .array(fc.nat(), { minLength: cells.length, maxLength: cells.length })
      .chain((cuts) => {
        const pieces = split(cuts)
        return fc.tuple(
          fc.shuffledSubarray(pieces, { minLength: pieces.length, maxLength: pieces.length }),
          fc.boolean(),
          fc.boolean(),
        )
      })
    fc.assert(
      fc.property(arbitrary, ([pieces, trim, reverseMargins]) => {
        const margins = reverseMargins
          ? new Map(
              [...survey.margins].reverse().map(([role, m]) => [role, new Map([...m].reverse())]),
            )
          : survey.margins
        const input = { ...survey, margins, trim: trim ? { max: 1.6 } : undefined }
        const whole = rake({ ...survey, trim: input.trim })
        const chunked = rake({ ...input, cells: pieces.map((p) => p.cell) })
        return (
          pieces.every((p, i) => Object.is(chunked.factors[i], whole.factors[p.from])) &&
          JSON.stringify(chunked.summary) === JSON.stringify(whole.summary)
        )
      }),
      { numRuns: 200 },
    )
  })
})
