/** The result of `equityBySubgroup` (./equity.ts). Figures are unrounded numbers. */
import type { ImpactEstimate, ImpactOptions, ImpactVerdict } from "./impact-types.js";
import type { SubgroupDimension } from "./equity-subgroups.js";
import type { SealedTable } from "./suppression.js";
import type { Interval } from "./stats/wilson.js";

/** One metric's per-student outcomes (e.g. from a settlement statement). */
export interface MetricOutcomes {
  readonly metricId: string;
  readonly label: string;
  /** Student id -> met (true) or not (false); students outside the metric's rate are absent. */
  readonly byStudent: ReadonlyMap<string, boolean>;
}

/**
 * A subgroup compared with the rest of the students (everyone in the table outside the
 * subgroup): `difference` is subgroup minus rest, `flagged` when its 95% interval excludes 0.
 */
export interface Gap {
  readonly difference: number;
  readonly ci: Interval;
  readonly flagged: boolean;
}

export interface RateCell {
  readonly n: number;
  readonly met: number;
  readonly rate: number;
  /** Wilson 95% interval. */
  readonly ci: Interval;
  /** Newcombe 95% interval of the difference from the rest; null for `all` or when there is no rest. */
  readonly gap: Gap | null;
}

export interface ImpactCell {
  readonly verdict: ImpactVerdict;
  readonly servedMatched: number;
  readonly comparisonMatched: number;
  /** Regression-adjusted difference in growth (points), with its 95% interval; null when not estimable. */
  readonly estimate: number | null;
  readonly ci: Interval | null;
  readonly hedgesG: number | null;
  /** Difference from the rest (the other subgroups' pooled estimate), interval d +- 1.96 sqrt(se^2 + se_rest^2). */
  readonly gap: Gap | null;
}

export interface MetricEquity {
  readonly metricId: string;
  readonly label: string;
  /** Students with an outcome for the metric but no record in the evidence input (no subgroup known). */
  readonly studentsWithoutRecord: number;
  readonly table: SealedTable<RateCell>;
}

export interface EquityReport {
  readonly contractId: string;
  readonly dimensions: readonly SubgroupDimension[];
  readonly metrics: readonly MetricEquity[];
  readonly impact: SealedTable<ImpactCell>;
}

export interface EquityOptions {
  /** Dimensions to break down by; default all of SUBGROUP_DIMENSIONS. */
  readonly dimensions?: readonly SubgroupDimension[];
  /** Options of the impact estimate in each subgroup (each subgroup's students are its input). */
  readonly impact?: Omit<ImpactOptions, "include">;
  /**
   * The contract-wide estimate, when the caller already has it (`estimateImpact(input,
   * impact)` with the same input and options): the `all` cell takes it instead of
   * estimating again.
   */
  readonly overallImpact?: ImpactEstimate;
}
