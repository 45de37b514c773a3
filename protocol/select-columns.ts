/** @module Only the columns a report reads go to the Worker (DESIGN §3): a wide sheet stays small. */
import { type Cell, detectColumns, normalize } from '../engine/index'
import type { ClientSurvey } from './chunks'

/**
 * The survey with only the columns a report reads: each role's, mapped or detected as the
 * Worker would, and the columns whose header is in `keep` (declared questions), in sheet
 * order, with the mapping written out so the Worker reads them as the client did. A survey
 * whose required columns are not all found (or whose headers repeat) is given back whole,
 * so that the Worker's refusal lists every header.
 *
 * @example
 * selectColumns({ header: ['№', 'Қызмет', 'Q7', 'Жалпы баға'], rows })
 * // → { header: ['Қызмет', 'Жалпы баға'], rows: [[…], …], mapping: { service: 'Қызмет', overall: 'Жалпы баға' } }
 */
export function selectColumns(survey: ClientSurvey, keep: readonly string[] = []): ClientSurvey {
  const wanted = new Set(keep.map(normalize))
  // Declared questions' columns are no role's, as the Worker reads them.
  const reserved = new Set<number>()
  survey.header.forEach((cell, c) => {
    if (wanted.has(normalize(String(cell ?? '')))) reserved.add(c)
  })
  let detection: ReturnType<typeof detectColumns>
  try {
    detection = detectColumns(survey.header, survey.mapping ?? {}, reserved)
  } catch {
    // A mapping naming a header that is not there: the Worker's refusal names it.
    return survey
  }
  if (detection.missing.length > 0 || detection.duplicates.length > 0) return survey
  const kept = new Set([...Object.values(detection.columns), ...reserved])
  const indices = [...kept].sort((a, b) => a - b)
  const header = indices.map((c) => survey.header[c])
  const { mapping } = detection
  const questions = survey.questions?.length ? { questions: survey.questions } : {}
  if ('columns' in survey)
    return { header, columns: indices.map((c) => survey.columns[c]), mapping, ...questions }
  const width = indices.length
  const rows = survey.rows.map((row) => {
    const cells = new Array<Cell>(width)
    for (let k = 0; k < width; k++) cells[k] = row[indices[k]]
    return cells
  })
  return { header, rows, mapping, ...questions }
}
