/** @module `sapa report`'s call to the Worker (DESIGN §6): one signed request, or a fan-out. */
import type { Cell, Mapping, Question, ReportOptions } from '../engine/index'
import {
  CHUNK_ROWS,
  chunkPlan,
  encodeColumns,
  fitsOneRequest,
  isReportReply,
  type ReportReply,
  surveyBody,
} from '../protocol/index'
import { fanOutReport } from './fan-out'
import { encodeBody } from './request-body'
import { postJson, type WorkerTarget, workerFailure } from './transport'

export interface ScoredSurvey {
  /** The answer's exact bytes, for `--json`. */
  bytes: Uint8Array
  reply: ReportReply
  /** Chunks the survey went in, when it was fanned out. */
  chunks?: number
}

/** A survey as `sapa report` holds it: the sheet's rows, with the mapping and questions to send. */
export interface RowSurvey {
  header: Cell[]
  rows: Cell[][]
  mapping?: Mapping
  questions?: Question[]
}

export interface ScoreOptions {
  /** The previous wave (DESIGN §4 waves), sent as `previous`. */
  previous?: RowSurvey
  /** The body as JSON rather than binary (`--json-body`). Default false. */
  json?: boolean
  /** Rows of one request at most; more go in chunks (a fan-out). Default protocol's CHUNK_ROWS. */
  chunkRows?: number
}

/**
 * Scores `header` + `rows` on the Worker: one `POST /v1/report` with the survey as compact
 * columns in the binary body (or JSON), or, for a survey too large for one request, chunks to
 * `/v1/aggregate` and their states to `/v1/report` (raking in two rounds, fan-out.ts). A
 * previous wave goes beside it in the same request, or, in a fan-out, as its chunks' states;
 * with one, each wave must fit in half a request. Both go through the one transport (signed,
 * retried, timed out).
 * @param source names the survey in error messages (the file, or the spreadsheet).
 * @throws {CliError} exit 3 when the Worker refuses the survey (its message names the
 * column and the headers found), exit 4 when it is unreachable, silent or fails otherwise.
 */
export async function scoreSurvey(
  worker: WorkerTarget,
  survey: RowSurvey,
  options: ReportOptions,
  source: string,
  { previous, json = false, chunkRows = CHUNK_ROWS }: ScoreOptions = {},
): Promise<ScoredSurvey> {
  try {
    // The columns are coded once: the plan, the one request and every chunk read them.
    const current = compact(survey)
    const before = previous && compact(previous)
    // Without a previous wave the plan that decides is the fan-out's own; with one, both waves
    // must fit in one request together, and a fan-out's chunks are whole ones.
    const plan = before ? undefined : chunkPlan(current, { maxRows: chunkRows })
    const fanOut = before
      ? !fitsOneRequest(current, before, chunkRows)
      : Boolean(plan && plan.length > 1)
    if (fanOut) {
      return await fanOutReport(worker, current, options, {
        chunkRows,
        previous: before,
        json,
        plan,
      })
    }
    const { bytes, contentType } = encodeBody(
      {
        ...current,
        ...(Object.keys(options).length > 0 ? { options } : {}),
        ...(before ? { previous: before } : {}),
      },
      json,
    )
    return await postJson(worker, '/v1/report', bytes, isReportReply, 'a report', contentType)
  } catch (error) {
    throw workerFailure(error, worker, source)
  }
}

/** The survey's part of the body: its columns dictionary-coded, its mapping and questions. */
function compact(survey: RowSurvey) {
  return surveyBody({ ...survey, columns: encodeColumns(survey.header, survey.rows) })
}
