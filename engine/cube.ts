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

const SERVICE = DIMS.indexOf('service')
const AGENCY = DIMS.indexOf('agency')
const REGION = DIMS.indexOf('region')
const CHANNEL = DIMS.indexOf('channel')
const LEVEL = DIMS.indexOf('level')

/** Cells summed by `dims` (indices into DIMS), groups in order of first appearance. */
interface Coarse {
  dims: number[]
  groups: Group[]
}

/**
 * Float64 arrays cut from shared blocks. V8 gives every typed array over 64 bytes a backing
 * store of its own outside the heap, which costs about a hundred times a view on a shared one
 * to make and to collect (measured: 2 µs against 40 ns); a report holds thousands of groups.
 * Blocks are fresh, so every array starts at zeros.
 */
export class Slab {
  private block = new Float64Array(0)
  private used = 0

  constructor(private readonly blockSize = 1 << 14) {}

  take(length: number): Float64Array {
    if (this.used + length > this.block.length) {
      this.block = new Float64Array(Math.max(this.blockSize, length))
      this.used = 0
    }
    this.used += length
    return this.block.subarray(this.used - length, this.used)
  }
}

/**
 * Groups found by their codes, in order of first appearance. A group's number is its codes
 * in mixed radix (code + 1 per digit), looked up in a flat table when the radix product is
 * small beside the cells to group, else in a Map; no string is made per lookup.
 */
class Grouping {
  readonly groups: Group[] = []
  private readonly slotOf: Int32Array | null
  private readonly index: Map<number, number> | null

  constructor(
    private readonly radix: number[],
    /** Where the groups' counts are cut from. */
    private readonly slab: Slab,
    /** How many cells will be grouped: a flat table much larger than that costs more than a Map. */
    items: number,
    /** Whether a missing code (-1) makes a group of its own rather than none. */
    private readonly keepMissing = false,
  ) {
    let space = 1
    for (const r of radix) space *= r
    this.slotOf = space <= Math.max(1 << 12, 8 * items) ? new Int32Array(space).fill(-1) : null
    this.index = this.slotOf ? null : new Map()
  }

  /** The group of `codes` (added with zero counts when new); null when a code is missing. */
  of(codes: ArrayLike<number>, width: number): Group | null {
    let number = 0
    for (let d = 0; d < this.radix.length; d++) {
      const code = codes[d]
      if (code < 0 && !this.keepMissing) return null
      number = number * this.radix[d] + code + 1
    }
    let slot = this.slotOf ? this.slotOf[number] : (this.index?.get(number) ?? -1)
    if (slot < 0) {
      slot = this.groups.length
      if (this.slotOf) this.slotOf[number] = slot
      else this.index?.set(number, slot)
      this.groups.push({ codes: Array.from(codes), counts: this.slab.take(width) })
    }
    return this.groups[slot]
  }
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
  /** The cells summed by some of their parts, channel and level always among them. */
  private readonly coarse: Coarse[] = []
  /** Every group's counts, in blocks shared for the cube's life. */
  private readonly slab = new Slab()

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
   *
   * Made from a coarser sum of the cells, not from the cells themselves: the cells summed by
   * `by` with channel and level (missing codes kept), shared by every query on the same parts
   * whatever its `where` (the report's 23 roll-ups make 5 such sums). Its groups keep the
   * cells' order of first appearance, so the groups here come in the same order as from the
   * cells. Sums of counts and of 24-bit weights are exact in any order (`weights.ts`), so
   * the figures are the same too.
   */
  rollUp(query: Query): Map<string, Group> {
    const id = JSON.stringify(query)
    const cached = this.cache.get(id)
    if (cached) return cached
    const dims = query.by.map((dim) => DIMS.indexOf(dim))
    const channel = query.where?.channel === undefined ? -2 : CHANNELS.indexOf(query.where.channel)
    const level = query.where?.level === undefined ? -2 : LEVELS.indexOf(query.where.level)
    const source = this.sourceFor(dims)
    const at = dims.map((d) => source.dims.indexOf(d))
    const channelAt = source.dims.indexOf(CHANNEL)
    const levelAt = source.dims.indexOf(LEVEL)
    const { width } = this.layout
    const found = new Grouping(
      dims.map((d) => this.sizes[d] + 1),
      this.slab,
      source.groups.length,
    )
    for (const { codes, counts } of source.groups) {
      if (channel !== -2 && codes[channelAt] !== channel) continue
      if (level !== -2 && codes[levelAt] !== level) continue
      const group = found.of(
        at.map((k) => codes[k]),
        width,
      )
      if (!group) continue
      const into = group.counts
      for (let k = 0; k < width; k++) into[k] += counts[k]
    }
    const groups = new Map<string, Group>()
    for (const group of found.groups) groups.set(group.codes.join(','), group)
    this.cache.set(id, groups)
    return groups
  }

  /**
   * The smallest coarse sum holding the parts `dims`. A new one without the region is made from
   * the sum by service and agency (made from the cells first): those two mostly go together, so
   * it has a tenth of the cells' groups. That sum and those with the region are made from the
   * cells.
   */
  private sourceFor(dims: number[]): Coarse {
    let best: Coarse | null = null
    for (const coarse of this.coarse) {
      if (!dims.every((d) => coarse.dims.includes(d))) continue
      if (!best || coarse.groups.length < best.groups.length) best = coarse
    }
    if (best) return best
    const parts = [...dims, ...[CHANNEL, LEVEL].filter((d) => !dims.includes(d))]
    const wide = parts.includes(REGION) || (parts.includes(SERVICE) && parts.includes(AGENCY))
    const coarse = wide
      ? this.coarseOfCells(parts)
      : this.coarseOf(parts, this.sourceFor([SERVICE, AGENCY]))
    this.coarse.push(coarse)
    return coarse
  }

  /** The cells summed by `parts`, missing codes a value of their own (digit 0): the queries leave them out. */
  private coarseOfCells(parts: number[]): Coarse {
    const found = new Grouping(
      parts.map((d) => this.sizes[d] + 1),
      this.slab,
      this.cells,
      true,
    )
    const { width } = this.layout
    const keys = this.keys
    const counts = this.counts
    const codes = new Array<number>(parts.length)
    for (let cell = 0; cell < this.cells; cell++) {
      const at = cell * DIMS.length
      for (let d = 0; d < parts.length; d++) codes[d] = keys[at + parts[d]]
      const into = (found.of(codes, width) as Group).counts
      const from = cell * width
      for (let k = 0; k < width; k++) into[k] += counts[from + k]
    }
    return { dims: parts, groups: found.groups }
  }

  /**
   * A finer coarse sum summed again by `parts` (all among its own): its groups are in the
   * cells' order of first appearance, so these are too, and the sums are the cells' (exact).
   */
  private coarseOf(parts: number[], finer: Coarse): Coarse {
    const found = new Grouping(
      parts.map((d) => this.sizes[d] + 1),
      this.slab,
      finer.groups.length,
      true,
    )
    const { width } = this.layout
    const at = parts.map((d) => finer.dims.indexOf(d))
    const codes = new Array<number>(parts.length)
    for (const group of finer.groups) {
      for (let d = 0; d < parts.length; d++) codes[d] = group.codes[at[d]]
      const into = (found.of(codes, width) as Group).counts
      const from = group.counts
      for (let k = 0; k < width; k++) into[k] += from[k]
    }
    return { dims: parts, groups: found.groups }
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
        group = { codes: [service, band], counts: this.slab.take(width) }
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
        into = this.slab.take(width)
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
