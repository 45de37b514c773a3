/**
 * Survey labels sort numbers first, by value (however written: " 3 ", "0x10", "1e2"), then text
 * by code point. `compareLabels` answers labels that start with a letter without parsing them:
 * the order below is written out by hand from those two rules.
 */
import { describe, expect, it } from 'vitest'
import { compareLabels } from '../../engine/tables/context'

describe('compareLabels', () => {
  it('puts numbers first by value, then text by code point', () => {
    const labels = ['Әкімдік', '10', ' 3 ', 'b', 'Infinity', '2', 'A', '0x10', '-1', 'NaN', '1e2']
    expect(labels.sort(compareLabels)).toEqual([
      '-1',
      '2',
      ' 3 ',
      '10',
      '0x10',
      '1e2',
      'A',
      'Infinity',
      'NaN',
      'b',
      'Әкімдік',
    ])
  })

  it('orders a number and a word whichever comes first', () => {
    expect(compareLabels('Ақмола', '12')).toBeGreaterThan(0)
    expect(compareLabels('12', 'Ақмола')).toBeLessThan(0)
    expect(compareLabels('Infinity', '1')).toBeGreaterThan(0)
  })
})
