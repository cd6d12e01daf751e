import { describe, expect, it } from "vitest";
import { buildEvidenceInput, type BuildEvidenceInputArgs } from "./evidence-input.js";
import { metricOutcomesFromStatement } from "./equity-outcomes.js";
import { parseTerms } from "../terms/parse-terms.js";
import { DataSet } from "../data/data-set.js";
import { settleContract } from "../settlement/settle.js";
import type { AssessmentRecord, StudentRecord } from "../data/records.js";
import type { Grade, Terms } from "../terms/types.js";
import type { IsoDate } from "../date.js";
import { terms as termsDoc } from "../../../test/scenario.js";

function contract(overrides: Record<string, unknown> = {}): Terms {
  const r = parseTerms(
    termsDoc({
      eligibility: { grades: ["5", "6"] },
      service_threshold: { minSessions: 2 },
      maxRapidGuessPercent: "30",
      ...overrides,
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.terms;
}

const pupil = (id: string, grade: Grade, extra: Partial<StudentRecord> = {}): StudentRecord => ({
  studentId: id,
  schoolId: "A",
  grade,
  gender: "F",
  raceEthnicity: "Hispanic",
  economicallyDisadvantaged: true,
  englishLearner: false,
  specialEducation: false,
  ...extra,
});

const score = (
  id: string,
  window: string,
  date: string,
  scaleScore: string,
  extra: Partial<AssessmentRecord> = {},
): AssessmentRecord => ({
  studentId: id,
  assessment: "MAP Growth",
  subject: "math",
  window,
  testDate: date as IsoDate,
  scaleScore,
  performanceLevel: null,
  percentile: null,
  growthTarget: null,
  rapidGuessPercent: null,
  ...extra,
});

/*
 * S1 served (3 sessions), grade 5: fall 200 on 09-10 then 198 on 09-12 (the later test
 *    wins), growth target 6 on that row, spring 210, next fall 207.
 * S2 enrolled, 1 session (not served), grade 5, both scores: in the comparison pool.
 * S3 not enrolled, grade 6, both scores; its spring row has 50% rapid guessing (above the
 *    contract's 30%), so its outcome is the earlier, valid row 204.
 * S4 not enrolled, grade 7 (not a grade of the contract): left out.
 * S5 not enrolled, grade 5, no scores: left out.
 * S6 served, grade 5, no fall score.
 */
function args(
  overrides: Partial<BuildEvidenceInputArgs> = {},
  terms: Terms = contract(),
  extraTests: readonly AssessmentRecord[] = [],
): BuildEvidenceInputArgs {
  const students = [
    pupil("S1", "5"),
    pupil("S2", "5", { economicallyDisadvantaged: false }),
    pupil("S3", "6", { gender: null }),
    pupil("S4", "7"),
    pupil("S5", "5"),
    pupil("S6", "5"),
  ];
  const assessments = [
    score("S1", "2024-fall", "2024-09-10", "200"),
    score("S1", "2024-fall", "2024-09-12", "198", { growthTarget: "6" }),
    score("S1", "2025-spring", "2025-05-01", "210"),
    score("S1", "2025-fall", "2025-09-15", "207"),
    score("S2", "2024-fall", "2024-09-10", "190"),
    score("S2", "2025-spring", "2025-05-01", "195"),
    score("S3", "2024-fall", "2024-09-10", "201"),
    score("S3", "2025-spring", "2025-05-01", "204"),
    score("S3", "2025-spring", "2025-05-20", "230", { rapidGuessPercent: "50" }),
    score("S4", "2024-fall", "2024-09-10", "220"),
    score("S4", "2025-spring", "2025-05-01", "225"),
    score("S6", "2025-spring", "2025-05-01", "215"),
    ...extraTests,
  ];
  const data = new DataSet([terms]);
  for (const s of students) data.addStudent(s);
  for (const id of ["S1", "S2", "S6"])
    data.addEnrollment({
      contractId: "c1",
      studentId: id,
      enrolledOn: "2024-09-05" as IsoDate,
      exitedOn: null,
    });
  for (const a of assessments) data.addAssessment(a);
  const sessions: [string, number][] = [
    ["S1", 3],
    ["S2", 1],
    ["S6", 2],
  ];
  let n = 0;
  for (const [id, count] of sessions) {
    for (let k = 0; k < count; k++) {
      data.addSession({
        sessionId: `x${n++}`,
        contractId: "c1",
        studentId: id,
        tutorId: "T1",
        sessionDate: `2024-10-0${k + 1}` as IsoDate,
        minutes: 30,
        attended: true,
        groupSize: null,
      });
    }
  }
  const statement = settleContract(terms, data);
  return {
    terms,
    statement,
    students,
    assessments,
    followUpWindow: { name: "nextFall", assessment: "MAP Growth", subject: "math", window: "2025-fall" },
    ...overrides,
  };
}

describe("buildEvidenceInput", () => {
  it("takes served from the statement and the comparison pool from the district's other students", () => {
    const r = buildEvidenceInput(args());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const input = r.input;
    expect(input.windows.baseline.name).toBe("fall");
    expect(input.windows.outcome.name).toBe("spring");
    expect(input.students.map((s) => [s.id, s.served, s.enrolled])).toEqual([
      ["S1", true, true],
      ["S6", true, true],
      ["S2", false, true],
      ["S3", false, false],
    ]);
    const s1 = input.students[0];
    expect(s1?.baseline).toEqual({ score: 198, date: "2024-09-12" });
    expect(s1?.outcome).toEqual({ score: 210, date: "2025-05-01" });
    expect(s1?.followUp).toEqual({ score: 207, date: "2025-09-15" });
    expect(s1?.growthTarget).toBe(6);
    expect(s1?.subgroups).toEqual({
      economicallyDisadvantaged: true,
      englishLearner: false,
      specialEducation: false,
      raceEthnicity: "Hispanic",
      gender: "F",
      school: "A",
    });
    expect(input.students[1]?.baseline).toBeNull();
    expect(input.students[3]?.outcome?.score).toBe(204);
    expect(input.students[3]?.subgroups.gender).toBeNull();
  });

  it("rejects a window the terms do not have, naming it", () => {
    const r = buildEvidenceInput(args({ outcomeWindow: "winter" }));
    expect(r).toEqual({
      ok: false,
      problems: [
        { path: "$.outcomeWindow", code: "unknown-window", message: 'contract c1 has no window "winter"' },
      ],
    });
  });

  it("rejects a statement whose served student is not among the students", () => {
    const a = args();
    const r = buildEvidenceInput({ ...a, students: [...a.students].filter((s) => s.studentId !== "S1") });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]?.code).toBe("unknown-student");
  });
});

describe("buildEvidenceInput with a like-performing population", () => {
  it("keeps out of the pool the students above the contract's baselineMaxScore, in its own window", () => {
    const terms = contract({
      windows: {
        fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
        spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
        screen: { assessment: "MAP Growth", subject: "math", window: "2024-screen" },
      },
      eligibility: { grades: ["5", "6"], baselineMaxScore: { window: "screen", score: "200" } },
    });
    const screens = [
      score("S1", "2024-screen", "2024-08-30", "195"),
      score("S2", "2024-screen", "2024-08-30", "199"),
      score("S3", "2024-screen", "2024-08-30", "205"),
    ];
    const r = buildEvidenceInput(args({}, terms, screens));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // S6 has no screening score: ineligible, so not served, and not in the pool either.
    expect(r.input.students.map((s) => [s.id, s.served])).toEqual([
      ["S1", true],
      ["S2", false],
    ]);
  });
});

describe("metricOutcomesFromStatement", () => {
  it("reads met and not met per student, a missing outcome counting as not met by default", () => {
    const a = args();
    const [growth] = metricOutcomesFromStatement(a.terms, a.statement);
    expect(growth?.metricId).toBe("growth");
    expect([...(growth?.byStudent ?? [])]).toEqual([
      ["S1", true],
      ["S6", false],
    ]);
  });
});
