/** @module The measures of DESIGN §4. */
export { type ConcernParts, socialConcern } from './concern'
export { type Correlation, correlation, type NoCorrelation } from './correlation'
export {
  base,
  type Distribution,
  dissatisfied,
  effectiveBase,
  index100,
  meanScore,
  satisfaction,
  score10,
  shares,
  topTwoBox,
} from './distribution'
