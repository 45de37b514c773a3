/** @module Sapa's statistics: distributions, design-based variances, tests, intervals. */

export {
  type IndicatorSums,
  type PointSums,
  proportionDesignEffect,
  varianceOfMean,
  varianceOfProportion,
  wilsonEffectiveBase,
} from './design-variance'
export { type Interval, meanTInterval, type ScaleRange, wilsonInterval } from './intervals'
export { normalCdf, normalQuantile, normalTwoSidedP, Z95 } from './normal'
export { adjustPValues, type Correction, significanceCutoff } from './p-adjust'
export {
  type CorrelationMatrix,
  pairCount,
  pairIndex,
  pairwiseCorrelations,
} from './pairwise-correlations'
export { type PairwiseComparison, type RankRange, rankRanges } from './rank-range'
export { type RelativeWeights, relativeWeights } from './relative-weights'
export { direction, type Sign, significanceSign } from './significance-sign'
export { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t'
export {
  type MeanEstimate,
  type NotTestable,
  type ProportionEstimate,
  twoProportionZTest,
  type WelchTest,
  welchTTest,
  type ZTest,
} from './two-sample-tests'
