/**
 * The stored rows that settling some contracts reads, one query per table, in import
 * order (batch, then source line): the order in which "the row read last" is decided.
 * The contracts' enrolled students and their test rows come from the shared reader
 * (`read-students-and-tests.ts`), as records.
 */
import type { SqlRunner } from "./ports/db.js";
import type { AssessmentRecord, StudentRecord } from "../core/data/records.js";
import type { IsoDate } from "../core/date.js";
import type { Terms } from "../core/terms/types.js";
import { readStudentsAndTests } from "./read-students-and-tests.js";

export type Origin = { readonly file_name: string; readonly source_line: number };

export type EnrollmentRow = Origin & {
  contract_id: string;
  student_id: string;
  enrolled_on: IsoDate;
  exited_on: IsoDate | null;
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
  readonly students: StudentRecord[];
  readonly enrollments: EnrollmentRow[];
  readonly assessments: AssessmentRecord[];
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

/** Reads the tables at once: on a server the queries run on several of the pool's connections. */
export async function readStoredRows(
  db: SqlRunner,
  districtId: string,
  contracts: readonly Terms[],
): Promise<StoredRows> {
  const ids = JSON.stringify(contracts.map((t) => t.contractId));
  const [{ students, assessments }, enrollments, statuses, payments] = await Promise.all([
    readStudentsAndTests(
      db,
      districtId,
      { kind: "enrolled", contractIds: contracts.map((t) => t.contractId) },
      contracts.flatMap((t) => t.windows),
    ),
    db.query<EnrollmentRow>(
      `SELECT e.contract_id, e.student_id, e.enrolled_on, e.exited_on, ${FILE_NAME}, e.source_line
         FROM enrollments e LEFT JOIN import_batches b USING (district_id, batch_id)
        WHERE e.district_id = $1 AND e.contract_id IN ${CONTRACTS}
        ORDER BY e.batch_id, e.source_line`,
      [districtId, ids],
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
  return { students, enrollments, assessments, statuses, payments };
}
