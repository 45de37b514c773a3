/** @module Only the columns a report reads go to the Worker (DESIGN §3): a wide sheet stays small. */
import { type Cell, detectColumns, type Mapping, normalize } from '../engine/index'
import type { ClientSurvey } from './chunks'

/**
 * The survey with only the columns a report reads: each role's, mapped or detected as the
 * Worker would, and the columns whose header is in `keep` (declared questions), in sheet
 * order, with the mapping written out so the Worker reads them as the client did. The mapping
 * never names a column of `keep`: a role in a question's column would be refused by the Worker
 * ("a column plays one part"), whose own detection leaves questions' columns alone. A survey
 * whose required columns are not all found (or whose headers repeat) is given back whole (but
 * for such a mapping entry), so that the Worker's refusal lists every header.
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
  const isReserved = (h: string | undefined) => wanted.has(normalize(h ?? ''))
  const unreserved = (mapping: Mapping): Mapping =>
    Object.fromEntries(Object.entries(mapping).filter(([, h]) => !isReserved(h))) as Mapping
  const whole = (): ClientSurvey => {
    const { mapping } = survey
    if (!mapping || !Object.values(mapping).some(isReserved)) return survey
    return { ...survey, mapping: unreserved(mapping) }
  }
  let detection: ReturnType<typeof detectColumns>
  try {
    detection = detectColumns(survey.header, survey.mapping ?? {}, reserved)
  } catch {
    // A mapping naming a header that is not there: the Worker's refusal names it.
    return whole()
  }
  if (detection.missing.length > 0 || detection.duplicates.length > 0) return whole()
  const kept = new Set([...Object.values(detection.columns), ...reserved])
  const indices = [...kept].sort((a, b) => a - b)
  const header = indices.map((c) => survey.header[c])
  const mapping = unreserved(detection.mapping)
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
