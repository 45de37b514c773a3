/**
 * @module The aspect scores fitted to the tables that cross services: 6 (agencies without the
 * State Corporation and portal), 9 (local bodies by region, the same scope), 15 (the State
 * Corporation by region), the key drivers, and — through trust 1–2, «distrust» — 104's index.
 *
 * Moves keep 109-кесте exact: for the seven printed aspects a point goes from one respondent
 * of a service to another of the same service (or two swap), so every service's sum and count
 * stay; trust, which 109 does not print, moves one point at a time.
 */
import { anneal, Fit, type FitCell } from './anneal'
import { driverGroup } from './aspects'
import { printedBounds, ratioMiss } from './printed'
import { stream } from './prng'
import { ASPECT_KEYS, BARRIER_KEYS, type Reference } from './reference'
import type { Respondent } from './respondents'

/** Per group and aspect: n, Σy, #(y ≤ 2); over rows with an overall score: m, Σx, Σy, Σx², Σy², Σxy. */
const PER = 9
const WIDTH = PER * ASPECT_KEYS.length
const TRUST = ASPECT_KEYS.indexOf('trust')
const round1 = (x: number) => Math.round(x * 10 + 1e-9) / 10

export interface AspectTableInput {
  reference: Reference
  respondents: readonly Respondent[]
  values: (number | null)[][]
  barriers: readonly (readonly (boolean | null)[])[]
  noChannel: ReadonlySet<number>
  seed: string
}

/** Fits the aspect values in place; returns the labels of the printed cells still missed. */
export function calibrateAspects({
  reference,
  respondents,
  values,
  barriers,
  noChannel,
  seed,
}: AspectTableInput): string[] {
  const index = new Map<string, number>()
  const group = (key: string) => {
    let g = index.get(key)
    if (g === undefined) {
      g = index.size
      index.set(key, g)
    }
    return g
  }
  const cells: FitCell[] = []
  const meanCell = (label: string, key: string, a: number, text: string) => {
    if (!text) return
    const g = group(key)
    const bounds = printedBounds(text)
    cells.push({
      label,
      groups: [g],
      miss: (s, w) => ratioMiss(s[g * w + a * PER + 1], s[g * w + a * PER], bounds),
    })
  }
  const p = reference.printed
  for (const row of p.bodyAgencies) {
    ASPECT_KEYS.forEach((key, a) => {
      meanCell(`6 ${row.agency_abbr} ${key}`, `bodyAgency|${row.agency_abbr}`, a, row[key])
    })
  }
  for (const row of p.localBodyRegions) {
    ASPECT_KEYS.forEach((key, a) => {
      meanCell(`9 r${row.region_code} ${key}`, `localBody|${row.region_code}`, a, row[key])
    })
  }
  for (const row of p.corpAspects) {
    ASPECT_KEYS.forEach((key, a) => {
      meanCell(`15 r${row.region_code} ${key}`, `corp|${row.region_code}`, a, row[key])
    })
  }
  for (const d of reference.drivers) {
    const g = group(`driver|${d.group}`)
    const a = ASPECT_KEYS.indexOf(d.aspect)
    cells.push({
      label: `driver ${d.group} ${d.aspect}`,
      groups: [g],
      miss: (s, w) => {
        const o = g * w + a * PER
        const [m, sx, sy, sxx, syy, sxy] = [
          s[o + 3],
          s[o + 4],
          s[o + 5],
          s[o + 6],
          s[o + 7],
          s[o + 8],
        ]
        const r = (m * sxy - sx * sy) / Math.sqrt((m * sxx - sx * sx) * (m * syy - sy * sy))
        const off = Math.abs(r - d.r) - 0.0005
        return off > 0 ? off * 400 : 0
      },
    })
  }

  const groupsOf = respondents.map((r, i) => {
    const keys = [`agency|${r.service.agencyAbbr}`, 'agency|total', `driver|${driverGroup(r)}`]
    if (r.service.level === 'local') keys.push(`local|${r.region}`, 'local|total')
    if (!noChannel.has(i)) {
      if (r.channel === 'state_body') {
        keys.push(`bodyAgency|${r.service.agencyAbbr}`, 'bodyAgency|total')
        if (r.service.level === 'local') keys.push(`localBody|${r.region}`, 'localBody|total')
      }
      if (r.channel === 'state_corporation') keys.push(`corp|${r.region}`, 'corp|total')
    }
    return keys.map(group)
  })

  // 104: the other four shares are settled by now, so each row asks for a share of distrust.
  const members = new Map<string, number[]>()
  groupsOf.forEach((gs, i) => {
    for (const g of gs) {
      const key = String(g)
      const list = members.get(key)
      if (list) list.push(i)
      else members.set(key, [i])
    }
  })
  const settledShares = (rows: readonly number[]) => {
    let rated = 0
    let low = 0
    for (const i of rows) {
      const o = respondents[i].overall
      if (o === null) continue
      rated++
      if (o <= 2) low++
    }
    const shares = [(100 * low) / rated]
    BARRIER_KEYS.forEach((_, b) => {
      let n = 0
      let yes = 0
      for (const i of rows) {
        const v = barriers[i][b]
        if (v === null) continue
        n++
        if (v) yes++
      }
      shares.push((100 * yes) / n)
    })
    return shares
  }
  for (const row of p.concern) {
    const scope = row.group === 'agency' ? 'agency' : row.group === 'leb_region' ? 'local' : 'corp'
    const g = group(`${scope}|${row.key}`)
    const shares = settledShares(members.get(String(g)) ?? [])
    const index = Number(row.index)
    // The agency and local-body columns average shares rounded to one decimal (docs/sample.md).
    const rounded = scope !== 'corp'
    const rest = shares.reduce((a, x) => a + (rounded ? round1(x) : x), 0)
    const at = g * WIDTH + TRUST * PER
    if (rounded) {
      const wanted = Math.max(0, 5 * index - rest).toFixed(1)
      const bounds = printedBounds(wanted, 100)
      cells.push({
        label: `104 ${row.group} ${row.key}`,
        groups: [g],
        miss: (s) => ratioMiss(s[at + 2], s[at], bounds),
      })
    } else {
      const lo = 5 * (index - 0.005) - rest
      const hi = 5 * (index + 0.005) - rest
      cells.push({
        label: `104 ${row.group} ${row.key}`,
        groups: [g],
        miss: (s) => {
          const share = (100 * s[at + 2]) / s[at]
          const off = share < lo ? lo - share : share >= hi - 1e-9 ? share - hi + 1e-6 : 0
          return (off * s[at]) / 100
        },
      })
    }
  }

  const fit = new Fit(cells, index.size, WIDTH)
  const add = (i: number, a: number, y: number, sign: number) => {
    const gs = groupsOf[i]
    const o = a * PER
    fit.add(gs, o, sign)
    fit.add(gs, o + 1, sign * y)
    if (y <= 2) fit.add(gs, o + 2, sign)
    const x = respondents[i].overall
    if (x === null) return
    fit.add(gs, o + 3, sign)
    fit.add(gs, o + 4, sign * x)
    fit.add(gs, o + 5, sign * y)
    fit.add(gs, o + 6, sign * x * x)
    fit.add(gs, o + 7, sign * y * y)
    fit.add(gs, o + 8, sign * x * y)
  }
  values.forEach((row, i) => {
    row.forEach((y, a) => {
      if (y !== null) add(i, a, y, 1)
    })
  })
  fit.rescoreAll()

  const byService = new Map<number, number[]>()
  respondents.forEach((r, i) => {
    const list = byService.get(r.service.code)
    if (list) list.push(i)
    else byService.set(r.service.code, [i])
  })
  const random = stream(seed, 'calibrate-aspects')
  const set = (i: number, a: number, y: number) => {
    add(i, a, values[i][a] as number, -1)
    values[i][a] = y
    add(i, a, y, 1)
  }
  anneal({
    steps: 3_000_000,
    threshold: 0.5,
    misfit: () => fit.total,
    propose: () => {
      const i = Math.floor(random() * respondents.length)
      const a = Math.floor(random() * ASPECT_KEYS.length)
      const yi = values[i][a]
      if (yi === null) return null
      if (a === TRUST) {
        const y = yi + (random() < 0.5 ? -1 : 1)
        if (y < 1 || y > 5) return null
        return {
          apply: () => {
            set(i, a, y)
            return fit.rescore(groupsOf[i])
          },
          undo: () => {
            set(i, a, yi)
            fit.rescore(groupsOf[i])
          },
        }
      }
      const rows = byService.get(respondents[i].service.code) as number[]
      const j = rows[Math.floor(random() * rows.length)]
      const yj = values[j][a]
      if (j === i || yj === null) return null
      // A point from j to i, or the two values swapped.
      const [ni, nj] = random() < 0.5 ? [yi + 1, yj - 1] : [yj, yi]
      if (ni > 5 || nj < 1 || (ni === yi && nj === yj)) return null
      return {
        apply: () => {
          set(i, a, ni)
          set(j, a, nj)
          return fit.rescore(groupsOf[i], groupsOf[j])
        },
        undo: () => {
          set(i, a, yi)
          set(j, a, yj)
          fit.rescore(groupsOf[i], groupsOf[j])
        },
      }
    },
  })
  return fit.missing()
}
