/**
 * Which contracts a scorecard covers: by school year or fiscal year (of the period's
 * start, school-year.ts) and by stage. An absent filter keeps every contract; stages are
 * those whose terms both parties approved (active, settled, closed).
 */
import { fiscalYearOf, schoolYearOf } from "./school-year.js";
import type { ContractFacts, Stage } from "./contract-score.js";

export const SCORED_STAGES: readonly Stage[] = ["active", "settled", "closed"];

export interface ScorecardFilter {
  readonly schoolYear: string | null;
  readonly fiscalYear: number | null;
  /** Empty: every scored stage. */
  readonly stages: readonly Stage[];
}

export function matchesFilter(facts: ContractFacts, filter: ScorecardFilter): boolean {
  if (filter.schoolYear !== null && schoolYearOf(facts.period.start) !== filter.schoolYear) return false;
  if (filter.fiscalYear !== null && fiscalYearOf(facts.period.start) !== filter.fiscalYear) return false;
  return filter.stages.length === 0 || filter.stages.includes(facts.stage);
}
