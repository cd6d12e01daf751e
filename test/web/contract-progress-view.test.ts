import { describe, expect, it } from "vitest";
import {
  ageText,
  enrolmentText,
  fileSizeText,
  freshnessState,
  obligationMeasureText,
  percentText,
} from "../../web/src/components/contract/progress-view.js";

const entry = (over: Partial<Parameters<typeof freshnessState>[0]>) => ({
  kind: "sessions",
  batchId: "4",
  fileName: "sessions.csv",
  importedAt: "2025-01-10T10:00:00.000000Z",
  ageDays: 3,
  staleAfterDays: 14,
  stale: false,
  ...over,
});

describe("contract page figures", () => {
  it("shows enrolment against the plan and the pace", () => {
    expect(enrolmentText({ expectedStudents: 1200, expectedByNow: 880, enrolled: 451 })).toBe(
      "451 of 1,200 planned (37%); 880 expected by now: behind pace",
    );
    expect(enrolmentText({ expectedStudents: 4, expectedByNow: 2, enrolled: 2 })).toContain("on pace");
  });

  it("rounds shares down and shows none without a whole", () => {
    expect(percentText(2, 3)).toBe("66%");
    expect(percentText(5, 0)).toBe("–");
  });

  it("names freshness in words: fresh, stale, missing, or recorded for kinds without a limit", () => {
    expect(freshnessState(entry({}))).toEqual({ label: "Fresh", kind: "fresh" });
    expect(freshnessState(entry({ stale: true }))).toEqual({ label: "Stale (over 14 days)", kind: "stale" });
    expect(freshnessState(entry({ batchId: null, stale: true }))).toEqual({
      label: "Missing",
      kind: "stale",
    });
    expect(freshnessState(entry({ staleAfterDays: null }))).toEqual({ label: "Recorded", kind: "none" });
    expect(freshnessState(entry({ batchId: null, stale: true }), true)).toEqual({
      label: "District's import, not shown",
      kind: "none",
    });
    expect([ageText(null), ageText(0), ageText(1), ageText(1500)]).toEqual([
      "Never imported",
      "Today",
      "1 day ago",
      "1,500 days ago",
    ]);
  });

  it("says what a measured obligation counts against its minimum and pace", () => {
    const o = {
      obligationId: "enroll",
      party: "district" as const,
      description: "Enroll",
      measure: "enrolledStudents" as const,
      min: 405,
      status: "pending" as const,
      value: 201,
      paceByNow: 202,
      dueOn: "2025-05-31",
    };
    expect(obligationMeasureText(o)).toBe(
      "201 eligible students enrolled of 405 required, 202 expected by now",
    );
    expect(obligationMeasureText({ ...o, measure: "manual", min: null, value: null, paceByNow: null })).toBe(
      "Recorded by the district",
    );
    expect([fileSizeText(900), fileSizeText(4096), fileSizeText(3 * 1024 * 1024)]).toEqual([
      "900 B",
      "4 KB",
      "3 MB",
    ]);
  });
});
