/**
 * @module The baseline: the same aggregates written the way an analyst first would in
 * TypeScript, one `filter` per group and simple-statistics for the numbers. Not used by Sapa.
 */
import { mean, sampleCorrelation } from 'simple-statistics'
import type { Cell } from '../engine'
import { HEADER } from '../samples/generator/sheet'

// The sample's own headers: eight aspects, then the three barriers.
const ASPECT_HEADERS = HEADER.slice(10, 18)
const BARRIER_HEADERS = HEADER.slice(18, 21)

const score = (cell: Cell): number | null => {
  const x = Number(String(cell ?? '').replace(',', '.'))
  return Number.isInteger(x) && x >= 1 && x <= 5 ? x : null
}
const yesNo = (cell: Cell): number | null => {
  const text = String(cell ?? '')
    .trim()
    .toLowerCase()
  if (text === 'иә' || text === 'да' || text === '1') return 1
  if (text === 'жоқ' || text === 'нет' || text === '0') return 0
  return null
}
const channelOf = (cell: Cell) => {
  const text = String(cell ?? '').toLowerCase()
  if (text.includes('корпорац') || text.includes('хқко')) return 'corp'
  if (text.includes('портал')) return 'portal'
  return text.includes('орган') ? 'body' : null
}
const levelOf = (agency: Cell) =>
  String(agency).toLowerCase().includes('жергілікті атқарушы') ? 'local' : 'central'
const unique = (values: Cell[]) => [...new Set(values)].filter((v) => v !== '' && v != null)
const numbers = (values: (number | null)[]) => values.filter((x): x is number => x !== null)
const share = (values: number[], test: (x: number) => boolean) =>
  values.length ? values.filter(test).length / values.length : null
const meanOrNull = (values: number[]) => (values.length ? mean(values) : null)

/** Rating, distribution by channel, aspects by service, regions, barriers and key drivers. */
export function naiveReport(header: Cell[], rows: Cell[][]) {
  const col = (name: string) => header.indexOf(name)
  const SERVICE = col('Мемлекеттік көрсетілетін қызмет')
  const AGENCY = col('Мемлекеттік орган')
  const REGION = col('Өңір')
  const CHANNEL = col('Қызмет алынған орын')
  const OVERALL = col('Қызметке жалпы баға')
  const ASPECTS = ASPECT_HEADERS.map(col)
  const BARRIERS = BARRIER_HEADERS.map(col)
  const overallOf = (group: Cell[][]) => numbers(group.map((row) => score(row[OVERALL])))

  const rating = unique(rows.map((row) => row[SERVICE])).map((service) => {
    const group = rows.filter((row) => row[SERVICE] === service)
    const scores = overallOf(group)
    return {
      service,
      n: scores.length,
      satisfaction: share(scores, (x) => x === 5),
      top2: share(scores, (x) => x >= 4),
      mean: meanOrNull(scores),
    }
  })
  rating.sort((a, b) => (b.satisfaction ?? 0) - (a.satisfaction ?? 0))

  const distribution = ['body', 'corp', 'portal'].map((channel) => {
    const scores = overallOf(rows.filter((row) => channelOf(row[CHANNEL]) === channel))
    return { channel, p: [1, 2, 3, 4, 5].map((s) => share(scores, (x) => x === s)) }
  })

  const aspects = unique(rows.map((row) => row[SERVICE])).map((service) => {
    const group = rows.filter((row) => row[SERVICE] === service)
    return {
      service,
      overall: meanOrNull(overallOf(group)),
      aspects: ASPECTS.map((c) => meanOrNull(numbers(group.map((row) => score(row[c]))))),
    }
  })

  const regions = unique(rows.map((row) => row[REGION])).map((region) => {
    const group = rows.filter((row) => row[REGION] === region)
    const local = overallOf(group.filter((row) => levelOf(row[AGENCY]) === 'local'))
    const corp = overallOf(group.filter((row) => channelOf(row[CHANNEL]) === 'corp'))
    const all = overallOf(group)
    return {
      region,
      satisfaction: share(all, (x) => x === 5),
      mean: meanOrNull(all),
      localSatisfaction: share(local, (x) => x === 5),
      corpSatisfaction: share(corp, (x) => x === 5),
    }
  })

  const barriers = unique(rows.map((row) => row[SERVICE])).map((service) => {
    const group = rows.filter((row) => row[SERVICE] === service)
    return {
      service,
      shares: BARRIERS.map((c) => meanOrNull(numbers(group.map((row) => yesNo(row[c]))))),
    }
  })

  const groupOf = (row: Cell[]) =>
    channelOf(row[CHANNEL]) === 'corp' ? 'corp' : levelOf(row[AGENCY])
  const drivers = ['central', 'local', 'corp'].flatMap((driverGroup) => {
    const group = rows.filter((row) => groupOf(row) === driverGroup)
    return ASPECTS.map((c, a) => {
      const pairs = group
        .map((row) => [score(row[c]), score(row[OVERALL])])
        .filter((pair): pair is [number, number] => pair[0] !== null && pair[1] !== null)
      const r =
        pairs.length > 2
          ? sampleCorrelation(
              pairs.map((p) => p[0]),
              pairs.map((p) => p[1]),
            )
          : null
      return { group: driverGroup, aspect: ASPECT_HEADERS[a], r, n: pairs.length }
    })
  })

  return { rating, distribution, aspects, regions, barriers, drivers }
}
