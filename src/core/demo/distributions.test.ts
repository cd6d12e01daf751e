import { describe, expect, it } from "vitest";
import { generateDistrict } from "./generate-district.js";
import type { AssessmentRow, SessionRow, StudentRow } from "./rows.js";

// One mid-sized district shared by the tests below: 20,000 students, all eight archetypes.
const district = generateDistrict({ students: 20_000, seed: "distributions", contracts: 8 });
const students: StudentRow[] = Array.from(district.students());
const assessments: AssessmentRow[] = Array.from(district.assessments());
const sessions: SessionRow[] = Array.from(district.sessions());

function share<T>(rows: readonly T[], test: (row: T) => boolean): number {
  return rows.filter(test).length / rows.length;
}

function lowest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}

function highest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), -Infinity);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

describe("synthetic population", () => {
  it("has 10-30 schools and grades weighted toward 3-8", () => {
    expect(district.description.schools.length).toBeGreaterThanOrEqual(10);
    expect(district.description.schools.length).toBeLessThanOrEqual(30);
    expect(share(students, (s) => ["3", "4", "5", "6", "7", "8"].includes(s.grade))).toBeGreaterThan(0.5);
    expect(share(students, (s) => s.grade === "K")).toBeGreaterThan(0.02);
    expect(share(students, (s) => s.grade === "12")).toBeGreaterThan(0.02);
  });

  it("has district-like subgroup rates", () => {
    const ed = share(students, (s) => s.economically_disadvantaged === "true");
    const el = share(students, (s) => s.english_learner === "true");
    const sped = share(students, (s) => s.special_education === "true");
    expect(ed).toBeGreaterThan(0.55);
    expect(ed).toBeLessThan(0.7);
    expect(el).toBeGreaterThan(0.1);
    expect(el).toBeLessThan(0.15);
    expect(sped).toBeGreaterThan(0.12);
    expect(sped).toBeLessThan(0.15);
    expect(new Set(students.map((s) => s.gender)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(students.map((s) => s.race_ethnicity)).size).toBeGreaterThanOrEqual(6);
  });
});

describe("synthetic assessments", () => {
  const fall = assessments.filter((a) => a.window === "2024-fall");

  it("has about four rows per student, some missing, some winter, some re-tests", () => {
    expect(assessments.length / students.length).toBeGreaterThan(3.8);
    expect(assessments.length / students.length).toBeLessThan(4.3);
    expect(assessments.some((a) => a.window === "2025-winter")).toBe(true);
    const keys = assessments.map((a) => `${a.student_id}/${a.subject}/${a.window}`);
    const retests = keys.length - new Set(keys).size;
    expect(retests / keys.length).toBeGreaterThan(0.005);
    expect(retests / keys.length).toBeLessThan(0.05);
  });

  it("has scale scores rising with grade, targets of 4-12 points on fall rows only", () => {
    const mathFall = (grade: string) =>
      mean(
        fall
          .filter((a) => a.subject === "math" && students[Number(a.student_id.slice(1)) - 1]?.grade === grade)
          .map((a) => Number(a.scale_score)),
      );
    expect(mathFall("K")).toBeGreaterThan(130);
    expect(mathFall("K")).toBeLessThan(mathFall("3"));
    expect(mathFall("3")).toBeLessThan(mathFall("8"));
    expect(mathFall("12")).toBeLessThan(260);
    const targets = fall.filter((a) => a.growth_target !== "").map((a) => Number(a.growth_target));
    expect(targets.length / fall.length).toBeGreaterThan(0.95);
    expect(lowest(targets)).toBeGreaterThanOrEqual(3.5);
    expect(highest(targets)).toBeLessThanOrEqual(13);
    expect(assessments.every((a) => a.window === "2024-fall" || a.growth_target === "")).toBe(true);
  });

  it("mostly leaves rapid guessing empty or small, with some tests over 30%", () => {
    const empty = share(assessments, (a) => a.rapid_guess_percent === "");
    const high = share(assessments, (a) => Number(a.rapid_guess_percent) > 30);
    expect(empty).toBeGreaterThan(0.5);
    expect(high).toBeGreaterThan(0.02);
    expect(high).toBeLessThan(0.1);
  });

  it("plants a modest tutoring effect: served students grow more in the tutored subject", () => {
    const attended = new Map<string, number>();
    const mathContracts = new Set(
      district
        .terms()
        .filter((t) => t.windows["fall"]?.subject === "math")
        .map((t) => t.contractId),
    );
    for (const s of sessions) {
      if (s.attended === "true" && mathContracts.has(s.contract_id)) {
        attended.set(s.student_id, (attended.get(s.student_id) ?? 0) + 1);
      }
    }
    const score = new Map<string, number>();
    for (const a of assessments)
      if (a.subject === "math") score.set(`${a.student_id}/${a.window}`, Number(a.scale_score));
    const growth = (served: boolean) =>
      mean(
        students
          .filter((s) => ["6", "7", "8"].includes(s.grade))
          .filter((s) => (served ? (attended.get(s.student_id) ?? 0) >= 25 : !attended.has(s.student_id)))
          .map(
            (s) =>
              (score.get(`${s.student_id}/2025-spring`) ?? NaN) -
              (score.get(`${s.student_id}/2024-fall`) ?? NaN),
          )
          .filter((g) => !Number.isNaN(g)),
      );
    expect(growth(true) - growth(false)).toBeGreaterThan(1);
    expect(growth(true) - growth(false)).toBeLessThan(5);
  });
});

describe("synthetic sessions", () => {
  it("has about 8% no-shows, 15-60 minutes when attended, group sizes 1-4", () => {
    const noShows = share(sessions, (s) => s.attended === "false");
    expect(noShows).toBeGreaterThan(0.06);
    expect(noShows).toBeLessThan(0.1);
    const minutes = sessions.filter((s) => s.attended === "true").map((s) => Number(s.minutes));
    expect(lowest(minutes)).toBe(15);
    expect(highest(minutes)).toBeLessThanOrEqual(60);
    expect(sessions.every((s) => s.group_size === "" || ["1", "2", "3", "4"].includes(s.group_size))).toBe(
      true,
    );
  });

  it("dates nearly all sessions inside 2024-09-03..2025-05-23", () => {
    const outside = share(sessions, (s) => s.session_date < "2024-09-03" || s.session_date > "2025-05-23");
    expect(outside).toBeGreaterThan(0);
    expect(outside).toBeLessThan(0.01);
  });

  it("keeps most students mostly with one tutor, and gives some students very few sessions", () => {
    const byStudent = new Map<string, Map<string, number>>();
    for (const s of sessions) {
      if (s.tutor_id === "") continue;
      const key = `${s.contract_id}/${s.student_id}`;
      const tutors = byStudent.get(key) ?? new Map<string, number>();
      tutors.set(s.tutor_id, (tutors.get(s.tutor_id) ?? 0) + 1);
      byStudent.set(key, tutors);
    }
    const topShare = [...byStudent.values()].map(
      (t) => Math.max(...t.values()) / [...t.values()].reduce((a, b) => a + b),
    );
    expect(share(topShare, (s) => s >= 0.75)).toBeGreaterThan(0.55);
    expect(share(topShare, (s) => s < 0.75)).toBeGreaterThan(0.1);
    const perEnrollment = new Map<string, number>();
    for (const s of sessions)
      perEnrollment.set(
        `${s.contract_id}/${s.student_id}`,
        (perEnrollment.get(`${s.contract_id}/${s.student_id}`) ?? 0) + 1,
      );
    expect(share([...perEnrollment.values()], (n) => n <= 5)).toBeGreaterThan(0.05);
    expect(mean([...perEnrollment.values()])).toBeGreaterThan(25);
  });
});
