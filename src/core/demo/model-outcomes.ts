/**
 * Outcomes that model contracts share: meeting projected growth and reaching level 3,
 * paid per student or weighted in a pool, and the field's recommended split (60% of the
 * price for service, 40% in a pool earned by the rates of students meeting growth,
 * proficiency and tutor consistency). The builder's templates and the demo's contracts
 * start from them. Every call returns fresh objects, so no two documents share one.
 */
import type { BaseJson, MetricJson, OutcomesJson, PerStudentPayJson, PoolPayJson } from "./terms-json.js";

/** Met projected growth from fall to spring (the assessment's own projection, in full). */
export function projectedGrowth(pay: PerStudentPayJson | PoolPayJson): MetricJson {
  return {
    id: "growth",
    label: "Met projected growth",
    kind: "growth",
    from: "fall",
    to: "spring",
    target: { fromRow: true, percent: "100" },
    ...pay,
  };
}

/** Reached performance level 3 in the spring window. */
export function reachedLevel3(label: string, pay: PerStudentPayJson | PoolPayJson): MetricJson {
  return { id: "proficient", label, kind: "proficiency", window: "spring", minLevel: 3, ...pay };
}

/** The base: 60% of the price, prorated by the students served. */
export function sixtyFortyBase(): BaseJson {
  return { kind: "share", percent: "60", prorate: true };
}

/** The pool: 40% of the price over three weighted outcomes. */
export function sixtyFortyOutcomes(): OutcomesJson {
  return {
    kind: "pool",
    pool: { percent: "40" },
    missingOutcome: "exclude",
    metrics: [
      projectedGrowth({ weight: "50", targetRate: "0.6", minRate: "0.2" }),
      reachedLevel3("Reached level 3", { weight: "30" }),
      {
        id: "consistent",
        label: "Same tutor for 75% of sessions",
        kind: "consistency",
        minShare: "0.75",
        weight: "20",
        targetRate: "0.8",
      },
    ],
  };
}
