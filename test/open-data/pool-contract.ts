/**
 * A known contract for the OCDS export tests: the pool-60-40 worked example's terms and
 * the figures of its expected final statement (copied here, so that the tests do not
 * read the examples folder).
 */
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import type { Terms } from "../../src/core/terms/types.js";

export const POOL_TERMS = {
  format: "obc-terms/1",
  contractId: "pool-6040",
  title: "Math tutoring, 60/40 split",
  district: { id: "d1", name: "District One" },
  vendor: { id: "v1", name: "Vendor One" },
  service: "tutoring",
  currency: "USD",
  period: { start: "2024-09-03", end: "2025-05-23" },
  maxValue: "1200000.00",
  expectedStudents: 1200,
  service_threshold: { minSessions: 10, minMinutes: 300 },
  windows: {
    fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
    spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
  },
  base: { kind: "share", percent: "60", prorate: true },
  outcomes: {
    kind: "pool",
    pool: { percent: "40" },
    missingOutcome: "exclude",
    metrics: [
      { id: "growth", label: "Met projected growth", kind: "growth", from: "fall", to: "spring",
        target: { fromRow: true, percent: "100" }, weight: "50", targetRate: "0.6", minRate: "0.2" },
      { id: "proficient", label: "Reached level 3", kind: "proficiency", window: "spring", minLevel: 3, weight: "30" },
      { id: "consistent", label: "Same tutor 75%", kind: "consistency", minShare: "0.75", weight: "20", targetRate: "0.8" },
    ],
  },
}; // prettier-ignore

/** The summary of the example's expected final statement. */
export const POOL_STATEMENT = {
  asOf: "2025-05-23",
  final: true,
  base: "562800.00",
  metrics: [
    { id: "growth", denominator: 808, met: 350, amount: "173267.33" },
    { id: "proficient", denominator: 858, met: 407, amount: "68307.69" },
    { id: "consistent", denominator: 938, met: 712, amount: "91087.42" },
  ],
};

export function termsOf(document: unknown): Terms {
  const parsed = parseTerms(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.terms;
}
