/** @module The command line's parts that benchmarks, scripts and other parts' tests run. */
export type { ReportReply } from '../protocol/index'
export { type FanOutResult, fanOutReport } from './fan-out'
export { readSurvey, readSurveyFile, type SheetValues, type SurveyFile } from './read-survey'
export { cli, main } from './sapa'
export { signedHeaders } from './sign-request'
export {
  BrokenReplyError,
  DEFAULT_TIMEOUT_MS,
  postJson,
  WorkerReplyError,
  type WorkerTarget,
  WorkerTimeoutError,
  WorkerUnreachableError,
} from './transport'
export { type ScoredSurvey, scoreSurvey } from './worker-client'
export { offlineEnv, ROOT, WRANGLER } from './wrangler'
export {
  freePort,
  killGroup,
  type LocalWorker,
  type LocalWorkerOptions,
  startLocalWorker,
  waitReady,
} from './wrangler-dev'
