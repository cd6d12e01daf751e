/**
 * Property: nothing a vendor or the public sees rests on fewer than 10 students. For
 * random small districts (subgroups drawn from few values, so that small cells are
 * common) the equity tables (metric rates and impact estimates, with the impact
 * thresholds lowered so that small subgroups do get estimates) and the persistence
 * table are read for `vendor` and `public`; every cell shown must have every count its
 * figures rest on (as the district view reports them) at 10 or more, a hidden cell
 * must carry no figure, and the hidden cells of a dimension must be none, all, or at least
 * two holding 10 students together (else they could be worked out from the total).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equityBySubgroup, equityView } from "../../src/core/evidence/equity.js";
import { measurePersistence } from "../../src/core/evidence/persistence.js";
import {
  MIN_CELL_STUDENTS,
  suppressSmallCells,
  type SealedTable,
} from "../../src/core/evidence/suppression.js";
import type { MetricOutcomes } from "../../src/core/evidence/equity-types.js";
import { inputOf, student } from "./students.js";

const arbStudent = fc.record({
  served: fc.boolean(),
  grade: fc.constantFrom("4" as const, "5" as const),
  baseline: fc.option(fc.integer({ min: 180, max: 230 }), { freq: 8 }),
  gain: fc.option(fc.integer({ min: -10, max: 25 }), { freq: 8 }),
  kept: fc.option(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { freq: 2 }),
  ed: fc.boolean(),
  el: fc.boolean(),
  sped: fc.boolean(),
  race: fc.constantFrom("A", "B", "C", null),
  gender: fc.constantFrom("F", "M", null),
  school: fc.constantFrom("s1", "s2", "s3", "s4"),
  met: fc.boolean(),
});

function check<V>(table: SealedTable<V>): void {
  const district = suppressSmallCells(table, "district");
  for (const audience of ["vendor", "public"] as const) {
    const view = suppressSmallCells(table, audience);
    view.dimensions.forEach((d, di) => {
      const raw = district.dimensions[di]?.cells ?? [];
      d.cells.forEach((cell, ci) => {
        const basis = raw[ci]?.basis ?? [];
        if (cell.suppressed) {
          expect(Object.keys(cell).sort()).toEqual(["key", "reason", "suppressed"]);
        } else {
          expect(basis.length).toBeGreaterThan(0);
          for (const count of basis) expect(count).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
          expect(cell.n).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
          expect(Object.keys(cell).sort()).toEqual(["key", "n", "suppressed", "value"]);
        }
      });
      const hidden = d.cells.flatMap((c, ci) => (c.suppressed ? [raw[ci]?.n ?? 0] : []));
      if (hidden.length > 0 && hidden.length < d.cells.length) {
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
      }
    });
  }
}

describe("small-cell suppression", () => {
  it("shows vendors and the public no figure based on fewer than 10 students", () => {
    fc.assert(
      fc.property(fc.array(arbStudent, { minLength: 0, maxLength: 120, size: "max" }), (specs) => {
        const students = specs.map((s, i) =>
          student({
            id: `st${i}`,
            served: s.served,
            grade: s.grade,
            baseline: s.baseline,
            outcome: s.baseline === null || s.gain === null ? null : s.baseline + s.gain,
            followUp:
              s.baseline === null || s.gain === null || s.kept === null ? null : s.baseline + s.kept * s.gain,
            ed: s.ed,
            el: s.el,
            sped: s.sped,
            race: s.race,
            gender: s.gender,
            school: s.school,
          }),
        );
        const input = inputOf(students, true);
        const metric: MetricOutcomes = {
          metricId: "growth",
          label: "Growth",
          byStudent: new Map(specs.flatMap((s, i) => (s.served ? [[`st${i}`, s.met] as const] : []))),
        };
        const equity = equityBySubgroup(input, [metric], { impact: { minServed: 2, minComparison: 2 } });
        for (const m of equity.metrics) check(m.table);
        check(equity.impact);
        check(measurePersistence(input).table);
        // The sealed report itself carries no figure at all.
        expect(JSON.stringify(equity)).not.toMatch(/"(n|rate|met|estimate|value)"/);
        const pub = JSON.stringify(equityView(equity, "public"));
        expect(pub).not.toMatch(/basis|wouldSuppress/);
      }),
      { numRuns: 80 },
    );
  });
});
