/** @module The wire contract between the clients and the Worker: body encoding, chunking, replies. */

export {
  BINARY_CONTENT_TYPE,
  BinaryBodyError,
  type BinaryBodyInput,
  decodeBinaryBody,
  encodeBinaryBody,
  utf8,
} from './binary'
export {
  type AggregateBody,
  aggregateBodies,
  aggregateBody,
  CHUNK_BYTES,
  CHUNK_ROWS,
  type ChunkLimits,
  type ChunkOptions,
  type ClientSurvey,
  chunkPlan,
  chunkRanges,
  fitsOneRequest,
  jsonBytes,
  needsFanOut,
  sliceColumns,
  statesBody,
  surveyBody,
  surveyLength,
} from './chunks'
export { encodeColumns } from './encode-columns'
export {
  type AggregateReply,
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  type HealthReply,
  isAggregateReply,
  isErrorBody,
  isRakeSampleReply,
  isReportReply,
  type RakeSampleReply,
  type ReportReply,
} from './reply'
export { selectColumns } from './select-columns'
