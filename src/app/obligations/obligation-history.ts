/**
 * The status history of obligations (obligation_status_history): one entry for every
 * change of a stored status, appended in the transaction that makes it, never changed
 * afterwards. A manual change through the API is `manual`; a row of an obligations file
 * that differs from the stored status is `import` (an identical row changes nothing, so
 * it adds nothing). Each entry names its batch, who recorded it and when.
 */
import type { SqlRunner } from "../ports/db.js";

export interface StatusHistoryEntry {
  readonly entryId: bigint;
  readonly status: "met" | "notMet";
  readonly evidence: string | null;
  readonly source: "manual" | "import";
  readonly batchId: bigint;
  readonly recordedBy: string;
  /** The display name of the user who recorded it, null for an API token. */
  readonly recordedByName: string | null;
  readonly recordedAt: string;
}

/**
 * Appends an entry for each status row that batch `batchId` wrote at `lines` (the rows
 * the batch inserted or replaced: the upsert leaves identical rows with their earlier
 * batch). Who and when are the batch's.
 */
export async function appendStatusHistory(
  tx: SqlRunner,
  districtId: string,
  batchId: bigint,
  lines: readonly number[],
  source: "manual" | "import",
): Promise<void> {
  if (lines.length === 0) return;
  await tx.query(
    `INSERT INTO obligation_status_history (district_id, contract_id, obligation_id, status, evidence, source,
                                            batch_id, source_line, recorded_by, recorded_at)
     SELECT o.district_id, o.contract_id, o.obligation_id, o.status, o.evidence, $4, o.batch_id, o.source_line,
            b.imported_by, b.imported_at
       FROM obligation_statuses o JOIN import_batches b USING (district_id, batch_id)
      WHERE o.district_id = $1 AND o.batch_id = $2 AND o.source_line = ANY ($3::int[])
      ORDER BY o.source_line`,
    [districtId, batchId, `{${lines.join(",")}}`, source],
  );
}

/** Every obligation's history within a contract, newest first, by obligation id. */
export async function readStatusHistory(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<ReadonlyMap<string, readonly StatusHistoryEntry[]>> {
  const rows = await tx.query<{
    obligation_id: string;
    entry_id: bigint;
    status: "met" | "notMet";
    evidence: string | null;
    source: "manual" | "import";
    batch_id: bigint;
    recorded_by: string;
    recorded_by_name: string | null;
    recorded_at: string;
  }>(
    `SELECT obligation_id, entry_id, status, evidence, source, batch_id, recorded_by, recorded_at,
            (SELECT u.display_name FROM users u WHERE u.user_id = h.recorded_by) AS recorded_by_name
       FROM obligation_status_history h WHERE district_id = $1 AND contract_id = $2
      ORDER BY entry_id DESC`,
    [districtId, contractId],
  );
  const byObligation = new Map<string, StatusHistoryEntry[]>();
  for (const r of rows) {
    const entries = byObligation.get(r.obligation_id) ?? [];
    entries.push({
      entryId: r.entry_id,
      status: r.status,
      evidence: r.evidence,
      source: r.source,
      batchId: r.batch_id,
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by_name,
      recordedAt: r.recorded_at,
    });
    byObligation.set(r.obligation_id, entries);
  }
  return byObligation;
}
