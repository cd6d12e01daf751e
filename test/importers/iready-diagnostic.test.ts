import { describe, expect, it } from "vitest";
import { convert, rejects, row } from "./golden.js";

const iready = { assessment: "i-Ready Diagnostic" } as const;

describe("i-Ready Diagnostic results", () => {
  it("maps a math file with a BOM: window from the norming window or the date, relative placement as a level", async () => {
    const r = await convert("iready-math.csv");
    expect(r.format).toBe("iready-diagnostic");
    expect(r.assessments).toEqual([
      row({
        ...iready,
        studentId: "605001",
        subject: "math",
        window: "2026-winter",
        testDate: "2026-01-14",
        scaleScore: "404",
        performanceLevel: 2,
        percentile: 14,
        growthTarget: "27",
      }),
      row({
        ...iready,
        studentId: "605002",
        subject: "math",
        window: "2025-fall",
        testDate: "2025-09-05",
        scaleScore: "372",
        performanceLevel: 5,
        percentile: 88,
        growthTarget: "19.5",
      }),
      row({
        ...iready,
        studentId: "605003",
        subject: "math",
        window: "2026-spring",
        testDate: "2026-03-10",
        scaleScore: "455",
      }),
      row({
        ...iready,
        studentId: "605001",
        subject: "math",
        window: "2025-fall",
        testDate: "2025-09-03",
        scaleScore: "390",
        performanceLevel: 1,
        percentile: 9,
      }),
    ]);
    expect({ rows: r.rows, accepted: r.accepted, rejected: r.rejected }).toEqual({
      rows: 10,
      accepted: 4,
      rejected: 6,
    });
  });

  it("rejects an ISO date, a score that is not a number, an unknown placement, a bad flag, an empty score and a date outside the year", async () => {
    const r = await convert("iready-math.csv");
    expect(rejects(r)).toEqual([
      [5, 24, "bad-date"],
      [6, 31, "bad-decimal"],
      [7, 33, "bad-placement"],
      [8, 16, "bad-boolean"],
      [9, 31, "required"],
      [10, 24, "date-outside-year"],
    ]);
  });

  it("takes subgroups into one student record per id, the later row replacing the earlier", async () => {
    const r = await convert("iready-math.csv");
    const base = { schoolId: "School 1", raceEthnicity: "White" };
    expect(r.students).toEqual([
      {
        ...base,
        studentId: "605001",
        grade: "3",
        gender: "female",
        economicallyDisadvantaged: false,
        englishLearner: false,
        specialEducation: true,
      },
      {
        ...base,
        studentId: "605002",
        grade: "K",
        gender: "male",
        economicallyDisadvantaged: true,
        englishLearner: false,
        specialEducation: false,
      },
      {
        ...base,
        studentId: "605003",
        grade: "5",
        gender: "female",
        economicallyDisadvantaged: false,
        englishLearner: false,
        specialEducation: false,
      },
    ]);
  });

  it("reads an ELA file as reading, with header names in another case and padded", async () => {
    const r = await convert("iready-ela.csv");
    expect(r.assessments).toEqual([
      row({
        ...iready,
        studentId: "705001",
        subject: "reading",
        window: "2026-spring",
        testDate: "2026-05-12",
        scaleScore: "512",
        performanceLevel: 4,
        percentile: 47,
        growthTarget: "21",
      }),
    ]);
    expect(rejects(r)).toEqual([[3, 34, "out-of-range"]]);
    for (const p of r.problems) expect(p.message).not.toMatch(/Last 1|First 1/);
  });
});
