/**
 * A batch's rejected rows as a table to fix and import again, as `accord rejects` writes
 * it: a CSV file's rows in its own header layout plus a reason column; a JSON source's or
 * a set's as a reason and the record. The export is audited (`rejects.export`) in the
 * same transaction: it holds the rows as the district sent them.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import { batchRejects, rejectsTable } from "../import-batches.js";

export interface RejectsExport {
  /** The header row first. */
  readonly table: readonly (readonly string[])[];
}

/** The table, or null when the organization sees no such batch. */
export async function exportRejects(
  tx: SqlRunner,
  request: {
    readonly actor: Actor;
    readonly at: Date;
    readonly districtId: string;
    readonly batchId: bigint;
  },
): Promise<RejectsExport | null> {
  const { districtId, batchId } = request;
  const rejects = await batchRejects(tx, districtId, batchId);
  if (rejects === null) return null;
  await appendAudit(
    tx,
    {
      ...actorAudit(
        request.actor,
        "rejects.export",
        { type: "import_batch", id: String(batchId) },
        { batchId: String(batchId), rows: rejects.rows.length },
      ),
      districtId,
    },
    request.at,
  );
  return { table: rejectsTable(rejects) };
}
