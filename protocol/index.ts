/** @module The wire contract between the clients and the Worker: body encoding and chunking. */
export {
  type AggregateBody,
  aggregateBodies,
  aggregateBody,
  CHUNK_ROWS,
  type ClientSurvey,
  chunkRanges,
  needsFanOut,
  sliceColumns,
  statesBody,
  surveyLength,
} from './chunks'
export { encodeColumns } from './encode-columns'
