/**
 * @module Report tables 8, 14, 106, 108, 111: satisfaction by region, over all respondents, for
 * local bodies, and at the State Corporation (all its services, central and local ones apart).
 */
import type { Query } from '../cube'
import { TITLES } from '../labels'
import type { Table, Value } from '../types'
import { categoryLabel } from '../vocabulary'
import { columns, ordered, packed, Reader, TableBuilder, type TableContext } from './context'
import { estimate, Families, meanInterval, restEstimate, significanceNote } from './significance'

/** Each scope of the table: its key prefix and the roll-up by region it reads. */
const SCOPES: [prefix: string, where: Query['where']][] = [
  ['', undefined],
  ['local', { level: 'local' }],
  ['corp', { channel: 'corp' }],
  ['corpCentral', { channel: 'corp', level: 'central' }],
  ['corpLocal', { channel: 'corp', level: 'local' }],
]

const name = (prefix: string, key: string) =>
  prefix === '' ? key : `${prefix}${key[0].toUpperCase()}${key.slice(1)}`

export function regionsTable({ cube, locale, significance }: TableContext): Table {
  const read = new Reader(cube.layout)
  const table = new TableBuilder(
    'regions',
    TITLES.regions[locale],
    columns(locale, [
      ['region', 'text'],
      ['n', 'integer'],
      ['satisfaction', 'percent'],
      ['mean', 'decimal'],
      ['score10', 'decimal'],
      ['localN', 'integer'],
      ['localSatisfaction', 'percent'],
      ['localMean', 'decimal'],
      ['localScore10', 'decimal'],
      ['corpN', 'integer'],
      ['corpSatisfaction', 'percent'],
      ['corpMean', 'decimal'],
      ['corpCentralN', 'integer'],
      ['corpCentralSatisfaction', 'percent'],
      ['corpCentralMean', 'decimal'],
      ['corpLocalN', 'integer'],
      ['corpLocalSatisfaction', 'percent'],
      ['corpLocalMean', 'decimal'],
      ['meanCiLow', 'decimal'],
      ['meanCiHigh', 'decimal'],
      ['sigSatisfaction', 'sign'],
      ['sigMean', 'sign'],
      ['localSigSatisfaction', 'sign'],
      ['localSigMean', 'sign'],
      ['corpSigSatisfaction', 'sign'],
      ['corpSigMean', 'sign'],
    ]),
  )
  table.notes.push(significanceNote(significance.correction, significance.level, locale))
  const keys = new Set(table.columns.map((c) => c.key))
  const fill = (row: Record<string, Value>, prefix: string, counts: Float64Array | undefined) => {
    const put = (key: string, value: Value) => {
      if (keys.has(name(prefix, key))) row[name(prefix, key)] = value
    }
    put('n', counts ? read.rated(counts) : 0)
    put('satisfaction', counts ? read.satisfaction(counts) : null)
    put('mean', counts ? read.mean(counts) : null)
    put('score10', counts ? read.score10(counts) : null)
  }
  const why = (key: string) =>
    key.startsWith('local')
      ? 'no local-body respondents with a valid score'
      : key.startsWith('corpCentral')
        ? 'no State Corporation respondents of central services with a valid score'
        : key.startsWith('corpLocal')
          ? 'no State Corporation respondents of local services with a valid score'
          : key.startsWith('corp')
            ? 'no State Corporation respondents with a valid score'
            : 'no valid overall scores'
  const scopes = SCOPES.map(([prefix, where]) => ({
    prefix,
    groups: cube.rollUp({ by: ['region'], where }),
    total: cube.total(where) ?? undefined,
  }))
  // The scopes whose regions are tested against the rest of the scope.
  const tested = scopes.filter(
    ({ prefix }) => prefix === '' || prefix === 'local' || prefix === 'corp',
  )
  const families = tested.map(() => new Families(significance))
  for (const region of ordered(cube, cube.rollUp({ by: ['region'] }), ['region'])) {
    const row = table.row()
    row.region = cube.text('region', region.codes[0])
    for (const { prefix, groups } of scopes) {
      fill(row, prefix, groups.get(region.codes.join(','))?.counts)
    }
    const e = estimate(read, region.counts)
    const interval = meanInterval(e, read.scale)
    row.meanCiLow = interval?.[0] ?? null
    row.meanCiHigh = interval?.[1] ?? null
    const at = table.rows.length
    tested.forEach(({ prefix, groups, total }, f) => {
      const satisfactionKey = name(prefix, 'sigSatisfaction')
      const meanKey = name(prefix, 'sigMean')
      const counts = groups.get(region.codes.join(','))?.counts
      if (!counts || !total) {
        table.explain(at, satisfactionKey, why(satisfactionKey))
        table.explain(at, meanKey, why(meanKey))
        return
      }
      const mine = counts === region.counts ? e : estimate(read, counts)
      families[f].add(mine, restEstimate(read, total, counts), table, row, at, [
        satisfactionKey,
        meanKey,
      ])
    })
    table.add(row)
  }
  for (const family of families) family.resolve()
  table.explainRest((key) =>
    key.startsWith('meanCi') ? 'too few respondents for an interval' : why(key),
  )
  if (scopes[0].total) {
    const row: Record<string, Value> = { region: 'total', label: categoryLabel('total', locale) }
    for (const { prefix, total } of scopes) fill(row, prefix, total)
    const interval = meanInterval(estimate(read, scopes[0].total), read.scale)
    row.meanCiLow = interval?.[0] ?? null
    row.meanCiHigh = interval?.[1] ?? null
    table.setTotal(packed(row), why)
  }
  return table.build()
}
