/**
 * Property: no figure the OCDS export publishes rests on fewer than 10 students. For any
 * terms with several metrics and any statement figures (small and large denominators,
 * final or interim), every numeric result is a metric's whose denominator is at least 10,
 * an outcome milestone has a status only when its metric's is, and no published number
 * (other than the terms' own and money) is a count of fewer than 10 students.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MIN_CELL_STUDENTS } from "../evidence/suppression.js";
import { buildOcdsRelease } from "./build-ocds-release.js";
import { statementFacts } from "./statement-facts.js";
import { POOL_TERMS, termsOf } from "../../../test/open-data/pool-contract.js";

const METRIC_IDS = ["growth", "proficient", "consistent"] as const;

const figures = fc.tuple(
  ...METRIC_IDS.map((id) =>
    fc.integer({ min: 0, max: 40 }).chain((denominator) =>
      fc.record({
        id: fc.constant(id),
        denominator: fc.constant(denominator),
        met: fc.integer({ min: 0, max: denominator }),
        amount: fc.constantFrom("0.00", "1.00", "2500.50"),
      }),
    ),
  ),
);

type Observation = { id: string; measure?: unknown; notes?: string };
type Metric = { id: string; observations: Observation[] };
type Milestone = { id: string; status?: string };

describe("small-cell suppression of the OCDS export", () => {
  const terms = termsOf(POOL_TERMS);

  it("publishes no figure based on fewer than 10 students", () => {
    fc.assert(
      fc.property(figures, fc.boolean(), (metrics, final) => {
        const statement = statementFacts(
          { statementId: "1", kind: final ? "final" : "interim", issuedAt: "2025-06-01T00:00:00.000000Z" },
          { asOf: "2025-05-23", final, base: "10.00", metrics },
        );
        const release = buildOcdsRelease({
          contract: {
            districtId: "d1",
            contractId: "pool-6040",
            stage: "active",
            termsVersion: 1,
            terms,
            signedAt: null,
            recordedAt: "2024-08-01T00:00:00.000000Z",
          },
          statement,
          payments: [],
        });
        const contract = (release.contracts as { implementation: Record<string, unknown> }[])[0];
        const results = contract?.implementation.metrics as Metric[];
        const milestones = contract?.implementation.milestones as Milestone[];
        for (const m of metrics) {
          const small = m.denominator < MIN_CELL_STUDENTS;
          const result = results.find((r) => r.id === m.id);
          const numbers = result?.observations.filter((o) => o.measure !== undefined) ?? [];
          if (small) {
            expect(numbers).toEqual([]);
            expect(result?.observations.map((o) => o.id)).toEqual([`${m.id}-withheld`]);
          } else {
            expect(numbers.map((o) => o.id)).toEqual([`${m.id}-students-measured`, `${m.id}-share-met`]);
            expect(numbers[0]?.measure).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
          }
          const milestone = milestones.find((x) => x.id === `payment-outcome-${m.id}`);
          if (small && final) expect(milestone?.status).toBeUndefined();
          if (!final) expect(milestone?.status).toBe("scheduled");
        }
        // Nothing about a student: no student id, no per-student line.
        expect(JSON.stringify(release)).not.toMatch(/student[_I]d|"students":/);
      }),
      { numRuns: 300 },
    );
  });
});
