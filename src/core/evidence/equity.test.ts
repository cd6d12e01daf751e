import { describe, expect, it } from "vitest";
import { equityBySubgroup, equityView } from "./equity.js";
import { estimateImpact } from "./impact.js";
import { suppressSmallCells } from "./suppression.js";
import { rateDifferenceInterval, wilsonInterval } from "./stats/wilson.js";
import type { MetricOutcomes } from "./equity-types.js";
import { inputOf, student } from "../../../test/evidence/students.js";
import { syntheticInput } from "../../../test/evidence/synthetic.js";

/*
 * 45 served students: 20 economically disadvantaged (16 met: 80%), 25 not (6 met: 24%).
 * Schools: s1 has 22, s2 has 18, s3 has 5 (all not disadvantaged).
 */
const students = Array.from({ length: 45 }, (_, i) =>
  student({
    id: `s${String(i).padStart(2, "0")}`,
    served: true,
    baseline: 200,
    outcome: 210,
    ed: i < 20,
    school: i < 22 ? "s1" : i < 40 ? "s2" : "s3",
  }),
);
const met = (i: number) => (i < 20 ? i < 16 : i < 26);
const metric: MetricOutcomes = {
  metricId: "growth",
  label: "Met growth",
  byStudent: new Map(students.map((s, i) => [s.id, met(i)])),
};

describe("equityBySubgroup: metric rates", () => {
  const report = equityBySubgroup(inputOf(students), [metric], {
    dimensions: ["all", "economicallyDisadvantaged", "school"],
  });
  const district = suppressSmallCells(report.metrics[0]!.table, "district");

  it("gives each subgroup's rate with its Wilson interval and n", () => {
    const ed = district.dimensions[1]!.cells;
    expect(ed.map((c) => [c.key, c.n, c.value.met])).toEqual([
      ["yes", 20, 16],
      ["no", 25, 6],
    ]);
    expect(ed[0]!.value.rate).toBe(0.8);
    expect(ed[0]!.value.ci).toEqual(wilsonInterval(16, 20));
    expect(district.dimensions[0]!.cells[0]!.value).toMatchObject({ n: 45, met: 22, gap: null });
  });

  it("flags a gap when the interval of the difference from the rest excludes 0", () => {
    const yes = district.dimensions[1]!.cells[0]!.value.gap!;
    const expected = rateDifferenceInterval(16, 20, 6, 25);
    expect(yes.difference).toBeCloseTo(0.56, 12);
    expect(yes.ci).toEqual({ low: expected.low, high: expected.high });
    expect(yes.ci.low).toBeGreaterThan(0);
    expect(yes.flagged).toBe(true);
    // A school is flagged exactly when its interval excludes 0.
    const schools = district.dimensions[2]!.cells;
    for (const c of schools)
      expect(c.value.gap!.flagged).toBe(c.value.gap!.ci.low > 0 || c.value.gap!.ci.high < 0);
  });

  it("hides the 5-student school from vendors, and the next smallest school with it", () => {
    const vendor = suppressSmallCells(report.metrics[0]!.table, "vendor");
    expect(vendor.dimensions[2]!.cells).toEqual([
      expect.objectContaining({ key: "s1", suppressed: false, n: 22 }),
      { key: "s2", suppressed: true, reason: "complementary" },
      { key: "s3", suppressed: true, reason: "smallCell" },
    ]);
    const wouldHide = district.dimensions[2]!.cells.map((c) => c.wouldSuppress);
    expect(wouldHide).toEqual([null, "complementary", "smallCell"]);
  });

  it("keeps every figure out of the sealed report itself", () => {
    expect(JSON.stringify(report)).not.toMatch(/16|"rate"|"n"/);
    expect(() => suppressSmallCells({ kind: "sealedTable", title: "forged" }, "district")).toThrow(
      /not a table/,
    );
  });

  it("counts metric students with no record instead of dropping them silently", () => {
    const extra: MetricOutcomes = { ...metric, byStudent: new Map([...metric.byStudent, ["ghost", true]]) };
    const r = equityBySubgroup(inputOf(students), [extra], { dimensions: ["all"] });
    expect(r.metrics[0]!.studentsWithoutRecord).toBe(1);
    expect(equityView(r, "public").metrics[0]!.studentsWithoutRecord).toBeNull();
    expect(equityView(r, "district").metrics[0]!.studentsWithoutRecord).toBe(1);
  });
});

describe("equityBySubgroup: impact by subgroup", () => {
  it("estimates within each subgroup and compares it with the other subgroups' pooled estimate", () => {
    const input = syntheticInput({ students: 3000, seed: 21, effect: 0.2 });
    const report = equityBySubgroup(input, [], {
      dimensions: ["all", "economicallyDisadvantaged", "raceEthnicity"],
    });
    const view = suppressSmallCells(report.impact, "district");
    const [yes, no] = view.dimensions[1]!.cells;
    expect(yes!.value.estimate).not.toBeNull();
    expect(no!.value.estimate).not.toBeNull();
    // Two values: the rest of one is exactly the other.
    expect(yes!.value.gap!.difference).toBeCloseTo(-no!.value.gap!.difference, 12);
    expect(yes!.value.gap!.difference).toBeCloseTo(yes!.value.estimate! - no!.value.estimate!, 12);
    expect(view.dimensions[0]!.cells[0]!.value.gap).toBeNull();
    for (const c of view.dimensions[2]!.cells) {
      if (c.value.gap !== null)
        expect(c.value.gap.flagged).toBe(c.value.gap.ci.low > 0 || c.value.gap.ci.high < 0);
    }
  });
});

describe("equityBySubgroup: a contract-wide estimate given by the caller", () => {
  it("is used as the `all` cell as it is", () => {
    const input = syntheticInput({ students: 1500, seed: 4, effect: 0.2 });
    const given = estimateImpact(input);
    const fresh = suppressSmallCells(equityBySubgroup(input, [], { dimensions: ["all"] }).impact, "district");
    const reused = suppressSmallCells(
      equityBySubgroup(input, [], { dimensions: ["all"], overallImpact: given }).impact,
      "district",
    );
    expect(reused.dimensions[0]!.cells[0]!.value.estimate).toBe(given.regression!.estimate);
    expect(reused.dimensions[0]!.cells[0]!.value).toEqual(fresh.dimensions[0]!.cells[0]!.value);
  });
});
