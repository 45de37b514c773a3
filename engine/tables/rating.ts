/** @module Report table 1: services ranked by satisfaction; small bases listed after, unranked. */
import { TITLES } from '../labels'
import { wilson } from '../measures/index'
import type { Table, Value } from '../types'
import { columns, compareLabels, Reader, TableBuilder, type TableContext } from './context'

interface Entry {
  service: string
  agency: string | null
  n: number
  satisfaction: number | null
  top2: number | null
  mean: number | null
  score10: number | null
  ci: [number, number] | null
  smallBase: boolean
}

export function ratingTable(context: TableContext): Table {
  const { cube, locale, minBase, order } = context
  const read = new Reader(cube.layout)
  const agencies = agencyOfService(context)
  const entries: Entry[] = [...cube.rollUp({ by: ['service'] }).values()].map(
    ({ codes, counts }) => {
      const service = cube.text('service', codes[0])
      const sat = read.satisfaction(counts)
      const neff = read.effectiveBase(counts)
      return {
        service,
        agency: agencies.get(codes[0]) ?? null,
        n: read.rated(counts),
        satisfaction: sat,
        top2: read.top2(counts),
        mean: read.mean(counts),
        score10: read.score10(counts),
        ci: sat === null || neff === null ? null : wilson(sat, neff),
        smallBase: (neff ?? 0) < minBase,
      }
    },
  )
  const key = (e: Entry) =>
    (order === 'mean' ? e.mean : order === 'wilson' ? (e.ci?.[0] ?? null) : e.satisfaction) ?? -1
  entries.sort(
    (a, b) =>
      Number(a.smallBase) - Number(b.smallBase) ||
      key(b) - key(a) ||
      (b.satisfaction ?? -1) - (a.satisfaction ?? -1) ||
      (b.mean ?? -1) - (a.mean ?? -1) ||
      b.n - a.n ||
      compareLabels(a.service, b.service),
  )
  const table = new TableBuilder(
    'rating',
    TITLES.rating[locale],
    columns(locale, [
      ['rank', 'integer'],
      ['service', 'text'],
      ['agency', 'text'],
      ['n', 'integer'],
      ['satisfaction', 'percent'],
      ['top2', 'percent'],
      ['mean', 'decimal'],
      ['score10', 'decimal'],
      ['ciLow', 'percent'],
      ['ciHigh', 'percent'],
      ['smallBase', 'text'],
    ]),
  )
  let rank = 0
  for (const e of entries) {
    const row: Record<string, Value> = {
      rank: e.smallBase ? null : ++rank,
      service: e.service,
      agency: e.agency,
      n: e.n,
      satisfaction: e.satisfaction,
      top2: e.top2,
      mean: e.mean,
      score10: e.score10,
      ciLow: e.ci?.[0] ?? null,
      ciHigh: e.ci?.[1] ?? null,
      smallBase: e.smallBase,
    }
    table.add(row, (k) => (k === 'agency' ? 'no agency column' : 'no valid overall scores'))
  }
  return table.build()
}

/** Each service's agency: the one most of its respondents named (ties: first label). */
function agencyOfService({ cube }: TableContext): Map<number, string> {
  const read = new Reader(cube.layout)
  const best = new Map<number, [agency: string, n: number]>()
  for (const { codes, counts } of cube.rollUp({ by: ['service', 'agency'] }).values()) {
    const [service, code] = codes
    const agency = cube.text('agency', code)
    const current = best.get(service)
    const n = read.respondents(counts)
    if (!current || n > current[1] || (n === current[1] && compareLabels(agency, current[0]) < 0)) {
      best.set(service, [agency, n])
    }
  }
  return new Map([...best].map(([service, [agency]]) => [service, agency]))
}
