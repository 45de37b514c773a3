/** @module `sapa report`'s call to the Worker (DESIGN §6): one signed request, or a fan-out. */
import type { Cell, Mapping, ReportOptions } from '../engine/index'
import { encodeColumns, isReportReply, needsFanOut, type ReportReply } from '../protocol/index'
import { fanOutReport } from './fan-out'
import { postJson, type WorkerTarget, workerFailure } from './transport'

export interface ScoredSurvey {
  /** The answer's exact bytes, for `--json`. */
  bytes: Uint8Array
  reply: ReportReply
}

/**
 * Scores `header` + `rows` on the Worker: one `POST /v1/report` with the survey as compact
 * columns, or, for a survey too large for one request, chunks to `/v1/aggregate` and their
 * states to `/v1/report`. Both go through the one transport (signed, retried, timed out).
 * @param source names the survey in error messages (the file, or the spreadsheet).
 * @throws {CliError} exit 3 when the Worker refuses the survey (its message names the
 * column and the headers found), exit 4 when it is unreachable, silent or fails otherwise.
 */
export async function scoreSurvey(
  worker: WorkerTarget,
  survey: { header: Cell[]; rows: Cell[][]; mapping?: Mapping },
  options: ReportOptions,
  source: string,
): Promise<ScoredSurvey> {
  try {
    if (needsFanOut(survey)) {
      const { bytes, reply } = await fanOutReport(worker, survey, options)
      return { bytes, reply }
    }
    const body = JSON.stringify({
      header: survey.header,
      columns: encodeColumns(survey.header, survey.rows),
      ...(survey.mapping ? { mapping: survey.mapping } : {}),
      ...(Object.keys(options).length > 0 ? { options } : {}),
    })
    return await postJson(worker, '/v1/report', body, isReportReply, 'a report')
  } catch (error) {
    throw workerFailure(error, worker, source)
  }
}
