/**
 * The stored rows that settling some contracts reads, one query per table, in import
 * order (batch, then source line): the order in which "the row read last" is decided.
 */
import type { SqlRunner } from "./ports/db.js";
import type { IsoDate } from "../core/date.js";
import type { Grade, Terms } from "../core/terms/types.js";

export type Origin = { readonly file_name: string; readonly source_line: number };

export type StudentRow = {
  student_id: string;
  school_id: string;
  grade: Grade;
  gender: string | null;
  race_ethnicity: string | null;
  economically_disadvantaged: boolean;
  english_learner: boolean;
  special_education: boolean;
};

export type EnrollmentRow = Origin & {
  contract_id: string;
  student_id: string;
  enrolled_on: IsoDate;
  exited_on: IsoDate | null;
};

export type TestRow = {
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
};

export type StatusRow = Origin & {
  contract_id: string;
  obligation_id: string;
  status: "met" | "notMet";
  evidence: string | null;
};

export type PaymentRow = {
  contract_id: string;
  paid_on: IsoDate;
  amount_cents: bigint;
  reference: string | null;
};

export interface StoredRows {
  readonly students: StudentRow[];
  readonly enrollments: EnrollmentRow[];
  readonly tests: TestRow[];
  readonly statuses: StatusRow[];
  readonly payments: PaymentRow[];
}

const CONTRACTS = "(SELECT jsonb_array_elements_text($2::jsonb))";
/**
 * The file a row came from. A vendor may read a district's rows of its contracts but not
 * the district's import batches (row-level security), so under a vendor's scope the batch
 * is named by its number instead. Statements are only run by the district, whose runs
 * always see the file name; the vendor's reads (evidence, progress) do not store rows.
 */
const FILE_NAME = "COALESCE(b.file_name, 'import batch ' || batch_id) AS file_name";
const ENROLLED = `(SELECT DISTINCT student_id FROM enrollments WHERE district_id = $1 AND contract_id IN ${CONTRACTS})`;

/** Reads the tables at once: on a server the queries run on several of the pool's connections. */
export async function readStoredRows(
  db: SqlRunner,
  districtId: string,
  contracts: readonly Terms[],
): Promise<StoredRows> {
  const ids = JSON.stringify(contracts.map((t) => t.contractId));
  // Only the tests of the windows the contracts name (the data set keeps no other; it
  // compares subjects case-insensitively itself, as SQL's lower() depends on the locale).
  const windows = JSON.stringify(contracts.flatMap((t) => t.windows.map((w) => [w.assessment, w.window])));
  const [students, enrollments, tests, statuses, payments] = await Promise.all([
    db.query<StudentRow>(
      `SELECT student_id, school_id, grade, gender, race_ethnicity,
              economically_disadvantaged, english_learner, special_education
         FROM students WHERE district_id = $1 AND student_id IN ${ENROLLED}`,
      [districtId, ids],
    ),
    db.query<EnrollmentRow>(
      `SELECT e.contract_id, e.student_id, e.enrolled_on, e.exited_on, ${FILE_NAME}, e.source_line
         FROM enrollments e LEFT JOIN import_batches b USING (district_id, batch_id)
        WHERE e.district_id = $1 AND e.contract_id IN ${CONTRACTS}
        ORDER BY e.batch_id, e.source_line`,
      [districtId, ids],
    ),
    db.query<TestRow>(
      `SELECT student_id, assessment, subject, "window", test_date, scale_score::text AS scale_score,
              performance_level, percentile, growth_target::text AS growth_target,
              rapid_guess_percent::text AS rapid_guess_percent
         FROM assessment_results
        WHERE district_id = $1 AND student_id IN ${ENROLLED}
          AND (assessment, "window") IN (SELECT x->>0, x->>1 FROM jsonb_array_elements($3::jsonb) AS x)
        ORDER BY batch_id, source_line`,
      [districtId, ids, windows],
    ),
    db.query<StatusRow>(
      `SELECT o.contract_id, o.obligation_id, o.status, o.evidence, ${FILE_NAME}, o.source_line
         FROM obligation_statuses o LEFT JOIN import_batches b USING (district_id, batch_id)
        WHERE o.district_id = $1 AND o.contract_id IN ${CONTRACTS}
        ORDER BY o.batch_id, o.source_line`,
      [districtId, ids],
    ),
    db.query<PaymentRow>(
      `SELECT contract_id, paid_on, amount_cents, reference FROM payments
        WHERE district_id = $1 AND contract_id IN ${CONTRACTS}
        ORDER BY batch_id, source_line`,
      [districtId, ids],
    ),
  ]);
  return { students, enrollments, tests, statuses, payments };
}
