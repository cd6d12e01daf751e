/**
 * The district rows the evidence statistics compare a contract's students with: every
 * student of the district in the grades the contract serves (its eligibility grades, and
 * the grades of its enrolled students), and their test rows in `windows` (those the
 * statistics read: baseline, outcome, the eligibility cut's, a follow-up test).
 * Read with the district's view of its data (src/app/evidence/build-evidence.ts), by the
 * reader settlement uses for its enrolled students (src/app/read-students-and-tests.ts).
 */
import type { SqlRunner } from "../ports/db.js";
import type { AssessmentWindow, Terms } from "../../core/terms/types.js";
import { readStudentsAndTests, type StudentsAndTests } from "../read-students-and-tests.js";

export type ComparisonRows = StudentsAndTests;

export function readComparisonRows(
  tx: SqlRunner,
  districtId: string,
  terms: Terms,
  windows: readonly AssessmentWindow[],
): Promise<ComparisonRows> {
  return readStudentsAndTests(tx, districtId, { kind: "grades", terms }, windows);
}
