import { describe, expect, it } from "vitest";
import { estimateImpact, equivalenceOf } from "./impact.js";
import { inputOf, student } from "../../../test/evidence/students.js";
import { syntheticInput } from "../../../test/evidence/synthetic.js";
import type { EvidenceStudent } from "./evidence-input.js";

describe("estimateImpact: matching, counts and mean growth", () => {
  /*
   * One grade, bands 0.5 SD wide. The 5 students with both scores have baselines 190,
   * 211, 190, 211, 212: mean 202.8, SD 11.692, so bands are 5.846 points wide counted from
   * 202.8: 190 is -2.19 band widths (band -3), 211 and 212 are +1.40 and +1.57 (band 1).
   * Served a (190 -> 200, growth 10) and b (211 -> 217, growth 6); comparison c (190 ->
   * 195, 5), d (211 -> 214, 3), e (212 -> 213, 1), and f (191, no outcome: attrition).
   * Comparison weights: (served / comparison in the stratum) * (3 comparison / 2 served):
   * low stratum 1 * 1.5 = 1.5, high stratum 0.5 * 1.5 = 0.75 each (they sum to 3).
   * Served mean growth (10 + 6) / 2 = 8; comparison (1.5 * 5 + 0.75 * 3 + 0.75 * 1) / 3 = 3.5.
   */
  it("weights comparison students to the served students' strata", () => {
    const students = [
      student({ id: "a", served: true, baseline: 190, outcome: 200 }),
      student({ id: "b", served: true, baseline: 211, outcome: 217 }),
      student({ id: "c", served: false, baseline: 190, outcome: 195 }),
      student({ id: "d", served: false, baseline: 211, outcome: 214 }),
      student({ id: "e", served: false, baseline: 212, outcome: 213 }),
      student({ id: "f", served: false, baseline: 191, outcome: null }),
    ];
    const r = estimateImpact(inputOf(students), { minServed: 1, minComparison: 1, bandWidthSd: 0.5 });
    expect(r.sample).toMatchObject({
      served: 2,
      servedMatched: 2,
      comparison: 4,
      comparisonMatched: 3,
      strata: 2,
    });
    expect(r.attrition.comparisonRate).toBeCloseTo(1 / 4, 12);
    expect(r.attrition.servedRate).toBe(0);
    expect(r.attrition.overallRate).toBeCloseTo(1 / 6, 12);
    expect(r.attrition.differentialRate).toBeCloseTo(1 / 4, 12);
    expect(r.meanGrowth?.served).toBeCloseTo(8, 12);
    expect(r.meanGrowth?.comparison).toBeCloseTo(3.5, 12);
    expect(r.meanGrowth?.difference).toBeCloseTo(4.5, 12);
  });

  it("counts served students without a baseline as unmatched", () => {
    const input = syntheticInput({ students: 600, seed: 7, effect: 0.2 });
    const dropped = input.students.map((s, i): EvidenceStudent =>
      s.served && i % 10 === 0 ? { ...s, baseline: null } : s,
    );
    const r = estimateImpact({ ...input, students: dropped });
    const missing = dropped.filter((s) => s.served && s.baseline === null).length;
    expect(missing).toBeGreaterThan(5);
    expect(r.sample.servedMissingBaseline).toBe(missing);
    expect(r.sample.servedMatched + r.sample.servedUnmatched).toBe(r.sample.served);
    expect(r.sample.servedUnmatched).toBeGreaterThanOrEqual(missing + r.sample.servedMissingOutcome);
  });
});

describe("estimateImpact: when the data cannot support a conclusion", () => {
  it("says there is no comparison group when every student is served", () => {
    const input = syntheticInput({ students: 300, seed: 1, effect: 0.2 });
    const r = estimateImpact({ ...input, students: input.students.map((s) => ({ ...s, served: true })) });
    expect(r.verdict).toBe("cannotConclude");
    expect(r.reasons.map((x) => x.code)).toEqual(["noComparison"]);
    expect(r.regression).toBeNull();
  });

  it("says there are no served students", () => {
    const input = syntheticInput({ students: 300, seed: 1, effect: 0.2 });
    const r = estimateImpact({ ...input, students: input.students.filter((s) => !s.served) });
    expect(r.reasons.map((x) => x.code)).toEqual(["noServed"]);
  });

  it("refuses an estimate under 30 matched served students, and keeps the counts", () => {
    const input = syntheticInput({ students: 2000, seed: 3, effect: 0.2 });
    const served = input.students.filter((s) => s.served).slice(0, 20);
    const r = estimateImpact({ ...input, students: [...served, ...input.students.filter((s) => !s.served)] });
    expect(r.verdict).toBe("cannotConclude");
    expect(r.reasons[0]?.code).toBe("tooFewServed");
    expect(r.reasons[0]?.message).toMatch(/at least 30/);
    expect(r.sample.served).toBe(20);
    expect(r.effectSize).toBeNull();
  });

  it("refuses an estimate under 30 matched comparison students", () => {
    const input = syntheticInput({ students: 2000, seed: 3, effect: 0.2 });
    const comparison = input.students.filter((s) => !s.served).slice(0, 25);
    const r = estimateImpact({
      ...input,
      students: [...input.students.filter((s) => s.served), ...comparison],
    });
    expect(r.reasons.map((x) => x.code)).toEqual(["tooFewComparison"]);
  });
});

describe("estimateImpact: designs", () => {
  it("estimates within a single grade (no grade dummies)", () => {
    const r = estimateImpact(syntheticInput({ students: 800, seed: 5, effect: 0.2, grades: ["7"] }));
    expect(r.verdict).not.toBe("cannotConclude");
    expect(r.regression?.droppedColumns).toEqual([]);
    // intercept, served, baseline, 3 flags, 4 race and 1 gender dummies
    expect(r.regression?.df).toBe((r.regression?.n ?? 0) - 11);
  });

  it("drops a subgroup flag collinear with service and says so", () => {
    const input = syntheticInput({ students: 800, seed: 9, effect: 0.2 });
    const students = input.students.map((s) => ({
      ...s,
      subgroups: { ...s.subgroups, economicallyDisadvantaged: s.served },
    }));
    const r = estimateImpact({ ...input, students });
    expect(r.regression?.droppedColumns).toEqual(["economicallyDisadvantaged"]);
    expect(r.effectSize?.hedgesG).toBeGreaterThan(0);
  });

  it("drops a flag nobody has", () => {
    const input = syntheticInput({ students: 800, seed: 9, effect: 0.2 });
    const students = input.students.map((s) => ({
      ...s,
      subgroups: { ...s.subgroups, englishLearner: false },
    }));
    expect(estimateImpact({ ...input, students }).regression?.droppedColumns).toEqual(["englishLearner"]);
  });
});

describe("WWC baseline equivalence", () => {
  it("uses 0.05 and 0.25 SD as inclusive bounds", () => {
    expect(equivalenceOf(0.05)).toBe("satisfied");
    expect(equivalenceOf(-0.0501)).toBe("requiresAdjustment");
    expect(equivalenceOf(0.25)).toBe("requiresAdjustment");
    expect(equivalenceOf(-0.2501)).toBe("notSatisfied");
  });

  it("cannot conclude when matched groups differ by more than 0.25 SD", () => {
    // Bands so wide that they split each grade at its mean only, and service given to
    // the students more than 0.5 SD below it: within the low band, served students still
    // start far below their comparison students.
    const input = syntheticInput({ students: 1500, seed: 11, effect: 0.2 });
    const students = input.students.map((s) => ({
      ...s,
      served: (s.baseline?.score ?? 0) < 200 + 10 * Number(s.grade) - 5,
    }));
    const r = estimateImpact({ ...input, students }, { bandWidthSd: 100 });
    expect(r.baseline?.equivalence).toBe("notSatisfied");
    expect(r.verdict).toBe("cannotConclude");
    expect(r.reasons.map((x) => x.code)).toEqual(["baselineNotEquivalent"]);
    expect(r.regression).not.toBeNull();
  });
});
