/**
 * Per-student metric outcomes from a settlement statement, as `equityBySubgroup` takes
 * them: a student met the metric (`met`) or not (`notMet`); a `missing` outcome counts
 * as not met or is left out, as the contract's `missingOutcome` says (the same rule the
 * statement's rates follow); students not measured on the metric are left out.
 */
import type { Statement } from "../settlement/statement.js";
import type { Terms } from "../terms/types.js";
import type { MetricOutcomes } from "./equity-types.js";

export function metricOutcomesFromStatement(terms: Terms, statement: Statement): MetricOutcomes[] {
  const missingCounts = terms.outcomes.missingOutcome === "notMet";
  return terms.outcomes.metrics.map((metric) => {
    const byStudent = new Map<string, boolean>();
    for (const line of statement.students) {
      const result = line.metrics.get(metric.id);
      if (result === undefined) continue;
      if (result.status === "met") byStudent.set(line.studentId, true);
      else if (result.status === "notMet" || (result.status === "missing" && missingCounts)) {
        byStudent.set(line.studentId, false);
      }
    }
    return { metricId: metric.id, label: metric.label, byStudent };
  });
}
