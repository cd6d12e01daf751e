/**
 * Use case: a contract's outcomes, computed from the stored data with the settlement
 * engine (its approved terms, the imported rows, as of a date), so every figure is the
 * one a statement run on the same inputs would give. It reads live data rather than the
 * latest statement: an active contract may have none yet, and subgroup results need the
 * students' fields, which a statement does not carry.
 *
 * It runs under the acting organization's scope: a vendor reads only its own contracts
 * and the students enrolled in them (row-level security), and sees subgroup results with
 * small cells suppressed. The read is student-level data, so it is audited (ids and
 * counts only).
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { loadStoredData } from "../load-stored-data.js";
import { contractVisible } from "../statements/read-statements.js";
import { type IsoDate, minDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import type { StudentRecord } from "../../core/data/records.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";
import { settle } from "../../core/settlement/settle.js";
import { outcomeReport, type OutcomeReport } from "../../core/outcomes/outcome-report.js";

export interface ReadOutcomesRequest {
  readonly districtId: string;
  readonly contractId: string;
  /** Null: the end of the period (everything stored so far, for an active contract). */
  readonly asOf: IsoDate | null;
}

export type ReadOutcomesResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "no-approved-terms" }
  | { readonly kind: "invalid-data"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "ready"; readonly report: OutcomeReport };

async function approvedTerms(tx: SqlRunner, districtId: string, contractId: string): Promise<Terms | null> {
  const [row] = await tx.query<{ version: number; terms_source: string }>(
    `SELECT version, terms_source FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 AND status = 'approved'
      ORDER BY version DESC LIMIT 1`,
    [districtId, contractId],
  );
  if (row === undefined) return null;
  const parsed = parseTerms(JSON.parse(row.terms_source) as unknown);
  // Terms are checked before they are recorded: a stored version that fails is a bug.
  if (!parsed.ok)
    throw new Error(`stored terms of contract ${contractId} version ${row.version} do not parse`);
  return parsed.terms;
}

export async function readOutcomes(
  tx: SqlRunner,
  request: ReadOutcomesRequest,
  context: { readonly actor: Actor; readonly at: Date },
): Promise<ReadOutcomesResult> {
  const { districtId, contractId } = request;
  if (!(await contractVisible(tx, districtId, contractId))) return { kind: "not-found" };
  const terms = await approvedTerms(tx, districtId, contractId);
  if (terms === null) return { kind: "no-approved-terms" };
  const asOf = request.asOf ?? terms.period.end;
  const { data, problems } = await loadStoredData(tx, districtId, [terms], () => asOf);
  if (problems.length > 0) return { kind: "invalid-data", problems };
  const contractData = data.contractData(contractId, terms.period.start, minDate(terms.period.end, asOf));
  const statement = settle(terms, contractData, asOf);
  const students = new Map<string, StudentRecord>(
    contractData.enrollments.map((e) => [e.student.studentId, e.student]),
  );
  const suppressSmallCells = context.actor.orgKind !== "district";
  const report = outcomeReport(terms, statement, students, { suppressSmallCells });
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: "outcomes.read",
      objectType: "contract",
      objectId: contractId,
      detail: {
        districtId,
        contractId,
        asOf,
        students: statement.students.length,
        view: suppressSmallCells ? "suppressed" : "district",
      },
    },
    context.at,
  );
  return { kind: "ready", report };
}
