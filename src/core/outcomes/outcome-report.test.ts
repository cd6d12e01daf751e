import { describe, expect, it } from "vitest";
import { DataSet } from "../data/data-set.js";
import type { StudentRecord } from "../data/records.js";
import type { IsoDate } from "../date.js";
import { parseTerms } from "../terms/parse-terms.js";
import { settleContract } from "../settlement/settle.js";
import { outcomeReport } from "./outcome-report.js";

const TERMS = {
  format: "obc-terms/1",
  contractId: "k1",
  title: "Reading tutoring",
  district: { id: "d", name: "D" },
  vendor: { id: "v", name: "V" },
  service: "tutoring",
  currency: "USD",
  period: { start: "2024-09-01", end: "2025-05-31" },
  maxValue: "1000.00",
  expectedStudents: 4,
  windows: {
    fall: { assessment: "MAP Growth", subject: "reading", window: "2024-fall" },
    spring: { assessment: "MAP Growth", subject: "reading", window: "2025-spring" },
  },
  base: { kind: "fixed", amount: "100.00" },
  outcomes: {
    kind: "perStudent",
    denominator: "enrolled",
    missingOutcome: "exclude",
    metrics: [
      {
        id: "g",
        label: "Grew 9.5 points",
        kind: "growth",
        from: "fall",
        to: "spring",
        target: { points: "9.5" },
        amount: "10.00",
      },
      { id: "d", label: "Three sessions", kind: "dosage", minSessions: 3, amount: "5.00" },
      { id: "c", label: "Same tutor", kind: "consistency", minShare: "0.75", amount: "5.00" },
    ],
  },
};

const student = (id: string, over: Partial<StudentRecord> = {}): StudentRecord => ({
  studentId: id,
  schoolId: "A",
  grade: "4",
  gender: null,
  raceEthnicity: null,
  economicallyDisadvantaged: false,
  englishLearner: false,
  specialEducation: false,
  ...over,
});

function settled() {
  const parsed = parseTerms(TERMS);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const data = new DataSet([parsed.terms]);
  const students = [
    student("S1", { englishLearner: true }),
    student("S2"),
    student("S3", { schoolId: "B" }),
    student("S4"),
  ];
  for (const s of students) {
    data.addStudent(s);
    data.addEnrollment({
      contractId: "k1",
      studentId: s.studentId,
      enrolledOn: "2024-09-05" as IsoDate,
      exitedOn: null,
    });
  }
  // Growth: S1 +12, S2 +9.5, S3 +4; S4 has no spring score (missing, so left out).
  const score = (id: string, window: string, date: string, scale: string) =>
    data.addAssessment({
      studentId: id,
      assessment: "MAP Growth",
      subject: "Reading",
      window,
      testDate: date as IsoDate,
      scaleScore: scale,
      performanceLevel: null,
      percentile: null,
      growthTarget: null,
      rapidGuessPercent: null,
    });
  for (const id of ["S1", "S2", "S3", "S4"]) score(id, "2024-fall", "2024-09-15", "200");
  score("S1", "2025-spring", "2025-05-01", "212");
  score("S2", "2025-spring", "2025-05-01", "209.5");
  score("S3", "2025-spring", "2025-05-01", "204");
  // Sessions: S1 4 with t1; S2 2 with t1 and 2 with t2; S3 none; S4 3 with t1.
  const plan: [string, string][] = [
    ["S1", "t1"],
    ["S1", "t1"],
    ["S1", "t1"],
    ["S1", "t1"],
    ["S2", "t1"],
    ["S2", "t1"],
    ["S2", "t2"],
    ["S2", "t2"],
    ["S4", "t1"],
    ["S4", "t1"],
    ["S4", "t1"],
  ];
  plan.forEach(([id, tutor], i) =>
    data.addSession({
      sessionId: `x${i}`,
      contractId: "k1",
      studentId: id,
      tutorId: tutor,
      sessionDate: `2024-10-${String(10 + i)}` as IsoDate,
      minutes: 30,
      attended: true,
      groupSize: null,
    }),
  );
  const statement = settleContract(parsed.terms, data);
  return { terms: parsed.terms, statement, students: new Map(students.map((s) => [s.studentId, s])) };
}

describe("the outcome report", () => {
  const { terms, statement, students } = settled();
  const report = outcomeReport(terms, statement, students, { suppressSmallCells: false });

  it("takes attainment from the settlement and says what meeting each metric takes", () => {
    expect(report.metrics).toEqual([
      {
        id: "g",
        label: "Grew 9.5 points",
        kind: "growth",
        criterion: "Growth of at least 9.5 points from the fall to the spring test",
        denominator: 3,
        met: 2,
        missing: 1,
        rate: "0.666667",
      },
      {
        id: "d",
        label: "Three sessions",
        kind: "dosage",
        criterion: "At least 3 sessions attended",
        denominator: 4,
        met: 3,
        missing: 0,
        rate: "0.750000",
      },
      {
        id: "c",
        label: "Same tutor",
        kind: "consistency",
        criterion: "At least 75% of sessions with the same tutor",
        denominator: 4,
        met: 2,
        missing: 0,
        rate: "0.500000",
      },
    ]);
  });

  it("bins growth in points with a bin starting at the target", () => {
    expect(report.growth[0]).toMatchObject({ axis: "growth", line: "9.5", students: 3, met: 2 });
    expect(report.growth[0]?.bins).toEqual([
      { from: "3.5", to: "4.5", count: 1 },
      ...["4.5", "5.5", "6.5", "7.5", "8.5"].map((from) => ({
        from,
        to: String(Number(from) + 1),
        count: 0,
      })),
      { from: "9.5", to: "10.5", count: 1 },
      { from: "10.5", to: "11.5", count: 0 },
      { from: "11.5", to: "12.5", count: 1 },
    ]);
  });

  it("counts subgroups over each metric's own denominator (a student missing growth is left out of it)", () => {
    const school = (metricId: string) =>
      report.subgroups.find((s) => s.metricId === metricId)?.dimensions.find((d) => d.dimension === "school")
        ?.cells;
    expect(school("g")).toEqual([
      { group: "A", label: "A", suppressed: null, n: 2, met: 2, rate: "1.000000" },
      { group: "B", label: "B", suppressed: null, n: 1, met: 0, rate: "0.000000" },
    ]);
    expect(school("d")?.map((c) => (c.suppressed === null ? c.n : null))).toEqual([3, 1]);
  });

  it("bins tutor consistency over students with sessions and counts the others", () => {
    expect(report.consistency).toMatchObject({ students: 3, withoutSessions: 1, minShare: "0.75" });
    expect(report.consistency.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it("pairs sessions with growth for the students who have both scores", () => {
    expect(report.dosage[0]?.points).toEqual([
      { studentId: "S1", sessions: 4, minutes: 120, growth: "12", met: true },
      { studentId: "S2", sessions: 4, minutes: 120, growth: "9.5", met: true },
      { studentId: "S3", sessions: 0, minutes: 0, growth: "4", met: false },
    ]);
  });

  it("hides every small cell, with no numbers, for a reader outside the district", () => {
    const outside = outcomeReport(terms, statement, students, { suppressSmallCells: true });
    const cells = outside.subgroups.flatMap((s) => s.dimensions.flatMap((d) => d.cells));
    expect(cells.every((c) => c.suppressed !== null && !("n" in c))).toBe(true);
    expect(outside.metrics).toEqual(report.metrics);
  });
});
