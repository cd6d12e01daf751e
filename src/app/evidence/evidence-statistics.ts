/**
 * The statistics section of a contract's evidence, computed by the core's evidence
 * functions on the input `buildEvidenceInput` makes from the statement and the district's
 * rows: the impact on growth (served students against comparable district students),
 * results by subgroup (each metric's rate and the impact within each subgroup, from the
 * statement's per-student statuses), and the persistence of gains at a follow-up window.
 *
 * The follow-up window is the one the caller names (a window of the outcome's assessment
 * and subject, e.g. `2025-fall` or `2026-winter`), by default the fall after the outcome
 * window (`2025-spring` -> `2025-fall`); before anyone has a score there, persistence
 * says so.
 * When the terms name no baseline and outcome window (no growth metric), the section
 * says why it is absent instead.
 */
import type { SqlRunner } from "../ports/db.js";
import type { AssessmentWindow, Terms } from "../../core/terms/types.js";
import type { Statement } from "../../core/settlement/statement.js";
import type { JsonProblem } from "../../core/problem.js";
import { buildEvidenceInput } from "../../core/evidence/evidence-input.js";
import { estimateImpact } from "../../core/evidence/impact.js";
import type { ImpactEstimate } from "../../core/evidence/impact-types.js";
import { equityBySubgroup } from "../../core/evidence/equity.js";
import type { EquityReport } from "../../core/evidence/equity-types.js";
import { metricOutcomesFromStatement } from "../../core/evidence/equity-outcomes.js";
import { measurePersistence, type PersistenceReport } from "../../core/evidence/persistence.js";
import { readComparisonRows } from "./read-comparison-rows.js";

export type EvidenceStatistics =
  | { readonly kind: "unavailable"; readonly problems: readonly JsonProblem[] }
  | {
      readonly kind: "computed";
      readonly subject: string;
      readonly windows: {
        readonly baseline: string;
        readonly outcome: string;
        readonly followUp: string | null;
      };
      readonly impact: ImpactEstimate;
      readonly equity: EquityReport;
      readonly persistence: PersistenceReport;
    };

/**
 * The follow-up window: `named` (a window of the outcome's assessment and subject), else
 * the fall after the outcome window of the first growth metric; null without a growth
 * metric, or without a name when the outcome window's name has no spring or summer year.
 */
export function followUpWindow(terms: Terms, named: string | null = null): AssessmentWindow | null {
  const growth = terms.outcomes.metrics.find((m) => m.measure.kind === "growth")?.measure;
  const to = growth?.kind === "growth" ? terms.windows.find((w) => w.name === growth.to) : undefined;
  if (to === undefined) return null;
  const at = (window: string): AssessmentWindow => ({
    name: "followUp",
    assessment: to.assessment,
    subject: to.subject,
    window,
  });
  if (named !== null) return at(named);
  const m = /^(\d{4})-(spring|summer)$/.exec(to.window);
  return m === null ? null : at(`${m[1]}-fall`);
}

/** The windows the statistics read: the first growth metric's two, the eligibility cut's, the follow-up. */
function statisticsWindows(terms: Terms, followUp: AssessmentWindow | null): AssessmentWindow[] {
  const growth = terms.outcomes.metrics.find((m) => m.measure.kind === "growth")?.measure;
  const names = new Set<string>([
    ...(growth?.kind === "growth" ? [growth.from, growth.to] : []),
    ...(terms.eligibility.baselineMaxScore === undefined ? [] : [terms.eligibility.baselineMaxScore.window]),
  ]);
  return [...terms.windows.filter((w) => names.has(w.name)), ...(followUp === null ? [] : [followUp])];
}

export async function evidenceStatistics(
  tx: SqlRunner,
  districtId: string,
  terms: Terms,
  statement: Statement,
  /** The follow-up window's name; null for the default (the next fall). */
  followUpName: string | null = null,
): Promise<EvidenceStatistics> {
  const followUp = followUpWindow(terms, followUpName);
  const rows = await readComparisonRows(tx, districtId, terms, statisticsWindows(terms, followUp));
  const built = buildEvidenceInput({
    terms,
    statement,
    students: rows.students,
    assessments: rows.assessments,
    ...(followUp === null ? {} : { followUpWindow: followUp }),
  });
  if (!built.ok) return { kind: "unavailable", problems: built.problems };
  const input = built.input;
  return {
    kind: "computed",
    subject: input.subject,
    windows: {
      baseline: input.windows.baseline.name,
      outcome: input.windows.outcome.name,
      followUp: input.windows.followUp?.window ?? null,
    },
    impact: estimateImpact(input),
    equity: equityBySubgroup(input, metricOutcomesFromStatement(terms, statement)),
    persistence: measurePersistence(input),
  };
}
