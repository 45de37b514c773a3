/** @module Column detection for the sidebar: the engine's `findColumns`, partial results kept. */
import { findColumns, REQUIRED_ROLES, SurveyError } from '../../../functions/engine/index'
import type { Mapping, Role } from '../../../functions/engine/types'

/**
 * The role of each header, as the engine would map it. `findColumns` throws when a required
 * role has no column; the sidebar still wants the others, so the missing role gets a
 * stand-in column (its plain English name, which nothing else matches) and is then dropped.
 */
export function detectMapping(headers: readonly string[]): {
  detected: Mapping
  problem: string | null
} {
  const padded = [...headers]
  let problem: string | null = null
  for (let attempt = 0; attempt <= REQUIRED_ROLES.length; attempt++) {
    try {
      const found = findColumns(padded)
      const detected: Mapping = {}
      for (const [role, index] of Object.entries(found) as [Role, number][]) {
        if (index < headers.length) detected[role] = headers[index]
      }
      return { detected, problem }
    } catch (error) {
      if (!(error instanceof SurveyError) || error.code !== 'missing_column') throw error
      const { role } = error.details as { role: Role }
      problem ??= `No column found for "${role}": choose it below`
      padded.push(role)
    }
  }
  return { detected: {}, problem }
}
