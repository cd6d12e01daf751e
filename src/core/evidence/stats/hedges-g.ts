/**
 * Hedges' g: a difference in means in units of the pooled within-group standard
 * deviation, with the small-sample correction of L. V. Hedges, "Distribution theory for
 * Glass's estimator of effect size and related estimators", Journal of Educational
 * Statistics 6 (1981) 107-128, in the form the What Works Clearinghouse uses (WWC
 * Procedures and Standards Handbook, version 5.0, appendix E):
 *
 *   g = omega * (mean1 - mean2) / S,  S = sqrt(((n1-1) s1^2 + (n2-1) s2^2) / (n1+n2-2)),
 *   omega = 1 - 3 / (4 (n1 + n2) - 9).
 *
 * For a regression-adjusted effect the WWC replaces (mean1 - mean2) with the adjusted
 * difference and keeps the unadjusted pooled standard deviation.
 */

/** omega = 1 - 3 / (4N - 9), N = n1 + n2. */
export function smallSampleCorrection(n1: number, n2: number): number {
  return 1 - 3 / (4 * (n1 + n2) - 9);
}

export function pooledStandardDeviation(s1: number, n1: number, s2: number, n2: number): number {
  return Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
}

/** Hedges' g of a difference (raw or adjusted) over the groups' pooled standard deviation. */
export function hedgesG(difference: number, s1: number, n1: number, s2: number, n2: number): number {
  return (smallSampleCorrection(n1, n2) * difference) / pooledStandardDeviation(s1, n1, s2, n2);
}
