/**
 * The district rows the evidence statistics compare a contract's students with: every
 * student of the district in the grades the contract serves (its eligibility grades, and
 * the grades of its enrolled students), and their test rows in `windows` (those the
 * statistics read: baseline, outcome, the eligibility cut's, a follow-up test).
 * Read with the district's view of its data (src/app/evidence/build-evidence.ts).
 */
import type { SqlRunner } from "../ports/db.js";
import type { AssessmentRecord, StudentRecord } from "../../core/data/records.js";
import type { AssessmentWindow, Terms } from "../../core/terms/types.js";
import type { StudentRow, TestRow } from "../stored-rows.js";

export interface ComparisonRows {
  readonly students: StudentRecord[];
  readonly assessments: AssessmentRecord[];
}

const GRADES = `(SELECT jsonb_array_elements_text($3::jsonb)
                 UNION SELECT s.grade FROM students s JOIN enrollments e USING (district_id, student_id)
                        WHERE e.district_id = $1 AND e.contract_id = $2)`;

export async function readComparisonRows(
  tx: SqlRunner,
  districtId: string,
  terms: Terms,
  windows: readonly AssessmentWindow[],
): Promise<ComparisonRows> {
  const grades = JSON.stringify(terms.eligibility.grades ?? []);
  const wanted = JSON.stringify(windows.map((w) => [w.assessment, w.window]));
  const [students, tests] = await Promise.all([
    tx.query<StudentRow>(
      `SELECT student_id, school_id, grade, gender, race_ethnicity,
              economically_disadvantaged, english_learner, special_education
         FROM students WHERE district_id = $1 AND grade IN ${GRADES}
        ORDER BY student_id`,
      [districtId, terms.contractId, grades],
    ),
    tx.query<TestRow>(
      `SELECT a.student_id, a.assessment, a.subject, a."window", a.test_date, a.scale_score::text AS scale_score,
              a.performance_level, a.percentile, a.growth_target::text AS growth_target,
              a.rapid_guess_percent::text AS rapid_guess_percent
         FROM assessment_results a JOIN students s USING (district_id, student_id)
        WHERE a.district_id = $1 AND s.grade IN ${GRADES}
          AND (a.assessment, a."window") IN (SELECT x->>0, x->>1 FROM jsonb_array_elements($4::jsonb) AS x)
        ORDER BY a.batch_id, a.source_line`,
      [districtId, terms.contractId, grades, wanted],
    ),
  ]);
  return {
    students: students.map((s) => ({
      studentId: s.student_id,
      schoolId: s.school_id,
      grade: s.grade,
      gender: s.gender,
      raceEthnicity: s.race_ethnicity,
      economicallyDisadvantaged: s.economically_disadvantaged,
      englishLearner: s.english_learner,
      specialEducation: s.special_education,
    })),
    assessments: tests.map((a) => ({
      studentId: a.student_id,
      assessment: a.assessment,
      subject: a.subject,
      window: a.window,
      testDate: a.test_date,
      scaleScore: a.scale_score,
      performanceLevel: a.performance_level,
      percentile: a.percentile,
      growthTarget: a.growth_target,
      rapidGuessPercent: a.rapid_guess_percent,
    })),
  };
}
