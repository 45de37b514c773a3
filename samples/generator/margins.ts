/**
 * @module Population margins for raking the 2017 sample (issue 16): each region's share of the
 * resident population (reference/monitoring-2017/population_2017_approx.csv, approximate), and
 * for the missions abroad, which have no resident population, their share of the sample.
 */
import { readFileSync } from 'node:fs'
import { parseCsvRecords } from './csv'
import { REFERENCE_DIR, type Reference } from './reference'

export const MARGINS_FILE = 'margins-regions-2017.csv'
/** Shares are written with this many decimals, and sum to exactly 1 at that precision. */
const DECIMALS = 6
const UNIT = 10 ** DECIMALS

/**
 * `role,category,share` rows: the 16 regions by population, scaled to leave the missions abroad
 * (region 17) their share of the 2017 sample (49 of 9,517 respondents).
 */
export function regionMargins(reference: Reference, dir: URL = REFERENCE_DIR): string[][] {
  const population = parseCsvRecords(
    readFileSync(new URL('population_2017_approx.csv', dir), 'utf8'),
  )
  const name = new Map(reference.regions.map((r) => [r.code, r.name]))
  const missions = 17
  const sample = reference.services.reduce((n, s) => n + s.sample, 0)
  const abroad = reference.services.reduce((n, s) => n + s.byRegion[missions - 1], 0)
  const missionsUnits = Math.round((abroad / sample) * UNIT)
  const people = population.reduce((n, r) => n + Number(r.population_thousands), 0)
  const units = population.map((r) =>
    Math.round((Number(r.population_thousands) / people) * (UNIT - missionsUnits)),
  )
  // Rounding may leave a unit or two over or under: the largest region absorbs it.
  const largest = units.indexOf(Math.max(...units))
  units[largest] += UNIT - missionsUnits - units.reduce((a, b) => a + b, 0)
  const share = (u: number) => (u / UNIT).toFixed(DECIMALS)
  const rows = population.map((r, i) => {
    const region = name.get(Number(r.region_code))
    if (region !== r.name_kk) throw new Error(`region ${r.region_code}: ${r.name_kk} ≠ ${region}`)
    return ['region', region, share(units[i])]
  })
  rows.push(['region', name.get(missions) as string, share(missionsUnits)])
  return [['role', 'category', 'share'], ...rows]
}
