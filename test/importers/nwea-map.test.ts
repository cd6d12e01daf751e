import { describe, expect, it } from "vitest";
import { convert, rejects, row } from "./golden.js";

const map = { assessment: "MAP Growth" } as const;

describe("NWEA MAP Growth AssessmentResults", () => {
  it("maps RIT, percentile, fall-to-spring projected growth and rapid guessing of each test event", async () => {
    const r = await convert("nwea-assessment-results.csv");
    expect(r.format).toBe("nwea-map");
    expect(r.assessments).toEqual([
      row({
        ...map,
        studentId: "100001",
        subject: "math",
        window: "2024-fall",
        testDate: "2024-09-16",
        scaleScore: "201",
        percentile: 57,
        growthTarget: "9",
        rapidGuessPercent: "0.0000",
      }),
      row({
        ...map,
        studentId: "100002",
        subject: "reading",
        window: "2025-winter",
        testDate: "2025-01-22",
        scaleScore: "205.5",
        rapidGuessPercent: "12.5",
      }),
      row({
        assessment: "MAP Screening",
        studentId: "100006",
        subject: "math",
        window: "2024-fall",
        testDate: "2024-08-28",
        scaleScore: "188",
        percentile: 22,
      }),
    ]);
    expect(r.students).toEqual([]);
    expect({ rows: r.rows, accepted: r.accepted, rejected: r.rejected }).toEqual({
      rows: 10,
      accepted: 3,
      rejected: 7,
    });
  });

  it("rejects a bad date, a score that is not a number, an empty score, a bad term, out-of-range values and a short row", async () => {
    const r = await convert("nwea-assessment-results.csv");
    expect(rejects(r)).toEqual([
      [4, 21, "bad-date"],
      [5, 24, "bad-decimal"],
      [6, 24, "required"],
      [8, 1, "bad-term"],
      [9, 26, "out-of-range"],
      [10, 29, "out-of-range"],
      [11, 4, "field-count"],
    ]);
    expect(r.problems[0]?.message).toBe('TestStartDate: "13/45/2025" is not a date in the form MM/DD/YYYY');
    expect(r.problems.every((p) => p.file === "test/fixtures/importers/nwea-assessment-results.csv")).toBe(
      true,
    );
  });

  it("binds legacy and differently cased column names (Discipline, FalltoSpring..., padded termname)", async () => {
    const r = await convert("nwea-combo-aliases.csv");
    expect(r.format).toBe("nwea-map");
    expect(r.assessments).toEqual([
      row({
        ...map,
        studentId: "200001",
        subject: "math",
        window: "2025-spring",
        testDate: "2025-05-06",
        scaleScore: "215",
        percentile: 70,
        growthTarget: "10",
        rapidGuessPercent: "3",
      }),
      row({
        ...map,
        studentId: "200003",
        subject: "reading",
        window: "2025-summer",
        testDate: "2025-07-08",
        scaleScore: "202",
      }),
    ]);
    expect(rejects(r)).toEqual([[3, 28, "bad-date"]]);
  });

  it("keeps student names out of error messages", async () => {
    const r = await convert("nwea-combo-aliases.csv");
    for (const p of r.problems) expect(p.message).not.toMatch(/Zelenko|Mira|Okafor|Adaeze/);
  });
});
