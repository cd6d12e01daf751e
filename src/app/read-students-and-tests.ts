/**
 * Stored students and their test rows in some windows, as the records the core reads.
 * The one reader of these two tables for settlement (`stored-rows.ts`: the contracts'
 * enrolled students) and for the evidence statistics (`evidence/read-comparison-rows.ts`:
 * every district student in the grades a contract serves). Test rows come in import order
 * (batch, then source line), the order in which "the row read last" is decided; students
 * by id.
 */
import type { SqlRunner } from "./ports/db.js";
import type { AssessmentRecord, StudentRecord } from "../core/data/records.js";
import type { IsoDate } from "../core/date.js";
import type { AssessmentWindow, Grade, Terms } from "../core/terms/types.js";

/** Which students: those enrolled in any of some contracts, or those in the grades a contract serves. */
export type StudentSelection =
  | { readonly kind: "enrolled"; readonly contractIds: readonly string[] }
  | { readonly kind: "grades"; readonly terms: Terms };

export interface StudentsAndTests {
  readonly students: StudentRecord[];
  readonly assessments: AssessmentRecord[];
}

/**
 * Each row comes as one JSON array in one text column, parsed here: a district's hundreds
 * of thousands of test rows cost one field each to receive instead of ten (PGlite decodes
 * every field of every row, and the driver builds an object per row), and JSON keeps
 * nulls and the decimal texts exact. Numbers are read as text (`::text`); dates are
 * written by JSON as YYYY-MM-DD whatever the server's DateStyle.
 */
type JsonRow = { r: string };

type StudentTuple = [
  studentId: string,
  schoolId: string,
  grade: Grade,
  gender: string | null,
  raceEthnicity: string | null,
  economicallyDisadvantaged: boolean,
  englishLearner: boolean,
  specialEducation: boolean,
];

type TestTuple = [
  studentId: string,
  assessment: string,
  subject: string,
  window: string,
  testDate: IsoDate,
  scaleScore: string,
  performanceLevel: number | null,
  percentile: number | null,
  growthTarget: string | null,
  rapidGuessPercent: string | null,
];

/**
 * The selected student ids as a subquery of `$1` (the district) and `$2` (the selection's
 * one JSON parameter). Grades served: the terms' eligibility grades and the grades of the
 * contract's enrolled students.
 */
function selection(chosen: StudentSelection): { sql: string; param: string } {
  if (chosen.kind === "enrolled")
    return {
      sql: `(SELECT DISTINCT student_id FROM enrollments
              WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb)))`,
      param: JSON.stringify(chosen.contractIds),
    };
  return {
    sql: `(SELECT student_id FROM students
            WHERE district_id = $1
              AND grade IN (SELECT jsonb_array_elements_text($2::jsonb->'grades')
                            UNION SELECT s.grade FROM students s JOIN enrollments e USING (district_id, student_id)
                                   WHERE e.district_id = $1 AND e.contract_id = $2::jsonb->>'contractId'))`,
    param: JSON.stringify({
      grades: chosen.terms.eligibility.grades ?? [],
      contractId: chosen.terms.contractId,
    }),
  };
}

/** Reads both tables at once: on a server the queries run on two of the pool's connections. */
export async function readStudentsAndTests(
  db: SqlRunner,
  districtId: string,
  chosen: StudentSelection,
  windows: readonly Pick<AssessmentWindow, "assessment" | "window">[],
): Promise<StudentsAndTests> {
  const { sql, param } = selection(chosen);
  // Only the tests of the windows named (the data set keeps no other; it compares
  // subjects case-insensitively itself, as SQL's lower() depends on the locale).
  const wanted = JSON.stringify(windows.map((w) => [w.assessment, w.window]));
  const [students, tests] = await Promise.all([
    db.query<JsonRow>(
      `SELECT json_build_array(student_id, school_id, grade, gender, race_ethnicity,
              economically_disadvantaged, english_learner, special_education)::text AS r
         FROM students WHERE district_id = $1 AND student_id IN ${sql}
        ORDER BY student_id`,
      [districtId, param],
    ),
    db.query<JsonRow>(
      `SELECT json_build_array(student_id, assessment, subject, "window", test_date,
              scale_score::text, performance_level, percentile, growth_target::text,
              rapid_guess_percent::text)::text AS r
         FROM assessment_results
        WHERE district_id = $1 AND student_id IN ${sql}
          AND (assessment, "window") IN (SELECT x->>0, x->>1 FROM jsonb_array_elements($3::jsonb) AS x)
        ORDER BY batch_id, source_line`,
      [districtId, param, wanted],
    ),
  ]);
  return {
    students: students.map((row) => {
      const s = JSON.parse(row.r) as StudentTuple;
      return {
        studentId: s[0],
        schoolId: s[1],
        grade: s[2],
        gender: s[3],
        raceEthnicity: s[4],
        economicallyDisadvantaged: s[5],
        englishLearner: s[6],
        specialEducation: s[7],
      };
    }),
    assessments: tests.map((row) => {
      const a = JSON.parse(row.r) as TestTuple;
      return {
        studentId: a[0],
        assessment: a[1],
        subject: a[2],
        window: a[3],
        testDate: a[4],
        scaleScore: a[5],
        performanceLevel: a[6],
        percentile: a[7],
        growthTarget: a[8],
        rapidGuessPercent: a[9],
      };
    }),
  };
}
