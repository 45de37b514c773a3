/**
 * The demographics rows over all services (service null, sorted as the blank label '') come in
 * the same order as each service's: age before gender, the age bands in order. They do because
 * `compareLabels` (engine/tables/context.ts) compares two blank labels as equal; when it gave -1
 * (a bug the samples branch found) they came in the cube's order, gender first, bands unsorted.
 */
import { describe, expect, it } from 'vitest'
import { report } from '../../engine/index'
import { compareLabels } from '../../engine/tables/context'
import { table } from '../support/tables'

describe('demographics over all services', () => {
  it('compares two blank labels as equal', () => {
    expect(compareLabels('', '')).toBe(0)
  })

  it('lists age before gender, the age bands in order, as per service', () => {
    const r = report({
      header: ['Қызмет', 'Жалпы баға', 'Жасы', 'Жынысы'],
      rows: [
        ['1', 5, 25, 'Ер'],
        ['1', 4, 45, 'Әйел'],
        ['2', 3, 33, 'Ер'],
        ['2', 5, 65, 'Әйел'],
      ],
    })
    const overall = table(r, 'demographics')
      .rows.filter((r) => r.service === null)
      .map((r) => `${r.dimension} ${r.band}`)
    expect(overall).toEqual([
      'age 22-29',
      'age 30-39',
      'age 40-49',
      'age 60+',
      'gender male',
      'gender female',
    ])
  })
})
