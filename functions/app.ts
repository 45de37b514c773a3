/** @module The Worker's HTTP API (DESIGN §6) as a hono app. */
import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import { aggregate, ENGINE_VERSION, mergeStates, report, reportFromState } from '../engine/index'
import type { AggregateReply, HealthReply, ReportReply } from '../protocol/index'
import { buildSheets, sheetRequests } from '../sheets/index'
import { authenticate } from './auth/index'
import { bodyGuard, parseJson, rawBody } from './body'
import { type AppEnv, DEFAULT_MAX_ROWS, limitVar } from './env'
import { notFound, onError } from './errors'
import { readAggregateRequest, readReportRequest } from './request'

export const app = new Hono<AppEnv>()

// The Worker's own ids only: a client's X-Request-Id is neither taken nor echoed into logs.
app.use(requestId({ headerName: '' }))
app.onError(onError)
app.notFound(notFound)

// Registered before the auth middleware, so it answers without credentials.
app.get('/v1/health', (c) => c.json({ engine: ENGINE_VERSION } satisfies HealthReply))

app.post('/v1/*', bodyGuard)
app.use('/v1/*', authenticate)

app.post('/v1/report', async (c) => {
  const body = parseJson(await rawBody(c))
  const request = readReportRequest(body, limitVar(c.env.MAX_ROWS, DEFAULT_MAX_ROWS))
  const result = request.survey
    ? report(request.survey, request.options)
    : reportFromState(request.states.reduce(mergeStates), request.options)
  const requests = sheetRequests(buildSheets(result, { generatedAt: new Date().toISOString() }))
  return c.json({
    engine: result.engine,
    summary: result.summary,
    tables: result.tables,
    issues: result.issues,
    plan: { requests },
  } satisfies ReportReply)
})

// Fan-out (DESIGN §6): a chunk of a survey too large for one request → its mergeable state.
app.post('/v1/aggregate', async (c) => {
  const body = parseJson(await rawBody(c))
  const { survey, firstRow } = readAggregateRequest(
    body,
    limitVar(c.env.MAX_ROWS, DEFAULT_MAX_ROWS),
  )
  return c.json({
    engine: ENGINE_VERSION,
    state: aggregate(survey, { firstRow }),
  } satisfies AggregateReply)
})
