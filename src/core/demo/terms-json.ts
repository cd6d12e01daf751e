/**
 * The JSON shape of an `obc-terms/1` document (shared/spec/terms-v1.md), as the generator
 * writes it: money, percents and shares as decimal strings, dates as `YYYY-MM-DD`. This is
 * the file format, before validation; the validated form is `Terms` in ../terms/types.ts.
 */
export interface OrganizationJson {
  id: string;
  name: string;
}

export interface WindowJson {
  assessment: string;
  subject: string;
  window: string;
}

export interface EligibilityJson {
  grades?: string[];
  schools?: string[];
  baselineMaxScore?: { window: string; score: string };
}

export type BaseJson =
  | { kind: "perStudent"; amount: string; per: "served" | "enrolled" }
  | { kind: "share"; percent: string; prorate?: boolean }
  | { kind: "fixed"; amount: string };

export type GrowthTargetJson = { points: string } | { fromRow: true; percent: string; prorateWeeks?: number };

export type MeasureJson =
  | { kind: "growth"; from: string; to: string; target: GrowthTargetJson }
  | { kind: "proficiency"; window: string; minLevel: number }
  | { kind: "proficiency"; window: string; minScore: string }
  | { kind: "dosage"; minSessions?: number; minMinutes?: number }
  | { kind: "consistency"; minShare: string };

export type SubgroupKey = "economicallyDisadvantaged" | "englishLearner" | "specialEducation";

export interface PerStudentPayJson {
  amount?: string;
  tiers?: { atLeast: string; amount: string }[];
  /** Key order matters: the first flag a student has wins. */
  amountBySubgroup?: Partial<Record<SubgroupKey, string>>;
  decline?: string;
}

export interface PoolPayJson {
  weight: string;
  targetRate?: string;
  minRate?: string;
}

export type MetricJson = { id: string; label: string; cap?: string } & MeasureJson &
  (PerStudentPayJson | PoolPayJson);

export interface OutcomesJson {
  kind: "perStudent" | "pool";
  denominator?: "served" | "enrolled";
  missingOutcome?: "notMet" | "exclude";
  pool?: { percent: string } | { amount: string };
  cap?: string;
  metrics: MetricJson[];
}

export interface ObligationJson {
  id: string;
  party: "district" | "vendor";
  description: string;
  measure:
    { kind: "enrolledStudents"; min: number } | { kind: "servedStudents"; min: number } | { kind: "manual" };
  consequence: "payFull" | "none" | { reduceOutcomePercent: string };
}

export interface TermsDocument {
  format: "obc-terms/1";
  contractId: string;
  title: string;
  district: OrganizationJson;
  vendor: OrganizationJson;
  service: "tutoring" | "edtech" | "professional-learning" | "curriculum" | "other";
  currency: string;
  period: { start: string; end: string };
  maxValue: string;
  expectedStudents: number;
  eligibility?: EligibilityJson;
  service_threshold?: { minSessions?: number; minMinutes?: number };
  windows: Record<string, WindowJson>;
  maxRapidGuessPercent?: string;
  base: BaseJson;
  outcomes: OutcomesJson;
  obligations?: ObligationJson[];
}
