/**
 * Reads the stored rows that the settlement of some contracts needs into a `DataSet`,
 * through the same `add*` methods (and so the same data-v1 rules) as the offline
 * reading of files, in import order.
 *
 * A stored row that the data set refuses (e.g. a status for an obligation the terms
 * measure from the data) is returned as a problem naming its batch file and line.
 */
import type { SqlRunner } from "./ports/db.js";
import { DataSet } from "../core/data/data-set.js";
import type { RowProblem } from "../core/problem.js";
import type { Terms } from "../core/terms/types.js";
import type { IsoDate } from "../core/date.js";
import { cents } from "../core/money.js";
import { readSessionStats } from "./read-session-stats.js";
import { readStoredRows, type Origin } from "./stored-rows.js";

export interface StoredData {
  readonly data: DataSet;
  readonly problems: readonly RowProblem[];
}

export async function loadStoredData(
  db: SqlRunner,
  districtId: string,
  contracts: readonly Terms[],
  /** The date each contract will be settled as of (sessions are counted up to it). */
  asOf: (terms: Terms) => IsoDate,
): Promise<StoredData> {
  const data = new DataSet(contracts);
  const problems: RowProblem[] = [];
  const refused = (row: Origin, code: string, message: string): void => {
    problems.push({ file: row.file_name, line: row.source_line, column: 0, code, message });
  };
  const [rows] = await Promise.all([
    readStoredRows(db, districtId, contracts),
    readSessionStats(db, districtId, contracts, asOf, data),
  ]);
  for (const s of rows.students) data.addStudent(s);
  for (const e of rows.enrollments) {
    const error = data.addEnrollment({
      contractId: e.contract_id,
      studentId: e.student_id,
      enrolledOn: e.enrolled_on,
      exitedOn: e.exited_on,
    });
    if (error !== null) refused(e, error.code, error.message);
  }
  for (const a of rows.assessments) data.addAssessment(a);
  for (const o of rows.statuses) {
    const error = data.addObligationStatus({
      contractId: o.contract_id,
      obligationId: o.obligation_id,
      status: o.status,
      evidence: o.evidence,
    });
    if (error !== null) refused(o, error.code, error.message);
  }
  for (const p of rows.payments)
    data.addPayment({
      contractId: p.contract_id,
      paidOn: p.paid_on,
      amountCents: cents(p.amount_cents),
      reference: p.reference,
    });
  return { data, problems };
}
