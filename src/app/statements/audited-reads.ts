/**
 * Reads of a statement that the audit log records, each in one transaction with its
 * entry: the per-student lines (student-level data) and the document as issued (an
 * export). The entry names the statement and counts the lines, never a student.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import type { StatementJson, StudentLineJson } from "../../shared/statement-json.js";
import { readStatementDocument } from "./read-statements.js";

export interface StatementTarget {
  readonly districtId: string;
  readonly contractId: string;
  readonly statementId: bigint;
}

export interface ReadContext {
  readonly actor: Actor;
  readonly at: Date;
}

async function auditedDocument(
  tx: SqlRunner,
  target: StatementTarget,
  context: ReadContext,
  action: string,
): Promise<{ source: string; students: StudentLineJson[] } | null> {
  const source = await readStatementDocument(tx, target.districtId, target.contractId, target.statementId);
  if (source === null) return null;
  const students = (JSON.parse(source) as StatementJson).students;
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId: target.districtId,
      action,
      objectType: "statement",
      objectId: target.statementId.toString(),
      detail: { districtId: target.districtId, contractId: target.contractId, students: students.length },
    },
    context.at,
  );
  return { source, students };
}

/** The statement's per-student lines, or null when the organization does not see it. */
export async function readStatementStudents(
  tx: SqlRunner,
  target: StatementTarget,
  context: ReadContext,
): Promise<StudentLineJson[] | null> {
  return (await auditedDocument(tx, target, context, "statement-students.read"))?.students ?? null;
}

/** The obc-statement/1 document exactly as issued, or null when the organization does not see it. */
export async function exportStatementDocument(
  tx: SqlRunner,
  target: StatementTarget,
  context: ReadContext,
): Promise<string | null> {
  return (await auditedDocument(tx, target, context, "statement.export"))?.source ?? null;
}
