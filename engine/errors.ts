/** @module The one error the engine throws: the survey cannot be scored at all. */

export type SurveyErrorCode = 'missing_column' | 'no_responses' | 'bad_input'

/** A fatal input problem (a bad cell is never one: it becomes a data issue). */
export class SurveyError extends Error {
  override name = 'SurveyError'
  constructor(
    readonly code: SurveyErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}
