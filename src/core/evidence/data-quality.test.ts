import { describe, expect, it } from "vitest";
import { dataQualityReport } from "./data-quality.js";
import { windowSeason } from "./data-quality-windows.js";
import { summariseSessions } from "./data-quality-sessions.js";
import type { DataQualityInput } from "./data-quality-types.js";
import type { IsoDate } from "../date.js";
import { enrollment, parsed, student, test } from "../../../test/evidence-app/fixtures.js";

const ids = Array.from({ length: 13 }, (_, i) => `S${i + 1}`);

/** 13 enrolled grade-5 students and a few rows of every kind of trouble. */
function awkward(asOf: string, today: string): DataQualityInput {
  const tests = ids.flatMap((id, i) => {
    const fall = test(id, "2024-fall", "2024-09-20", "200", id === "S2" ? { rapidGuessPercent: "40" } : {});
    if (id === "S13") return [fall];
    const springDate = id === "S3" ? "2025-02-20" : "2025-05-01";
    return [fall, test(id, "2025-spring", springDate, i === 11 ? "260" : "205")];
  });
  return {
    terms: parsed(),
    asOf: asOf as IsoDate,
    today: today as IsoDate,
    students: ids.map((id) => student(id)),
    otherKnownStudentIds: new Set(["S99"]),
    enrollments: [...ids.map((id) => enrollment(id)), enrollment("GHOST"), enrollment("S1", "2024-09-10")],
    assessments: [
      ...tests,
      test("NOBODY", "2024-fall", "2024-09-20", "190"),
      test("S1", "2024-winter", "2024-01-10", "1"),
    ],
    sessions: summariseSessions(
      [
        { sessionId: "a", studentId: "S1", sessionDate: "2024-08-15" as IsoDate },
        { sessionId: "b", studentId: "GHOST2", sessionDate: "2024-10-01" as IsoDate },
        { sessionId: "c", studentId: "S99", sessionDate: "2024-10-01" as IsoDate },
        { sessionId: "k1", studentId: "S4", sessionDate: "2024-10-02" as IsoDate },
        { sessionId: "k1", studentId: "S4", sessionDate: "2024-10-03" as IsoDate },
        { sessionId: null, studentId: "S5", sessionDate: "2024-10-03" as IsoDate },
      ],
      parsed().period,
    ),
    imports: [
      { kind: "students", fileName: "students.csv", importedAt: "2025-06-01T10:00:00.000000Z" },
      { kind: "enrollments", fileName: "old.csv", importedAt: "2025-04-01T10:00:00.000000Z" },
      { kind: "enrollments", fileName: "enrollments.csv", importedAt: "2025-05-01T10:00:00.000000Z" },
      { kind: "assessments", fileName: "map.csv", importedAt: "2025-06-01T10:00:00.000000Z" },
    ],
  };
}

describe("data quality report", () => {
  it("finds each problem of an awkward contract at period end, errors first, and calls the statement provisional", () => {
    const report = dataQualityReport(awkward("2025-06-30", "2025-06-30"));
    expect(
      report.findings.map((f) => [f.code, f.severity, f.count, f.students, f.exampleStudentIds, f.subject]),
    ).toEqual([
      ["enrollment-unknown-student", "error", 1, 1, ["GHOST"], "enrollments"],
      ["missing-window", "error", 1, 1, ["S13"], "spring"],
      ["file-never-imported", "error", 0, 0, [], "sessions"],
      ["duplicate-enrollment", "warning", 1, 1, ["S1"], "enrollments"],
      ["rapid-guess", "warning", 1, 1, ["S2"], "fall"],
      ["test-date-outside-window", "warning", 1, 1, ["S3"], "spring"],
      ["implausible-growth", "warning", 1, 1, ["S12"], "growth"],
      ["assessment-unknown-student", "warning", 1, 1, ["NOBODY"], "assessments"],
      ["session-outside-period", "warning", 1, 1, ["S1"], "sessions"],
      ["session-unknown-student", "warning", 1, 1, ["GHOST2"], "sessions"],
      ["session-not-enrolled", "warning", 1, 1, ["S99"], "sessions"],
      ["duplicate-session-id", "warning", 1, 1, ["S4"], "sessions"],
    ]);
    expect(report.provisional).toBe(true);
    expect(report.reasons).toEqual([
      "1 enrollment rows name a student not in the roster",
      "window spring (MAP Growth math 2025-spring): 1 of 13 enrolled students have no score",
      "no sessions file has been imported",
    ]);
    expect(report.freshness.find((f) => f.kind === "enrollments")).toEqual({
      kind: "enrollments",
      lastImportedAt: "2025-05-01T10:00:00.000000Z",
      fileName: "enrollments.csv",
      ageDays: 60,
    });
  });

  it("mid-year: an untested window is information only, and a file older than its limit is stale", () => {
    const report = dataQualityReport(awkward("2025-01-31", "2025-06-30"));
    const codes = report.findings.map((f) => `${f.severity}:${f.code}:${f.subject ?? ""}`);
    expect(codes).toContain("info:window-not-tested:spring");
    expect(codes).toContain("warning:file-stale:enrollments");
    expect(codes).not.toContain("warning:file-stale:students");
    expect(codes.filter((c) => c.startsWith("error"))).toEqual([
      "error:enrollment-unknown-student:enrollments",
      "error:file-never-imported:sessions",
    ]);
  });

  it("a clean contract is not provisional", () => {
    const input = awkward("2025-06-30", "2025-06-30");
    const clean: DataQualityInput = {
      ...input,
      enrollments: ids.slice(0, 12).map((id) => enrollment(id)),
      students: ids.slice(0, 12).map((id) => student(id)),
      assessments: ids
        .slice(0, 12)
        .flatMap((id) => [
          test(id, "2024-fall", "2024-09-20", "200"),
          test(id, "2025-spring", "2025-05-01", "207"),
        ]),
      sessions: [{ studentId: "S1", sessions: 1, outsidePeriod: 0, repeatedIds: 0 }],
      imports: ["students", "enrollments", "assessments", "sessions"].map((kind) => ({
        kind: kind as "students",
        fileName: `${kind}.csv`,
        importedAt: "2025-06-20T00:00:00Z",
      })),
    };
    const report = dataQualityReport(clean);
    expect(report.findings).toEqual([]);
    expect(report.provisional).toBe(false);
    expect(report.reasons).toEqual([]);
  });

  it("names the season of a window, winter across the new year, and nothing for other names", () => {
    expect(windowSeason("2024-fall")).toEqual({ from: "2024-08-01", to: "2024-12-15" });
    expect(windowSeason("2024-winter")).toEqual({ from: "2023-12-01", to: "2024-02-29" });
    expect(windowSeason("2025-spring")).toEqual({ from: "2025-03-01", to: "2025-06-30" });
    expect(windowSeason("BOY")).toBeNull();
  });
});
