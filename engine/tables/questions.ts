/**
 * @module The declared questions (DESIGN §5 `questions`, the report's table 16): each question's
 * mean (rating) or shares (yesno, choice, multi), in total and by service, agency, region,
 * channel and the State Corporation by region.
 */
import type { Query } from '../cube'
import { flat } from '../flat-text'
import { TITLES } from '../labels'
import { base } from '../measures/index'
import type { Question } from '../schema'
import type { Table, Value } from '../types'
import {
  columns,
  compareLabels,
  GROUP_QUERIES,
  type GroupType,
  groupsOf,
  Reader,
  TableBuilder,
  type TableContext,
} from './context'

const GROUP_TYPES: GroupType[] = ['total', 'service', 'agency', 'region', 'channel', 'corpRegion']

/**
 * A question's name for the sheets: its column's header, or for a check-all question what its
 * columns' headers have in common («Күту жағдайы: …» → «Күту жағдайы»), else its key.
 */
export function questionLabel(question: Question): string {
  if (question.type !== 'multi') return question.header ?? question.key
  const headers = question.headers ?? []
  let prefix = headers[0] ?? ''
  for (const header of headers) {
    while (!header.startsWith(prefix)) prefix = prefix.slice(0, -1)
  }
  const common = prefix.replace(/[\s:;,.–—-]+$/u, '').trim()
  return common.length >= 3 ? flat(common) : question.key
}

export function questionsTable(context: TableContext): Table {
  const { cube, locale, state } = context
  const read = new Reader(cube.layout)
  const { schema } = cube.layout
  const table = new TableBuilder(
    'questions',
    TITLES.questions[locale],
    columns(locale, [
      ['question', 'key'],
      ['questionLabel', 'text'],
      ['type', 'text'],
      ['option', 'text'],
      ['groupType', 'text'],
      ['group', 'key'],
      ['label', 'text'],
      ['n', 'integer'],
      ['share', 'percent'],
      ['mean', 'decimal'],
    ]),
  )
  const add = (row: Record<string, Value>) =>
    table.add(row, (key) => (key === 'mean' || key === 'share' ? 'nobody answered' : ''))
  const scopes = GROUP_TYPES.map((groupType) => {
    const query: Query = GROUP_QUERIES[groupType]
    return { groupType, query, groups: groupsOf(context, query) }
  })
  for (const question of state.questions) {
    const head = {
      question: question.key,
      questionLabel: questionLabel(question),
      type: question.type,
    }
    for (const { groupType, query, groups } of scopes) {
      if (question.type === 'choice') {
        const q = schema.choices.indexOf(question.key)
        const options = state.labels.choices[q]
        const optionOrder = options
          .map((_, k) => k)
          .sort((a, b) => compareLabels(options[a], options[b]))
        const sums = cube.choice(q, query)
        for (const { group, label, codes } of groups) {
          const counts = sums.get(codes.join(','))
          if (!counts) continue
          let answered = 0
          for (const sum of counts.values()) answered += sum
          // Every option of the question, a share of 0 where nobody in the group chose it,
          // in the order of their text (not the order chunks happened to find them).
          for (const option of optionOrder) {
            add({
              ...head,
              option: options[option],
              groupType,
              group,
              label,
              n: answered,
              share: (counts.get(option) ?? 0) / answered,
              mean: null,
            })
          }
        }
        continue
      }
      for (const { group, label, counts } of groups) {
        const where = { ...head, groupType, group, label }
        if (question.type === 'rating') {
          const d = read.rating(counts, schema.ratings.indexOf(question.key))
          add({
            ...where,
            option: null,
            n: base(d),
            share: null,
            mean: read.itemMean(counts, question.key),
          })
        } else if (question.type === 'yesno') {
          add({
            ...where,
            option: null,
            n: read.yesAnswered(counts, question.key),
            share: read.yesShare(counts, question.key),
            mean: null,
          })
        } else {
          const q = schema.multi.findIndex((m) => m.key === question.key)
          const shares = read.multi(counts, q)
          schema.multi[q].options.forEach((option, o) => {
            add({ ...where, option, n: shares[o].answered, share: shares[o].share, mean: null })
          })
        }
      }
    }
  }
  return table.build()
}
