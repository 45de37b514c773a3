/**
 * @module The layout of a group's counts, declared once by name for a survey's schema. Offsets,
 * widths and accessors are derived from the declaration: the counting loop uses the offsets,
 * the tables read through the accessors, and nothing else knows where a count sits.
 */
import { pointsOf, type Schema } from './schema'
import { pairCount, pairIndex } from './stats/pairwise-correlations'

/** The format of a partial state; bump it whenever the declaration below changes shape. */
export const STATE_FORMAT = 'sapa.state.v2'

/** One named field of a group's counts. */
export interface Field {
  name: string
  width: number
}

/**
 * A group's counts (weighted when the survey has weights), in this order:
 * - `respondents`: Σw of the respondents (rows with any answer);
 * - `rated`: respondents with a valid overall score, unweighted (the m of design-based variances);
 * - `overall`: Σw per point of the scale; `overallW2`: Σw² per point;
 * - `rating.<key>`: Σw per point, for each rated item (mapped aspects, then rating questions);
 * - `yesno.<key>`: Σw of yes, Σw of those who answered, for each yes/no item;
 * - `multi.<key>`: for each option, Σw of yes and Σw of those who answered it (a blank option
 *   of a respondent who answered another is a no; a bad one leaves that option only).
 */
export function declare(schema: Schema): Field[] {
  const k = pointsOf(schema.scale)
  return [
    { name: 'respondents', width: 1 },
    { name: 'rated', width: 1 },
    { name: 'overall', width: k },
    { name: 'overallW2', width: k },
    ...schema.ratings.map((key) => ({ name: `rating.${key}`, width: k })),
    ...schema.yesno.map((key) => ({ name: `yesno.${key}`, width: 2 })),
    ...schema.multi.map((q) => ({ name: `multi.${q.key}`, width: 2 * q.options.length })),
  ]
}

/** A demographic group's counts: the first four fields of `declare`, nothing per item. */
function declarePeople(schema: Schema): Field[] {
  return declare(schema).slice(0, 4)
}

/** Offsets and accessors of a declaration. */
export interface Layout {
  schema: Schema
  /** Points of the scale (K). */
  points: number
  /** Numbers per group. */
  width: number
  respondents: number
  rated: number
  overall: number
  overallW2: number
  /** Offset of each rated item's K counts, in `schema.ratings` order. */
  ratings: Int32Array
  /** Offset of each yes/no item's (yes, answered), in `schema.yesno` order. */
  yesno: Int32Array
  /** Offset of each multi question's (yes, answered) per option, in `schema.multi` order. */
  multi: Int32Array
  /** `STATE_FORMAT` and every field with its width: equal layouts have equal fingerprints. */
  fingerprint: string
}

export function layoutOf(schema: Schema, fields: Field[] = declare(schema)): Layout {
  const offsets = new Map<string, number>()
  let width = 0
  for (const field of fields) {
    offsets.set(field.name, width)
    width += field.width
  }
  const at = (name: string) => offsets.get(name) ?? -1
  return {
    schema,
    points: pointsOf(schema.scale),
    width,
    respondents: at('respondents'),
    rated: at('rated'),
    overall: at('overall'),
    overallW2: at('overallW2'),
    ratings: Int32Array.from(schema.ratings, (key) => at(`rating.${key}`)),
    yesno: Int32Array.from(schema.yesno, (key) => at(`yesno.${key}`)),
    multi: Int32Array.from(schema.multi, (q) => at(`multi.${q.key}`)),
    fingerprint: [STATE_FORMAT, ...fields.map((f) => `${f.name}:${f.width}`)].join(' '),
  }
}

/** The layout of demographic groups (overall counts only). */
export const peopleLayoutOf = (schema: Schema) => layoutOf(schema, declarePeople(schema))

/**
 * Joint counts for the key drivers: for every pair (a < b) of the variables [overall, ...rated
 * items], K × K counts of respondents who answered both, `[x·K + y]` for a at point x and b at
 * point y. One block of `pairs · K²` numbers per driver group.
 */
export interface PairLayout {
  variables: number
  points: number
  pairs: number
  /** Numbers per driver group. */
  width: number
  /** Offset of pair (a, b), a < b, inside a group's block. */
  pair(a: number, b: number): number
}

export function pairLayoutOf(schema: Schema): PairLayout {
  const variables = 1 + schema.ratings.length
  const points = pointsOf(schema.scale)
  const pairs = pairCount(variables)
  const square = points * points
  return {
    variables,
    points,
    pairs,
    width: pairs * square,
    pair: (a, b) => pairIndex(a, b, variables) * square,
  }
}
