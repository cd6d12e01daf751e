/**
 * Gaps of subgroup impact estimates: a subgroup against the rest of its dimension.
 */
import type { ImpactEstimate } from "./impact-types.js";
import type { Gap } from "./equity-types.js";
import { Z_975 } from "./stats/quantiles.js";

export interface Pooled {
  readonly estimate: number;
  readonly standardError: number;
  readonly servedMatched: number;
  readonly comparisonMatched: number;
}

/**
 * The rest of a subgroup's students, as the fixed-effect (inverse-variance weighted)
 * mean of the other subgroups' estimates: sum(e_j / se_j^2) / sum(1 / se_j^2), standard
 * error 1 / sqrt(sum(1 / se_j^2)). Each subgroup is estimated once (matched and adjusted
 * within itself), so a dimension of V values costs V regressions rather than 2V, and the
 * rest stays disjoint from the subgroup. Subgroups without an estimate (too few students)
 * do not enter; the counts reported are those of the subgroups that do.
 */
export function pooledEstimate(others: readonly ImpactEstimate[]): Pooled | null {
  let precision = 0;
  let weighted = 0;
  let servedMatched = 0;
  let comparisonMatched = 0;
  for (const o of others) {
    const r = o.regression;
    if (r === null || !(r.standardError > 0)) continue;
    const w = 1 / (r.standardError * r.standardError);
    precision += w;
    weighted += w * r.estimate;
    servedMatched += o.sample.servedMatched;
    comparisonMatched += o.sample.comparisonMatched;
  }
  if (precision === 0) return null;
  return {
    estimate: weighted / precision,
    standardError: 1 / Math.sqrt(precision),
    servedMatched,
    comparisonMatched,
  };
}

export function gapOf(own: ImpactEstimate, rest: Pooled | null): Gap | null {
  const a = own.regression;
  if (a === null || rest === null) return null;
  const difference = a.estimate - rest.estimate;
  const se = Math.sqrt(a.standardError ** 2 + rest.standardError ** 2);
  const ci = { low: difference - Z_975 * se, high: difference + Z_975 * se };
  return { difference, ci, flagged: ci.low > 0 || ci.high < 0 };
}
