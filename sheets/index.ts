/** @module The report's sheets: the Sheets API plan built from a report's tables. */

export { MAX_TITLE_LENGTH, SHEET_ID_BASE, sheetIdOf, uniqueTitles } from './plan/ids'
export {
  MAX_LISTED_ISSUES,
  METADATA_KEY,
  type PlanOptions,
  planSheets,
  validatePlan,
} from './plan/index'
