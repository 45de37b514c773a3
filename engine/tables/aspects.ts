/**
 * @module Report tables 6, 9, 15, 109, 110: the mean of each aspect (and rated question) by
 * service, agency, region and channel, and in the report's channel-scoped cuts: agencies' and
 * local bodies' own delivery (without the State Corporation and the portal), the State
 * Corporation by region, and by region for central and local services.
 */
import type { Group } from '../cube'
import { REASONS, TITLES } from '../labels'
import type { Table } from '../types'
import { ASPECTS, categoryLabel, type Locale } from '../vocabulary'
import {
  columns,
  type Format,
  GROUP_QUERIES,
  type GroupType,
  groupsOf,
  Reader,
  TableBuilder,
  type TableContext,
} from './context'
import { questionLabel } from './questions'

/**
 * The groupTypes shown (their roll-ups are GROUP_QUERIES'), and for the channel-scoped ones
 * the groupType their delta is taken against (the same group over all channels, as the
 * report prints it).
 */
const GROUP_TYPES: { groupType: GroupType; against?: GroupType }[] = [
  { groupType: 'service' },
  { groupType: 'agency' },
  { groupType: 'region' },
  { groupType: 'channel' },
  { groupType: 'agencyBody', against: 'agency' },
  { groupType: 'localRegionBody', against: 'localRegion' },
  { groupType: 'corpRegion' },
  { groupType: 'corpRegionCentral' },
  { groupType: 'corpRegionLocal' },
]

/** The rated items a table of aspects shows: the report's eight, then the rating questions. */
export function ratedKeys(context: TableContext): string[] {
  const questions = context.state.questions.filter((q) => q.type === 'rating').map((q) => q.key)
  return [...ASPECTS, ...questions]
}

/** Column labels of the questions: each question's {@link questionLabel}. */
export function questionLabels(context: TableContext): Map<string, string> {
  return new Map(context.state.questions.map((q) => [q.key, questionLabel(q)]))
}

export function aspectsTable(context: TableContext): Table {
  const { cube, locale } = context
  const read = new Reader(cube.layout)
  const items = ratedKeys(context)
  const table = new TableBuilder(
    'aspects',
    TITLES.aspects[locale],
    columns(
      locale,
      [
        ['groupType', 'text'],
        ['group', 'key'],
        ['label', 'text'],
        ['n', 'integer'],
        ['overall', 'decimal'],
        ['delta', 'decimal'],
        ...items.map((key): [string, Format] => [key, 'decimal']),
      ],
      questionLabels(context),
    ),
  )
  table.notes.push(NOTES.delta[locale])
  const totalCounts = cube.total()
  const allMean = totalCounts ? read.mean(totalCounts) : null
  const row = (
    groupType: string,
    group: string,
    label: string,
    counts: Float64Array,
    against: number | null,
  ) => {
    const overall = read.mean(counts)
    const out = table.row()
    out.groupType = groupType
    out.group = group
    out.label = label
    out.n = read.rated(counts)
    out.overall = overall
    out.delta = overall === null || against === null ? null : overall - against
    for (const key of items) out[key] = read.itemMean(counts, key)
    return out
  }
  const why = (key: string) => {
    if (items.includes(key) && !cube.layout.schema.ratings.includes(key)) {
      return REASONS.noColumn(key)[locale]
    }
    if (key === 'delta') return 'no valid overall scores in the group or its comparison'
    return items.includes(key) ? 'no valid answers' : 'no valid overall scores'
  }
  for (const { groupType, against } of GROUP_TYPES) {
    const reference = against ? cube.rollUp(GROUP_QUERIES[against]) : null
    for (const { group, label, codes, counts } of groupsOf(context, GROUP_QUERIES[groupType])) {
      const base = reference ? meanOf(read, reference.get(codes.join(','))) : allMean
      table.add(row(groupType, group, label, counts, base), why)
    }
  }
  if (totalCounts) {
    table.setTotal(row('total', 'total', categoryLabel('total', locale), totalCounts, allMean), why)
  }
  return table.build()
}

const meanOf = (read: Reader, group: Group | undefined) => (group ? read.mean(group.counts) : null)

const NOTES = {
  delta: {
    kk: 'Айырма: Мемкорпорация мен порталсыз жолдарда (мемлекеттік орган, ЖАО өңірі) топтың өз орташа балы мен оның барлық арналардағы орташа балының айырмасы; басқа жолдарда топтың орташа балы мен барлық респонденттердің орташа балының айырмасы.',
    ru: 'Отклонение: в строках без Госкорпорации и портала (госорган, регион МИО) — средний балл группы минус её же средний по всем каналам; в остальных — средний балл группы минус средний по всем респондентам.',
    en: "Delta: in the own-delivery rows (agency, local bodies' region, without the State Corporation and the portal) the group's mean minus the same group's mean over all channels; elsewhere the group's mean minus the mean of all respondents.",
  } satisfies Record<Locale, string>,
}
