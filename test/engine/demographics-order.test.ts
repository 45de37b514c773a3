/**
 * Engine bug found by the samples branch (fails until fixed): `compareLabels('', '')` is -1, not
 * 0, so the demographics rows over all services (service null, sorted as '') come out in the
 * cube's order: gender before age, and the age bands unsorted.
 */
import { describe, expect, it } from 'vitest'
import { report } from '../../engine/index'
import { compareLabels } from '../../engine/tables/context'

describe('demographics over all services', () => {
  it('compares two blank labels as equal', () => {
    expect(compareLabels('', '')).toBe(0)
  })

  it('lists age before gender, the age bands in order, as per service', () => {
    const { tables } = report({
      header: ['Қызмет', 'Жалпы баға', 'Жасы', 'Жынысы'],
      rows: [
        ['1', 5, 25, 'Ер'],
        ['1', 4, 45, 'Әйел'],
        ['2', 3, 33, 'Ер'],
        ['2', 5, 65, 'Әйел'],
      ],
    })
    const rows = tables.find((t) => t.id === 'demographics')?.rows ?? []
    const overall = rows.filter((r) => r.service === null).map((r) => `${r.dimension} ${r.band}`)
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
