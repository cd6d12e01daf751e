import { describe, expect, it } from "vitest";
import { measurePersistence, persistenceOf, summarise } from "./persistence.js";
import { suppressSmallCells } from "./suppression.js";
import { inputOf, student } from "../../../test/evidence/students.js";

describe("persistenceOf", () => {
  it("is the share of the gain still there at follow-up", () => {
    const s = student({ id: "a", served: true, baseline: 200, outcome: 210, followUp: 206 });
    expect(persistenceOf(s)).toEqual({ kind: "retained", share: 0.6 });
  });

  it("keeps shares above 1 and below 0 as they are", () => {
    expect(
      persistenceOf(student({ id: "a", served: true, baseline: 200, outcome: 210, followUp: 213 })),
    ).toEqual({
      kind: "retained",
      share: 1.3,
    });
    expect(
      persistenceOf(student({ id: "a", served: true, baseline: 200, outcome: 210, followUp: 195 })),
    ).toEqual({
      kind: "retained",
      share: -0.5,
    });
  });

  it("counts no gain and a loss as noGain, never dividing by them", () => {
    expect(
      persistenceOf(student({ id: "a", served: true, baseline: 200, outcome: 200, followUp: 205 })),
    ).toEqual({
      kind: "noGain",
    });
    expect(
      persistenceOf(student({ id: "a", served: true, baseline: 200, outcome: 190, followUp: 185 })),
    ).toEqual({
      kind: "noGain",
    });
  });

  it("names the missing score", () => {
    expect(persistenceOf(student({ id: "a", served: true, baseline: null, outcome: 210 }))).toEqual({
      kind: "missing",
      score: "baseline",
    });
    expect(persistenceOf(student({ id: "a", served: true, baseline: 200, outcome: null }))).toEqual({
      kind: "missing",
      score: "outcome",
    });
    expect(persistenceOf(student({ id: "a", served: true, baseline: 200, outcome: 210 }))).toEqual({
      kind: "missing",
      score: "followUp",
    });
  });
});

describe("summarise", () => {
  it("gives median, mean and the share retaining at least half, over students with a share", () => {
    const r = summarise([
      { kind: "retained", share: 0.2 },
      { kind: "retained", share: 0.5 },
      { kind: "retained", share: 0.8 },
      { kind: "retained", share: 1.1 },
      { kind: "noGain" },
      { kind: "missing", score: "followUp" },
    ]);
    expect(r).toMatchObject({ students: 6, n: 4, noGain: 1, missingScores: 1, retainingHalf: 0.75 });
    expect(r.median).toBeCloseTo(0.65, 12);
    expect(r.mean).toBeCloseTo(0.65, 12);
  });
});

describe("measurePersistence", () => {
  const students = Array.from({ length: 24 }, (_, i) =>
    student({
      id: `s${i}`,
      served: i < 20,
      baseline: 200,
      outcome: 210,
      followUp: i % 4 === 0 ? null : 200 + (i % 10),
      ed: i < 12,
    }),
  );

  it("summarises served students for the contract and each subgroup", () => {
    const r = measurePersistence(inputOf(students, true));
    expect(r.status).toBe("measured");
    const view = suppressSmallCells(r.table, "district");
    const all = view.dimensions.find((d) => d.dimension === "all")?.cells[0];
    expect(all?.value).toMatchObject({ students: 20, n: 15 });
    const ed = view.dimensions.find((d) => d.dimension === "economicallyDisadvantaged")?.cells;
    expect(ed?.map((c) => [c.key, c.value.students, c.value.n])).toEqual([
      ["yes", 12, 9],
      ["no", 8, 6],
    ]);
  });

  it("hides subgroups under 10 students from vendors", () => {
    const r = measurePersistence(inputOf(students, true));
    const ed = suppressSmallCells(r.table, "vendor").dimensions.find(
      (d) => d.dimension === "economicallyDisadvantaged",
    );
    expect(ed?.cells).toEqual([
      { key: "yes", suppressed: true, reason: "smallCell" },
      { key: "no", suppressed: true, reason: "smallCell" },
    ]);
  });

  it("says when no follow-up window was named", () => {
    expect(measurePersistence(inputOf(students, false)).status).toBe("noFollowUpWindow");
  });
});
