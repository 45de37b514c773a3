/**
 * @module A state as the tables read it: its cells rolled up by any of their keys (service,
 * agency, region, channel, level), optionally within one channel or level, and its demographic,
 * choice and driver counts. Groups are found by codes, never by label text, so any label works.
 */
import { DRIVER_SLOTS, driverSlot } from './count'
import { type Layout, layoutOf, type PairLayout, pairLayoutOf, peopleLayoutOf } from './layout'
import type { PartialState } from './state'
import { CHANNELS, type Channel, GENDERS, LEVELS, type Level } from './vocabulary'

export type Dim = 'service' | 'agency' | 'region' | 'channel' | 'level'
const DIMS: readonly Dim[] = ['service', 'agency', 'region', 'channel', 'level']

export interface Query {
  by: Dim[]
  where?: { channel?: Channel; level?: Level }
}

/** A group of cells: its codes in the query's `by` order, and the sum of their counts. */
export interface Group {
  codes: number[]
  counts: Float64Array
}

export class Cube {
  readonly layout: Layout
  readonly peopleLayout: Layout
  readonly pairs: PairLayout
  readonly cells: number
  private readonly keys: Int32Array
  private readonly counts: Float64Array
  /** Codes per key part: labels of service, agency, region; channels; levels. */
  private readonly sizes: number[]
  private readonly cache = new Map<string, Map<string, Group>>()

  constructor(readonly state: PartialState) {
    this.layout = layoutOf(state.schema)
    this.peopleLayout = peopleLayoutOf(state.schema)
    this.pairs = pairLayoutOf(state.schema)
    // Typed copies: the roll-ups are the report's hot loops, over one shape of array.
    const { keys, counts } = state.cells as { keys: ArrayLike<number>; counts: ArrayLike<number> }
    this.keys = keys instanceof Int32Array ? keys : Int32Array.from(keys)
    this.counts = counts instanceof Float64Array ? counts : Float64Array.from(counts)
    this.cells = state.cells.keys.length / DIMS.length
    const { labels } = state
    this.sizes = [
      labels.service.length,
      labels.agency.length,
      labels.region.length,
      CHANNELS.length,
      LEVELS.length,
    ]
  }

  /** The text of a code: a survey label (service, agency, region) or a vocabulary key. */
  text(dim: Dim, code: number): string {
    switch (dim) {
      case 'service':
        return this.state.labels.service[code]
      case 'agency':
        return this.state.labels.agency[code]
      case 'region':
        return this.state.labels.region[code]
      case 'channel':
        return CHANNELS[code]
      case 'level':
        return LEVELS[code]
    }
  }

  /**
   * The cells summed by the codes of `by` (cells missing any of them are in no group), within
   * `where`; keyed by the codes joined with commas, in order of first appearance.
   */
  rollUp(query: Query): Map<string, Group> {
    const id = JSON.stringify(query)
    const cached = this.cache.get(id)
    if (cached) return cached
    const dims = query.by.map((dim) => DIMS.indexOf(dim))
    const channel = query.where?.channel === undefined ? -2 : CHANNELS.indexOf(query.where.channel)
    const level = query.where?.level === undefined ? -2 : LEVELS.indexOf(query.where.level)
    // A group's number: its codes in mixed radix, so each cell is placed without making a
    // string; the groups found so far by number in a flat table (the radix product is small).
    const radix = dims.map((d) => this.sizes[d] + 1)
    let space = 1
    for (const r of radix) space *= r
    const slotOf = space <= 1 << 20 ? new Int32Array(space).fill(-1) : null
    const index = slotOf ? null : new Map<number, number>()
    const { width } = this.layout
    const keys = this.keys
    const counts = this.counts
    const found: Group[] = []
    for (let cell = 0; cell < this.cells; cell++) {
      const at = cell * DIMS.length
      if (channel !== -2 && keys[at + 3] !== channel) continue
      if (level !== -2 && keys[at + 4] !== level) continue
      let number = 0
      let missing = false
      for (let d = 0; d < dims.length; d++) {
        const code = keys[at + dims[d]]
        if (code < 0) missing = true
        number = number * radix[d] + code
      }
      if (missing) continue
      let slot = slotOf ? slotOf[number] : (index?.get(number) ?? -1)
      if (slot < 0) {
        slot = found.length
        if (slotOf) slotOf[number] = slot
        else index?.set(number, slot)
        found.push({ codes: dims.map((d) => keys[at + d]), counts: new Float64Array(width) })
      }
      const into = found[slot].counts
      const from = cell * width
      for (let k = 0; k < width; k++) into[k] += counts[from + k]
    }
    const groups = new Map<string, Group>()
    for (const group of found) groups.set(group.codes.join(','), group)
    this.cache.set(id, groups)
    return groups
  }

  /** All counted respondents within `where` as one group (null when there are none). */
  total(where?: Query['where']): Float64Array | null {
    return this.rollUp({ by: [], where }).get('')?.counts ?? null
  }

  /** Demographic groups by service (or not), and age band or gender: [service code or -1, band code, counts]. */
  people(dimension: 'age' | 'gender', byService: boolean): Map<string, Group> {
    const id = `people:${dimension}:${byService}`
    const cached = this.cache.get(id)
    if (cached) return cached
    const { keys, counts } = this.state.people
    const { width } = this.peopleLayout
    const part = dimension === 'age' ? 1 : 2
    const groups = new Map<string, Group>()
    const bands = dimension === 'age' ? this.state.labels.age.length : GENDERS.length
    const slotOf = new Map<number, Group>()
    for (let cell = 0; cell < keys.length / 3; cell++) {
      const band = keys[cell * 3 + part]
      if (band < 0) continue
      const service = byService ? keys[cell * 3] : -1
      const number = (service + 1) * bands + band
      let group = slotOf.get(number)
      if (!group) {
        group = { codes: [service, band], counts: new Float64Array(width) }
        slotOf.set(number, group)
        groups.set(`${service},${band}`, group)
      }
      const into = group.counts
      for (let k = 0; k < width; k++) into[k] += counts[cell * width + k]
    }
    this.cache.set(id, groups)
    return groups
  }

  /** A demographic band's text: an age band as found, or a gender key. */
  band(dimension: 'age' | 'gender', code: number): string {
    return dimension === 'age' ? this.state.labels.age[code] : GENDERS[code]
  }

  /** A choice question's Σw per (group of `query`, option): group key → option code → Σw. */
  choice(question: number, query: Query): Map<string, Map<number, number>> {
    const dims = query.by.map((dim) => DIMS.indexOf(dim))
    const channel = query.where?.channel === undefined ? -2 : CHANNELS.indexOf(query.where.channel)
    const level = query.where?.level === undefined ? -2 : LEVELS.indexOf(query.where.level)
    const { keys, counts } = this.state.choices[question]
    const out = new Map<string, Map<number, number>>()
    for (let e = 0; e < counts.length; e++) {
      const cell = keys[2 * e]
      const option = keys[2 * e + 1]
      const at = cell * DIMS.length
      if (channel !== -2 && this.keys[at + 3] !== channel) continue
      if (level !== -2 && this.keys[at + 4] !== level) continue
      const codes = dims.map((d) => this.keys[at + d])
      if (codes.some((code) => code < 0)) continue
      const key = codes.join(',')
      let options = out.get(key)
      if (!options) {
        options = new Map()
        out.set(key, options)
      }
      options.set(option, (options.get(option) ?? 0) + counts[e])
    }
    return out
  }

  /**
   * The counts of the report's driver groups: central and local bodies' own delivery (any
   * channel but the State Corporation), and the State Corporation; null for an empty group.
   */
  driverGroups(): (Float64Array | null)[] {
    const { width } = this.layout
    const out: (Float64Array | null)[] = [null, null, null]
    for (let cell = 0; cell < this.cells; cell++) {
      const at = cell * DIMS.length
      const slot = driverSlot(this.keys[at + 3], this.keys[at + 4])
      if (slot === DRIVER_SLOTS - 1) continue
      let into = out[slot]
      if (!into) {
        into = new Float64Array(width)
        out[slot] = into
      }
      for (let k = 0; k < width; k++) into[k] += this.counts[cell * width + k]
    }
    return out
  }

  /** The driver joint counts of one slot (0 central, 1 local, 2 corp), or of all slots together. */
  drivers(slot: number | 'all'): Float64Array {
    const width = this.pairs.width
    const out = new Float64Array(width)
    const slots = slot === 'all' ? [...Array(DRIVER_SLOTS).keys()] : [slot]
    for (const s of slots) {
      for (let k = 0; k < width; k++) out[k] += this.state.drivers[s * width + k]
    }
    return out
  }
}
