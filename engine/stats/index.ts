/** @module Sapa's statistics: distributions, design-based variances, tests, intervals. */

export {
  type IndicatorSums,
  type PointSums,
  proportionDesignEffect,
  varianceOfMean,
  varianceOfProportion,
  wilsonEffectiveBase,
} from './design-variance'
export { normalCdf, normalQuantile, normalTwoSidedP, Z95 } from './normal'
export { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t'
