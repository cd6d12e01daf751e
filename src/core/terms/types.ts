/**
 * The validated, typed form of an `obc-terms/1` document (shared/spec/terms-v1.md).
 *
 * Money is held as integer cents (`Cents`), decimals that enter arithmetic as exact
 * ratios (`Ratio`), dates as `IsoDate`. Only `parseTerms` (./parse-terms.ts) builds these
 * values, so every `Terms` in the program has passed every rule of the spec.
 */
import type { Cents } from "../money.js";
import type { IsoDate } from "../date.js";
import type { Ratio } from "../ratio.js";

export type Party = "district" | "vendor";
export type Service = "tutoring" | "edtech" | "professional-learning" | "curriculum" | "other";
export type Grade = "PK" | "K" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "10" | "11" | "12";
export type SubgroupFlag = "economicallyDisadvantaged" | "englishLearner" | "specialEducation";

export interface Organization {
  readonly id: string;
  readonly name: string;
}

export interface AssessmentWindow {
  readonly name: string;
  readonly assessment: string;
  readonly subject: string;
  readonly window: string;
}

export interface Eligibility {
  readonly grades?: readonly Grade[];
  readonly schools?: readonly string[];
  readonly baselineMaxScore?: { readonly window: string; readonly score: Ratio };
}

export type BaseTerms =
  | { readonly kind: "perStudent"; readonly amountCents: Cents; readonly per: "served" | "enrolled" }
  | { readonly kind: "share"; readonly percent: Ratio; readonly prorate: boolean }
  | { readonly kind: "fixed"; readonly amountCents: Cents };

export type GrowthTarget =
  | { readonly kind: "points"; readonly points: Ratio }
  | { readonly kind: "fromRow"; readonly percent: Ratio; readonly prorateWeeks: number | null };

export type MetricMeasure =
  | { readonly kind: "growth"; readonly from: string; readonly to: string; readonly target: GrowthTarget }
  | {
      readonly kind: "proficiency";
      readonly window: string;
      readonly minLevel: number | null;
      readonly minScore: Ratio | null;
    }
  | { readonly kind: "dosage"; readonly minSessions: number | null; readonly minMinutes: number | null }
  | { readonly kind: "consistency"; readonly minShare: Ratio };

export interface Tier {
  readonly atLeast: Ratio;
  readonly amountCents: Cents;
}

/** How a metric pays in a `perStudent` contract. */
export interface PerStudentPay {
  readonly kind: "perStudent";
  /** Paid once per measured student who meets the metric; null when the metric has tiers. */
  readonly amountCents: Cents | null;
  /** Growth only; strictly increasing `atLeast`. Empty when the metric pays `amountCents`. */
  readonly tiers: readonly Tier[];
  /** Subgroup amounts in the document's key order: the first flag a student has wins. */
  readonly amountBySubgroup: readonly { readonly flag: SubgroupFlag; readonly amountCents: Cents }[];
  /** Growth only: deducted for each measured student whose growth is negative. */
  readonly declineCents: Cents | null;
}

/** How a metric pays in a `pool` contract. */
export interface PoolPay {
  readonly kind: "pool";
  readonly weight: Ratio;
  readonly targetRate: Ratio;
  readonly minRate: Ratio;
}

export interface Metric {
  readonly id: string;
  readonly label: string;
  readonly measure: MetricMeasure;
  readonly pay: PerStudentPay | PoolPay;
  readonly capCents: Cents | null;
}

export type PoolSize =
  | { readonly kind: "percent"; readonly percent: Ratio }
  | { readonly kind: "amount"; readonly amountCents: Cents };

export interface Outcomes {
  readonly kind: "perStudent" | "pool";
  readonly denominator: "served" | "enrolled";
  readonly missingOutcome: "notMet" | "exclude";
  readonly pool: PoolSize | null;
  readonly capCents: Cents | null;
  readonly metrics: readonly Metric[];
}

export type ObligationMeasure =
  | { readonly kind: "enrolledStudents"; readonly min: number }
  | { readonly kind: "servedStudents"; readonly min: number }
  | { readonly kind: "manual" };

export type Consequence =
  | { readonly kind: "payFull" }
  | { readonly kind: "reduceOutcomePercent"; readonly percent: Ratio }
  | { readonly kind: "none" };

export interface Obligation {
  readonly id: string;
  readonly party: Party;
  readonly description: string;
  readonly measure: ObligationMeasure;
  readonly consequence: Consequence;
}

export interface Terms {
  readonly format: "obc-terms/1";
  readonly contractId: string;
  readonly title: string;
  readonly district: Organization;
  readonly vendor: Organization;
  readonly service: Service;
  readonly currency: string;
  readonly period: { readonly start: IsoDate; readonly end: IsoDate };
  readonly maxValueCents: Cents;
  readonly expectedStudents: number;
  readonly eligibility: Eligibility;
  readonly serviceThreshold: { readonly minSessions: number; readonly minMinutes: number };
  /** In the document's key order. */
  readonly windows: readonly AssessmentWindow[];
  readonly maxRapidGuessPercent: Ratio | null;
  readonly base: BaseTerms;
  readonly outcomes: Outcomes;
  readonly obligations: readonly Obligation[];
}
