import { describe, expect, it } from "vitest";
import { ASSESSMENT_FORMATS, detectAssessmentFormat } from "./formats.js";
import { RowError } from "../data/row-cells.js";

const NWEA = "TermName,StudentID,Subject,Course,TestStartDate,TestRITScore,TestPercentile";
const IREADY =
  "Student ID,Academic Year,Completion Date,Norming Window,Overall Scale Score,Percentile,Quantile Measure";
const STAR =
  "RenaissanceClientID,SchoolYear,StudentIdentifier,CompletedDateLocal,ScaledScore,ScreeningPeriodWindowName,Lexile";

const split = (h: string): string[] => h.split(",");

describe("detectAssessmentFormat", () => {
  it("tells each export by its header, in any case and with spaces around names", () => {
    expect(detectAssessmentFormat(split(NWEA))?.id).toBe("nwea-map");
    expect(detectAssessmentFormat(split(IREADY.toUpperCase()))?.id).toBe("iready-diagnostic");
    expect(detectAssessmentFormat(split(STAR).map((h) => ` ${h} `))?.id).toBe("star");
    expect(detectAssessmentFormat(["student_id", "assessment", "scale_score"])).toBeNull();
  });

  it("has three formats with distinct ids", () => {
    expect(new Set(ASSESSMENT_FORMATS.map((f) => f.id)).size).toBe(3);
  });
});

describe("bound formats", () => {
  it("report a duplicated column and a missing required one", () => {
    const nwea = ASSESSMENT_FORMATS.find((f) => f.id === "nwea-map");
    const bound = nwea?.bind(["TermName", "StudentID", "Subject", "termname", "TestRITScore"]);
    expect(bound?.problems.map((p) => [p.column, p.code])).toEqual([
      [4, "duplicate-column"],
      [0, "missing-column"],
    ]);
  });

  it("read only fields[0..count) of a reused array", () => {
    const iready = ASSESSMENT_FORMATS.find((f) => f.id === "iready-diagnostic");
    const bound = iready?.bind(split(IREADY));
    const fields = ["605001", "2025-2026", "1/14/2026", "Winter", "404", "14", "275Q", "stale"];
    const mapped = bound?.map(fields, 7);
    expect(mapped).not.toBeInstanceOf(RowError);
    const short = bound?.map(["605001", "2025-2026", "1/14/2026", "Winter", "404", "14", "275Q"], 4);
    expect(short).toBeInstanceOf(RowError);
    expect(short instanceof RowError ? [short.column, short.code] : null).toEqual([5, "required"]);
  });
});
