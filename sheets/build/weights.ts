/**
 * @module The Weights sheet of a raked report: per raking role and category the target share,
 * the share the weights achieve and the sample's own share, then what raking did.
 */
import {
  categoryLabel,
  columnLabel,
  displayValue,
  type Locale,
  type Value,
  type WeightingSummary,
} from '../../engine/index'
import type { SheetModel } from '../model'
import { Grid, type SheetFrame } from './grid'
import { writeNotes, writeTable } from './table'

/** Roles whose categories are the engine's keys (a label says them in words); others are survey text. */
const DERIVED_ROLES = new Set(['channel', 'level', 'gender'])

export function weightsSheet(
  weighting: WeightingSummary,
  locale: Locale,
  frame: SheetFrame,
): SheetModel {
  const grid = new Grid(frame)
  const { texts } = frame
  const place = writeTable(
    grid,
    0,
    {
      columns: [
        {
          key: 'role',
          label: columnLabel('dimension', locale),
          // A role is named as the tables name a dimension; a column of the survey by its header.
          value: (row) => displayValue('dimension', String(row.role), locale),
        },
        {
          key: 'category',
          label: texts.category,
          value: (row) =>
            DERIVED_ROLES.has(String(row.role))
              ? categoryLabel(String(row.category), locale)
              : row.category,
        },
        { key: 'target', label: texts.target, format: 'percent' },
        { key: 'achieved', label: texts.achieved, format: 'percent' },
        { key: 'sample', label: texts.sample, format: 'percent' },
      ],
      rows: weighting.margins.map((margin) => ({ ...margin })),
      notes: new Map(),
    },
    locale,
  )
  const r = texts.raking
  const facts: [string, Value, string | null][] = [
    [r.iterations, weighting.iterations, '0'],
    [r.converged, weighting.converged ? texts.yes : texts.no, null],
    [r.maxError, weighting.maxError, '0.00%'],
    [r.efficiency, weighting.efficiency, '0.0%'],
    [r.designEffect, weighting.designEffect, '0.00'],
    [r.minWeight, weighting.minWeight, '0.00'],
    [r.maxWeight, weighting.maxWeight, '0.00'],
    [r.trimmed, weighting.trimmed, '0'],
    [r.outside, weighting.outside, '0'],
  ]
  const top = place.after + 1
  facts.forEach(([label, value, format], i) => {
    grid.put(top + i, 0, label, { bold: true })
    grid.put(top + i, 1, value, { format })
  })
  writeNotes(grid, top + facts.length + 1, [texts.weightsNote])
  return grid.build('weights', place.first)
}
