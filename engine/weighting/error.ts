/** @module Why raking refuses a survey: each refusal names the role and the categories. */
import { SurveyError } from '../errors'

/** What kind of refusal; the engine may word its own message from it and the fields. */
export type RakeRefusal =
  | 'bad_input'
  | 'unknown_role'
  | 'role_without_margins'
  | 'bad_shares'
  | 'missing_category'
  | 'absent_category'
  | 'unlisted_category'
  | 'zero_share'

/**
 * A survey or margins raking cannot use. It is a `SurveyError` (`bad_input`), so callers that
 * already turn those into a 400 or a sidebar message need nothing new.
 */
export class RakeError extends SurveyError {
  override name = 'RakeError'
  constructor(
    readonly reason: RakeRefusal,
    message: string,
    readonly role?: string,
    readonly categories?: readonly string[],
    /** Respondents concerned (missing category, or present but unlisted). */
    readonly count?: number,
  ) {
    super('bad_input', message, { field: 'weighting.margins', reason, role, categories, count })
  }
}
