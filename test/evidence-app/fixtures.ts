/**
 * Small in-memory contracts for the evidence tests: terms from test/scenario.ts parsed by
 * the real parser, and records fed to a real DataSet (no files, no store).
 */
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import type { Terms, Grade } from "../../src/core/terms/types.js";
import { DataSet } from "../../src/core/data/data-set.js";
import type { AssessmentRecord, EnrollmentRecord, StudentRecord } from "../../src/core/data/records.js";
import type { IsoDate } from "../../src/core/date.js";
import { terms as termsDoc, type TermsDoc } from "../scenario.js";

export function parsed(overrides: TermsDoc = {}): Terms {
  const result = parseTerms(termsDoc(overrides));
  if (!result.ok) throw new Error(`test terms invalid: ${JSON.stringify(result.problems)}`);
  return result.terms;
}

export function student(id: string, grade: Grade = "5", flags: Partial<StudentRecord> = {}): StudentRecord {
  return {
    studentId: id,
    schoolId: "A",
    grade,
    gender: null,
    raceEthnicity: null,
    economicallyDisadvantaged: false,
    englishLearner: false,
    specialEducation: false,
    ...flags,
  };
}

export function enrollment(id: string, enrolledOn = "2024-09-05", contractId = "c1"): EnrollmentRecord {
  return { contractId, studentId: id, enrolledOn: enrolledOn as IsoDate, exitedOn: null };
}

export function test(
  id: string,
  window: string,
  testDate: string,
  score: string,
  extra: Partial<AssessmentRecord> = {},
): AssessmentRecord {
  return {
    studentId: id,
    assessment: "MAP Growth",
    subject: "math",
    window,
    testDate: testDate as IsoDate,
    scaleScore: score,
    performanceLevel: 1,
    percentile: null,
    growthTarget: null,
    rapidGuessPercent: null,
    ...extra,
  };
}

export interface Population {
  readonly students: readonly StudentRecord[];
  readonly tests: readonly AssessmentRecord[];
  /** Attended sessions per student: [student, count, minutes each, date of the first]. */
  readonly sessions?: readonly (readonly [string, number, number?, string?])[];
}

/** A DataSet of `terms` holding the population, every student enrolled in the contract. */
export function dataSet(terms: Terms, population: Population): DataSet {
  const data = new DataSet([terms]);
  for (const s of population.students) data.addStudent(s);
  for (const s of population.students)
    data.addEnrollment(enrollment(s.studentId, "2024-09-05", terms.contractId));
  for (const t of population.tests) data.addAssessment(t);
  let n = 0;
  for (const [id, count, minutes = 30, first = "2024-10-01"] of population.sessions ?? []) {
    for (let k = 0; k < count; k++) {
      const day = Number(first.slice(8, 10)) + k;
      const date = `${first.slice(0, 8)}${String(((day - 1) % 28) + 1).padStart(2, "0")}` as IsoDate;
      data.addSession({
        sessionId: `x${n++}`,
        contractId: terms.contractId,
        studentId: id,
        tutorId: "T1",
        sessionDate: date,
        minutes,
        attended: true,
        groupSize: null,
      });
    }
  }
  return data;
}
