/**
 * Reads the stored rows that the settlement of some contracts needs into a `DataSet`,
 * through the same `add*` methods (and so the same data-v1 rules) as the offline
 * reading of files. Rows come in import order (batch, then source line): the order in
 * which "the row read last" is decided.
 *
 * A stored row that the data set refuses (e.g. a status for an obligation the terms
 * measure from the data) is returned as a problem naming its batch file and line.
 */
import type { SqlRunner } from "./ports/db.js";
import { DataSet } from "../core/data/data-set.js";
import type { RowProblem } from "../core/problem.js";
import type { Terms } from "../core/terms/types.js";
import type { IsoDate } from "../core/date.js";
import type { Grade } from "../core/terms/types.js";
import { cents } from "../core/money.js";
import { readSessionStats } from "./read-session-stats.js";

export interface StoredData {
  readonly data: DataSet;
  readonly problems: readonly RowProblem[];
}

type Origin = {
  readonly file_name: string;
  readonly source_line: number;
};

export async function loadStoredData(
  db: SqlRunner,
  districtId: string,
  contracts: readonly Terms[],
): Promise<StoredData> {
  const data = new DataSet(contracts);
  const problems: RowProblem[] = [];
  const ids = JSON.stringify(contracts.map((t) => t.contractId));
  const refused = (row: Origin, code: string, message: string): void => {
    problems.push({ file: row.file_name, line: row.source_line, column: 0, code, message });
  };
  const enrolled = `SELECT DISTINCT student_id FROM enrollments
     WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))`;

  const students = await db.query<{
    student_id: string;
    school_id: string;
    grade: Grade;
    gender: string | null;
    race_ethnicity: string | null;
    economically_disadvantaged: boolean;
    english_learner: boolean;
    special_education: boolean;
  }>(
    `SELECT student_id, school_id, grade, gender, race_ethnicity,
            economically_disadvantaged, english_learner, special_education
       FROM students WHERE district_id = $1 AND student_id IN (${enrolled})`,
    [districtId, ids],
  );
  for (const s of students)
    data.addStudent({
      studentId: s.student_id,
      schoolId: s.school_id,
      grade: s.grade,
      gender: s.gender,
      raceEthnicity: s.race_ethnicity,
      economicallyDisadvantaged: s.economically_disadvantaged,
      englishLearner: s.english_learner,
      specialEducation: s.special_education,
    });

  const enrollments = await db.query<
    Origin & { contract_id: string; student_id: string; enrolled_on: IsoDate; exited_on: IsoDate | null }
  >(
    `SELECT e.contract_id, e.student_id, e.enrolled_on, e.exited_on, b.file_name, e.source_line
       FROM enrollments e JOIN import_batches b USING (district_id, batch_id)
      WHERE e.district_id = $1 AND e.contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))
      ORDER BY e.batch_id, e.source_line`,
    [districtId, ids],
  );
  for (const e of enrollments) {
    const error = data.addEnrollment({
      contractId: e.contract_id,
      studentId: e.student_id,
      enrolledOn: e.enrolled_on,
      exitedOn: e.exited_on,
    });
    if (error !== null) refused(e, error.code, error.message);
  }

  const tests = await db.query<{
    student_id: string;
    assessment: string;
    subject: string;
    window: string;
    test_date: IsoDate;
    scale_score: string;
    performance_level: number | null;
    percentile: number | null;
    growth_target: string | null;
    rapid_guess_percent: string | null;
  }>(
    `SELECT student_id, assessment, subject, "window", test_date, scale_score::text AS scale_score,
            performance_level, percentile, growth_target::text AS growth_target,
            rapid_guess_percent::text AS rapid_guess_percent
       FROM assessment_results WHERE district_id = $1 AND student_id IN (${enrolled})
      ORDER BY batch_id, source_line`,
    [districtId, ids],
  );
  for (const a of tests)
    data.addAssessment({
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
    });

  await readSessionStats(db, districtId, contracts, data);

  const statuses = await db.query<
    Origin & { contract_id: string; obligation_id: string; status: "met" | "notMet"; evidence: string | null }
  >(
    `SELECT o.contract_id, o.obligation_id, o.status, o.evidence, b.file_name, o.source_line
       FROM obligation_statuses o JOIN import_batches b USING (district_id, batch_id)
      WHERE o.district_id = $1 AND o.contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))
      ORDER BY o.batch_id, o.source_line`,
    [districtId, ids],
  );
  for (const o of statuses) {
    const error = data.addObligationStatus({
      contractId: o.contract_id,
      obligationId: o.obligation_id,
      status: o.status,
      evidence: o.evidence,
    });
    if (error !== null) refused(o, error.code, error.message);
  }

  const payments = await db.query<{
    contract_id: string;
    paid_on: IsoDate;
    amount_cents: bigint;
    reference: string | null;
  }>(
    `SELECT contract_id, paid_on, amount_cents, reference FROM payments
      WHERE district_id = $1 AND contract_id IN (SELECT jsonb_array_elements_text($2::jsonb))
      ORDER BY batch_id, source_line`,
    [districtId, ids],
  );
  for (const p of payments)
    data.addPayment({
      contractId: p.contract_id,
      paidOn: p.paid_on,
      amountCents: cents(p.amount_cents),
      reference: p.reference,
    });
  return { data, problems };
}
