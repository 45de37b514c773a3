/** @module Column detection for the sidebar: the engine's own, with missing roles reported, not thrown. */
import type { Mapping } from '../../../engine/index'
import { detectColumns } from '../../../engine/index'
import { roleKey, type Translate } from '../shared/messages'

/** The role of each header, as the engine would map it, and what the analyst must still choose. */
export function detectMapping(
  headers: readonly string[],
  t: Translate,
): { detected: Mapping; problem: string | null } {
  const { mapping, missing } = detectColumns(headers)
  const [role] = missing
  return {
    detected: mapping,
    problem: role === undefined ? null : t('detect.missing', { role: t(roleKey(role)) }),
  }
}
