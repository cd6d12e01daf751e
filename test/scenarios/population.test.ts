import { describe, it, expect } from "vitest";
import {
  terms,
  students,
  enrollments,
  sessions,
  scores,
  statementOf,
  settleScenario,
  line,
  ASSESSMENTS_HEADER,
  ids,
} from "../scenario.js";

describe("settlement-v1 section 1: population", () => {
  it("counts as enrolled only enrollments on or before asOf", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        students: students(2),
        enrollments: "contract_id,student_id,enrolled_on,exited_on\nc1,S1,2024-09-05,\nc1,S2,2025-02-01,\n",
        sessions: sessions(ids(2)),
      },
      asOf: "2025-01-15",
    });
    expect(s.population.enrolled).toBe(1);
    expect(s.students.map((l) => l.studentId)).toEqual(["S1"]);
  });

  it("rejects an enrollment of a student who is not in students.csv", async () => {
    const r = await settleScenario({
      terms: terms(),
      files: { students: students(1), enrollments: enrollments(["S1", "S9"]) },
    });
    expect(r.kind).toBe("rejected-rows");
    if (r.kind !== "rejected-rows") return;
    expect(r.report.problems).toEqual([
      expect.objectContaining({ line: 3, column: 2, code: "unknown-student" }),
    ]);
  });

  it("checks eligibility in the order grades, schools, baseline score and records the first failure", async () => {
    const s = await statementOf({
      terms: terms({
        eligibility: { grades: ["5"], schools: ["A"], baselineMaxScore: { window: "fall", score: "200" } },
      }),
      files: {
        students: students(
          4,
          (i) => [`S1,B,6,,,f,f,f`, `S2,B,5,,,f,f,f`, `S3,A,5,,,f,f,f`, `S4,A,5,,,f,f,f`][i - 1]!,
        ),
        enrollments: enrollments(ids(4)),
        assessments: scores([
          ["S1", 250, 260],
          ["S2", 180, 190],
          ["S3", 201, 210],
          ["S4", 200, 210],
        ]),
        sessions: sessions(ids(4)),
      },
    });
    expect(s.students.map((l) => l.ineligibleReason)).toEqual(["grade", "school", "baselineScore", null]);
    expect(s.population).toEqual({ enrolled: 4, eligible: 1, served: 1, measured: 1 });
  });

  it("makes a student without a baseline score ineligible", async () => {
    const s = await statementOf({
      terms: terms({ eligibility: { baselineMaxScore: { window: "fall", score: "200" } } }),
      files: { students: students(1), enrollments: enrollments(["S1"]), sessions: sessions(["S1"]) },
    });
    expect(line(s, "S1").ineligibleReason).toBe("baselineScore");
  });

  it("lists an ineligible student with its sessions, a zero base and no metrics", async () => {
    const s = await statementOf({
      terms: terms({ eligibility: { grades: ["8"] } }),
      files: { students: students(1), enrollments: enrollments(["S1"]), sessions: sessions(["S1"], 3) },
    });
    expect(line(s, "S1")).toEqual({
      studentId: "S1",
      eligible: false,
      ineligibleReason: "grade",
      served: false,
      sessions: 3,
      minutes: 90,
      consistency: "1.000000",
      base: "0.00",
      metrics: {},
    });
  });

  it("counts attended sessions in the period up to asOf, before enrollment too, and not no-shows", async () => {
    const s = await statementOf({
      terms: terms({ period: { start: "2024-09-01", end: "2025-06-30" } }),
      files: {
        students: students(1),
        enrollments: enrollments(["S1"], "2024-12-01"),
        sessions: [
          "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size",
          "a,c1,S1,T1,2024-08-31,30,true,1", // before the period
          "b,c1,S1,T1,2024-09-01,30,true,1", // first day, before enrollment: counts
          "c,c1,S1,T1,2024-10-01,30,false,1", // no-show
          "d,c1,S1,T1,2025-03-01,45,,1", // attended defaults to true
          "e,c1,S1,T1,2025-03-02,30,true,1", // after asOf
          "f,c2,S1,T1,2024-10-02,30,true,1", // another contract
        ].join("\n"),
      },
      asOf: "2025-03-01",
    });
    expect(line(s, "S1")).toMatchObject({ sessions: 2, minutes: 75 });
  });

  it("computes consistency with unknown tutors in the divisor only", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        students: students(1),
        enrollments: enrollments(["S1"]),
        sessions: [
          "contract_id,student_id,tutor_id,session_date,minutes",
          "c1,S1,T1,2024-10-01,30",
          "c1,S1,T1,2024-10-02,30",
          "c1,S1,T2,2024-10-03,30",
          "c1,S1,,2024-10-04,30",
          "c1,S1,,2024-10-05,30",
          "c1,S1,,2024-10-06,30",
        ].join("\n"),
      },
    });
    expect(line(s, "S1").consistency).toBe("0.333333");
  });

  it("serves an eligible student who reaches both minSessions and minMinutes", async () => {
    const s = await statementOf({
      terms: terms({ service_threshold: { minSessions: 3, minMinutes: 100 } }),
      files: {
        students: students(3),
        enrollments: enrollments(ids(3)),
        sessions: [
          sessions(["S1"], 4),
          sessions(["S2"], 3).split("\n").slice(1).join("\n"),
          sessions(["S3"], 2).split("\n").slice(1).join("\n"),
        ].join(""),
      },
    });
    // S1: 4 sessions, 120 min; S2: 3 sessions, 90 min; S3: 2 sessions.
    expect(s.students.map((l) => l.served)).toEqual([true, false, false]);
    expect(s.population.served).toBe(1);
  });

  it("measures all eligible students when the denominator is enrolled, and marks unserved ones notMeasured otherwise", async () => {
    const files = {
      students: students(2),
      enrollments: enrollments(ids(2)),
      sessions: sessions(["S1"], 5),
      assessments: scores([
        ["S1", 200, 210],
        ["S2", 200, 210],
      ]),
    };
    const served = await statementOf({ terms: terms({ service_threshold: { minSessions: 5 } }), files });
    expect(line(served, "S2").metrics["growth"]).toEqual({
      status: "notMeasured",
      value: null,
      target: null,
      amount: "0.00",
    });
    expect(served.population.measured).toBe(1);
    const enrolled = await statementOf({
      terms: terms({
        service_threshold: { minSessions: 5 },
        outcomes: { ...(terms().outcomes as object), denominator: "enrolled" },
      }),
      files,
    });
    expect(enrolled.population.measured).toBe(2);
    expect(line(enrolled, "S2").metrics["growth"]?.status).toBe("met");
    expect(line(enrolled, "S2").base).toBe("0.00");
  });

  it("has no student lines and zero counts without enrollments", async () => {
    const s = await statementOf({
      terms: terms(),
      files: { students: students(1), assessments: ASSESSMENTS_HEADER + "\n" },
    });
    expect(s.population).toEqual({ enrolled: 0, eligible: 0, served: 0, measured: 0 });
    expect(s.total).toBe("0.00");
  });
});
