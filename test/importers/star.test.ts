import { describe, expect, it } from "vitest";
import { convertAssessmentFile } from "../../src/adapters/importers/convert-assessments.js";
import { convert, fixture, rejects, row } from "./golden.js";

const star = { assessment: "Star Reading", subject: "reading" } as const;

describe("Renaissance Star SR_v2", () => {
  it("maps scaled score, percentile rank, the local completion date and the screening window", async () => {
    const r = await convert("star-reading.csv");
    expect(r.format).toBe("star");
    expect(r.assessments).toEqual([
      row({
        ...star,
        studentId: "300001",
        window: "2023-fall",
        testDate: "2023-08-31",
        scaleScore: "512",
        percentile: 61,
      }),
      row({
        ...star,
        studentId: "300002",
        window: "2024-winter",
        testDate: "2024-01-17",
        scaleScore: "588.5",
      }),
    ]);
    expect(r.students).toEqual([]);
  });

  it("rejects a test outside every screening window, an empty score, a bad date and a bad school year", async () => {
    const r = await convert("star-reading.csv");
    expect(rejects(r)).toEqual([
      [4, 93, "no-window"],
      [5, 64, "required"],
      [6, 56, "bad-date"],
      [7, 2, "bad-school-year"],
    ]);
    for (const p of r.problems) expect(p.message).not.toMatch(/Jonah|Whitfield/);
  });
});

describe("format detection", () => {
  it("rejects every row of a file that is no known export, after one header problem", async () => {
    const r = await convert("not-an-assessment-file.csv");
    expect(r.format).toBeNull();
    expect(rejects(r)).toEqual([
      [1, 0, "unknown-format"],
      [2, 0, "no-header"],
    ]);
    expect({ rows: r.rows, accepted: r.accepted, rejected: r.rejected }).toEqual({
      rows: 1,
      accepted: 0,
      rejected: 1,
    });
  });

  it("reports the missing columns when the caller names a format the file is not", async () => {
    const r = await convertAssessmentFile(fixture("star-reading.csv"), { format: "nwea-map" });
    expect(r.format).toBe("nwea-map");
    expect(r.assessments).toEqual([]);
    expect(rejects(r).filter(([line]) => line === 1)).toEqual([
      [1, 0, "missing-column"],
      [1, 0, "missing-column"],
      [1, 0, "missing-column"],
      [1, 0, "missing-column"],
      [1, 0, "missing-column"],
    ]);
    expect(r.rejected).toBe(6);
  });
});
