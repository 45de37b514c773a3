/** @module The Worker's HTTP API (DESIGN §6) as a hono app. */
import { Hono } from 'hono'
import {
  aggregate,
  ENGINE_VERSION,
  mergeStates,
  type PartialState,
  type ReportOptions,
  report,
  reportFromState,
  surveyRakeSample,
} from '../engine/index'
import type { AggregateReply, HealthReply, RakeSampleReply, ReportReply } from '../protocol/index'
import { buildSheets, sheetRequests } from '../sheets/index'
import { authenticate } from './auth/index'
import { bodyGuard, readBody } from './body'
import { type AppEnv, DEFAULT_MAX_ROWS, limitVar } from './env'
import { ApiError, notFound, onError } from './errors'
import { readAggregateRequest, readReportRequest, type SurveyOrStates } from './request'

export const app = new Hono<AppEnv>()

app.onError(onError)
app.notFound(notFound)

// Registered before the auth middleware, so it answers without credentials.
app.get('/v1/health', (c) => c.json({ engine: ENGINE_VERSION } satisfies HealthReply))

app.post('/v1/*', bodyGuard)
app.use('/v1/*', authenticate)

app.post('/v1/report', async (c) => {
  const body = await readBody(c)
  const request = readReportRequest(body, limitVar(c.env.MAX_ROWS, DEFAULT_MAX_ROWS))
  const { options } = request
  const previous = request.previous ? previousState(request.previous, options.scale) : undefined
  const result = request.survey
    ? report(request.survey, options, previous)
    : reportFromState(request.states.reduce(mergeStates), options, previous)
  const reply: ReportReply = {
    engine: result.engine,
    summary: result.summary,
    tables: result.tables,
    issues: result.issues,
  }
  // The clients build their sheets from the tables (sheets/); the Sheets API plan, most of an
  // answer's bytes, goes only to API clients that ask for it.
  if (request.plan) {
    const sheets = buildSheets(result, { generatedAt: new Date().toISOString() })
    reply.plan = { requests: sheetRequests(sheets) }
  }
  return c.json(reply)
})

// Fan-out (DESIGN §6): a chunk of a survey too large for one request → its mergeable state.
app.post('/v1/aggregate', async (c) => {
  const body = await readBody(c)
  const { survey, firstRow, options } = readAggregateRequest(
    body,
    limitVar(c.env.MAX_ROWS, DEFAULT_MAX_ROWS),
  )
  return c.json({
    engine: ENGINE_VERSION,
    state: aggregate(survey, { firstRow, ...options }),
  } satisfies AggregateReply)
})

// Raking in a fan-out (DESIGN §6): a chunk's raking sample; the client merges the chunks'
// samples and sends the whole survey's with each /v1/aggregate.
app.post('/v1/rake-sample', async (c) => {
  const body = await readBody(c)
  const { survey, firstRow, options } = readAggregateRequest(
    body,
    limitVar(c.env.MAX_ROWS, DEFAULT_MAX_ROWS),
  )
  const { weighting } = options
  if (!weighting) {
    throw new ApiError(400, 'bad_request', '"options.weighting" must give the margins to rake to', {
      field: 'options.weighting',
    })
  }
  return c.json({
    engine: ENGINE_VERSION,
    sample: surveyRakeSample(survey, { firstRow, scale: options.scale, weighting }),
  } satisfies RakeSampleReply)
})

/**
 * The previous wave's state: its survey aggregated on this report's scale (the waves must share
 * it), or its states merged (the engine refuses them on another scale).
 */
function previousState(source: SurveyOrStates, scale: ReportOptions['scale']): PartialState {
  return source.survey ? aggregate(source.survey, { scale }) : source.states.reduce(mergeStates)
}
