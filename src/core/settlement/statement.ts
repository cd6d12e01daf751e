/**
 * The typed statement a settlement produces (settlement-v1). Money in cents, ratios
 * exact; presenters in src/shared turn it into the `obc-statement/1` JSON, text and CSV.
 */
import type { Cents } from "../money.js";
import type { IsoDate } from "../date.js";
import type { Ratio } from "../ratio.js";
import type { MetricMeasure, Party } from "../terms/types.js";

export type IneligibleReason = "grade" | "school" | "baselineScore";
export type StudentMetricStatus = "met" | "notMet" | "missing" | "notMeasured";

export interface StudentMetricResult {
  readonly status: StudentMetricStatus;
  /** Display only: growth, score or level, session count, or tutor share. */
  readonly value: Ratio | null;
  readonly target: Ratio | null;
  /** What this student earned on the metric, before the metric's cap; includes `decline`. */
  readonly amountCents: Cents;
}

export interface StudentLine {
  readonly studentId: string;
  readonly eligible: boolean;
  readonly ineligibleReason: IneligibleReason | null;
  readonly served: boolean;
  readonly sessions: number;
  readonly minutes: number;
  readonly consistency: Ratio;
  readonly baseCents: Cents;
  /** Keyed by metric id, in the terms' metric order; empty for an ineligible student. */
  readonly metrics: ReadonlyMap<string, StudentMetricResult>;
}

export interface MetricResult {
  readonly id: string;
  readonly label: string;
  readonly kind: MetricMeasure["kind"];
  readonly denominator: number;
  readonly met: number;
  readonly missing: number;
  readonly rate: Ratio;
  /** Sum of the students' amounts (perStudent) or the pool share earned (pool), before the cap. */
  readonly uncappedCents: Cents;
  readonly amountCents: Cents;
  readonly capped: boolean;
  /** Pool metrics only: the share of the pool and the fraction of it earned. */
  readonly pool: { readonly share: Ratio; readonly earned: Ratio; readonly belowMinRate: boolean } | null;
}

export interface ObligationResult {
  readonly id: string;
  readonly party: Party;
  readonly description: string;
  readonly status: "met" | "notMet" | "pending";
  readonly value: number | null;
  readonly consequenceApplied: boolean;
}

export interface Statement {
  readonly contractId: string;
  readonly title: string;
  readonly currency: string;
  readonly asOf: IsoDate;
  readonly final: boolean;
  readonly population: {
    readonly enrolled: number;
    readonly eligible: number;
    readonly served: number;
    readonly measured: number;
  };
  readonly maxValueCents: Cents;
  readonly baseCents: Cents;
  /** Set when a `share` base was prorated by served / expected students. */
  readonly baseProrate: Ratio | null;
  readonly poolCents: Cents | null;
  readonly metrics: readonly MetricResult[];
  readonly outcomeUncappedCents: Cents;
  readonly outcomeCents: Cents;
  readonly outcomeCapped: boolean;
  readonly reductionPercent: Ratio;
  readonly reductionCents: Cents;
  readonly obligations: readonly ObligationResult[];
  /** base + outcome - reduction, before it is held within [0, maxValue]. */
  readonly subtotalUnclampedCents: Cents;
  readonly subtotalCents: Cents;
  readonly payFull: boolean;
  readonly totalCents: Cents;
  readonly paidCents: Cents;
  readonly dueCents: Cents;
  /** Ordered by student id (UTF-8 byte order). */
  readonly students: readonly StudentLine[];
}
