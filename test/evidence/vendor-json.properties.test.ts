/**
 * Property: the evidence as the API and the web app give it to a vendor (the `vendor`
 * shape of `statisticsJson` and of each data quality finding) shows no figure based on
 * fewer than 10 students. For random small districts, with the estimate's thresholds
 * lowered so that small groups do get estimates: every student count is null, 0 or at
 * least 10; the contract-wide estimates and attrition rates are there only when the
 * groups they describe (as the district's shape counts them) have 10 or more students;
 * no reason names a count under 10; every table cell shown has n >= 10 and a hidden one
 * carries no figure. Findings: counts of 1 to 9 withheld, no example ids, no message
 * with counts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateImpact } from "../../src/core/evidence/impact.js";
import { equityBySubgroup } from "../../src/core/evidence/equity.js";
import { measurePersistence } from "../../src/core/evidence/persistence.js";
import { MIN_CELL_STUDENTS } from "../../src/core/evidence/suppression.js";
import type { MetricOutcomes } from "../../src/core/evidence/equity-types.js";
import type { Finding, FindingCode } from "../../src/core/evidence/data-quality-types.js";
import { statisticsJson, type TableJson } from "../../src/app/evidence/statistics-json.js";
import { FINDING_TEXT, findingJson } from "../../src/app/evidence/evidence-json.js";
import type { EvidenceStatistics } from "../../src/app/evidence/evidence-statistics.js";
import { inputOf, student } from "./students.js";

const arbStudent = fc.record({
  served: fc.boolean(),
  grade: fc.constantFrom("4" as const, "5" as const),
  baseline: fc.option(fc.integer({ min: 180, max: 230 }), { freq: 8 }),
  gain: fc.option(fc.integer({ min: -10, max: 25 }), { freq: 8 }),
  kept: fc.option(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { freq: 2 }),
  ed: fc.boolean(),
  el: fc.boolean(),
  race: fc.constantFrom("A", "B", null),
  school: fc.constantFrom("s1", "s2", "s3"),
  met: fc.boolean(),
});

/** A student count a vendor may see: withheld (null), none, or at least 10. */
function allowed(n: number | null | undefined): boolean {
  return n === null || n === undefined || n === 0 || n >= MIN_CELL_STUDENTS;
}

function checkTable(table: TableJson): void {
  for (const d of table.dimensions)
    for (const cell of d.cells) {
      if (cell.suppressed) expect(Object.keys(cell).sort()).toEqual(["key", "reason", "suppressed"]);
      else expect(cell.n).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
    }
}

describe("the vendor's evidence JSON", () => {
  it("shows no figure based on fewer than 10 students", () => {
    fc.assert(
      fc.property(fc.array(arbStudent, { minLength: 0, maxLength: 90, size: "max" }), (specs) => {
        const input = inputOf(
          specs.map((s, i) =>
            student({
              id: `st${i}`,
              served: s.served,
              grade: s.grade,
              baseline: s.baseline,
              outcome: s.baseline === null || s.gain === null ? null : s.baseline + s.gain,
              followUp:
                s.baseline === null || s.gain === null || s.kept === null
                  ? null
                  : s.baseline + s.kept * s.gain,
              ed: s.ed,
              el: s.el,
              race: s.race,
              school: s.school,
            }),
          ),
          true,
        );
        const metric: MetricOutcomes = {
          metricId: "growth",
          label: "Growth",
          byStudent: new Map(specs.flatMap((s, i) => (s.served ? [[`st${i}`, s.met] as const] : []))),
        };
        const lowered = { minServed: 2, minComparison: 2 };
        const impact = estimateImpact(input, lowered);
        const statistics: EvidenceStatistics = {
          kind: "computed",
          subject: "math",
          windows: { baseline: "fall", outcome: "spring", followUp: "2025-fall" },
          impact,
          equity: equityBySubgroup(input, [metric], { impact: lowered }),
          persistence: measurePersistence(input),
        };
        const json = statisticsJson(statistics, "vendor");
        if (json.kind !== "computed") throw new Error("computed statistics expected");
        const shown = json.impact;
        for (const n of Object.values(shown.sample)) expect(allowed(n)).toBe(true);
        const groupsLarge = allowed(impact.sample.servedMatched) && allowed(impact.sample.comparisonMatched);
        if (!groupsLarge) {
          expect(shown.suppressed).toBe(true);
          expect([shown.meanGrowth, shown.baseline, shown.regression, shown.effectSize]).toEqual([
            null,
            null,
            null,
            null,
          ]);
        }
        if (shown.attrition !== null) {
          expect(allowed(impact.attrition.baselineServed)).toBe(true);
          expect(allowed(impact.attrition.baselineComparison)).toBe(true);
        }
        for (const r of shown.reasons)
          expect(r.message).not.toMatch(/(^|\D)[1-9] (served|comparison) students?\b/);
        for (const m of json.equity.metrics) {
          expect(allowed(m.studentsWithoutRecord)).toBe(true);
          checkTable(m.table);
        }
        checkTable(json.equity.impact);
        checkTable(json.persistence.table);
        expect(JSON.stringify(json)).not.toMatch(/"st\d+"|basis|wouldSuppress/);
      }),
      { numRuns: 80 },
    );
  });

  it("withholds a finding's counts of 1 to 9, its example students and its counted message", () => {
    const codes = Object.keys(FINDING_TEXT) as FindingCode[];
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (code, count, students) => {
          const finding: Finding = {
            code,
            severity: "warning",
            count,
            students,
            exampleStudentIds: ["S1", "S2"],
            subject: "fall",
            message: `${count} rows of ${students} students`,
          };
          const shown = findingJson(finding, "vendor");
          expect(allowed(shown.count)).toBe(true);
          expect(allowed(shown.students)).toBe(true);
          expect(shown.exampleStudentIds).toEqual([]);
          expect(shown.message).toBe(FINDING_TEXT[code]);
        },
      ),
    );
  });
});
