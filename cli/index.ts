/** @module The command line's parts that benchmarks, scripts and other parts' tests run. */
export { type FanOutTarget, fanOutReport, WorkerReplyError } from './fan-out'
export { readSurvey, readSurveyFile, type SheetValues, type SurveyFile } from './read-survey'
export { cli, main } from './sapa'
export { signedHeaders } from './sign-request'
export {
  type ReportReply,
  type ScoredSurvey,
  scoreSurvey,
  type WorkerTarget,
} from './worker-client'
export { offlineEnv, ROOT, WRANGLER } from './wrangler'
export { type LocalWorker, type LocalWorkerOptions, startLocalWorker } from './wrangler-dev'
