/** The result of `estimateImpact` (./impact.ts). All figures are unrounded numbers. */
import type { EvidenceStudent } from "./evidence-input.js";
import type { AttritionFigures } from "./impact-sample.js";
import type { Interval } from "./stats/wilson.js";

export interface ImpactOptions {
  /** Width of the baseline-score bands used for matching, in the grade's standard deviations; default 0.25. */
  readonly bandWidthSd?: number;
  /** Fewest matched served students with both scores for an estimate; default 30. */
  readonly minServed?: number;
  /** Fewest matched comparison students with both scores for an estimate; default 30. */
  readonly minComparison?: number;
  /** Restricts the estimate to some students (a subgroup); both groups are filtered. */
  readonly include?: (student: EvidenceStudent) => boolean;
}

export const DEFAULT_BAND_WIDTH_SD = 0.25;
export const DEFAULT_MIN_SERVED = 30;
export const DEFAULT_MIN_COMPARISON = 30;

/** WWC baseline equivalence (Procedures and Standards Handbook 5.0): |g| <= 0.05, <= 0.25, above. */
export type BaselineEquivalence = "satisfied" | "requiresAdjustment" | "notSatisfied";

export type ImpactVerdict = "positive" | "negative" | "noDetectableEffect" | "cannotConclude";

export interface ImpactReason {
  readonly code:
    | "noServed"
    | "noComparison"
    | "tooFewServed"
    | "tooFewComparison"
    | "servedAliased"
    | "noResidualDf"
    | "baselineNotEquivalent";
  readonly message: string;
}

export interface ImpactSampleCounts {
  readonly served: number;
  readonly servedMissingBaseline: number;
  readonly servedMissingOutcome: number;
  readonly servedMatched: number;
  readonly servedUnmatched: number;
  readonly comparison: number;
  readonly comparisonMatched: number;
  readonly comparisonUnmatched: number;
  readonly strata: number;
}

export interface RegressionEstimate {
  /** Coefficient of `served`: adjusted difference in growth, scale-score points. */
  readonly estimate: number;
  /** HC2 robust standard error. */
  readonly standardError: number;
  readonly ci: Interval;
  readonly df: number;
  readonly n: number;
  /** Design columns dropped as constant or aliased in this sample. */
  readonly droppedColumns: readonly string[];
}

export interface EffectSize {
  /** Hedges' g of the adjusted difference over the pooled SD of the outcome score. */
  readonly hedgesG: number;
  readonly ci: Interval;
  readonly pooledSd: number;
}

export interface ImpactEstimate {
  readonly verdict: ImpactVerdict;
  /** Why the verdict is `cannotConclude`, or cautions; empty otherwise. */
  readonly reasons: readonly ImpactReason[];
  readonly sample: ImpactSampleCounts;
  readonly attrition: AttritionFigures;
  /** Weighted mean growth of the matched groups and their difference (served minus comparison). */
  readonly meanGrowth: {
    readonly served: number;
    readonly comparison: number;
    readonly difference: number;
  } | null;
  /**
   * Baseline difference of the matched groups (weighted means, each group's own SD,
   * Hedges' g) and its WWC verdict.
   */
  readonly baseline: { readonly hedgesG: number; readonly equivalence: BaselineEquivalence } | null;
  readonly regression: RegressionEstimate | null;
  readonly effectSize: EffectSize | null;
}
