/** @module The wire contract between the clients and the Worker: body encoding and chunking. */
export {
  type AggregateBody,
  aggregateBodies,
  aggregateBody,
  CHUNK_BYTES,
  CHUNK_ROWS,
  type ChunkLimits,
  type ClientSurvey,
  chunkPlan,
  chunkRanges,
  jsonBytes,
  needsFanOut,
  sliceColumns,
  statesBody,
  surveyLength,
} from './chunks'
export { encodeColumns } from './encode-columns'
export { selectColumns } from './select-columns'
