/**
 * A batch's rejected rows, a page at a time: where each is (line, column and its name, or
 * JSON path), its code and message. The row as read (its cells, or the JSON object) holds
 * students' personal values, so it is given only to an actor who may read student-level
 * data, and that read is audited (`rejects.read`) in the same transaction.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import { SET_FORMAT_IDS } from "../../core/import/import-formats.js";

export interface RejectRow {
  readonly rejectNo: number;
  readonly line: number;
  /** 1-based field number; 0 when the problem concerns the whole row. */
  readonly column: number;
  readonly columnName: string | null;
  readonly path: string | null;
  readonly code: string;
  readonly message: string;
  /** The row as read; present only when `withRecords` was asked. */
  readonly record?: unknown;
}

export interface RejectPage {
  readonly items: readonly RejectRow[];
  /** [line, rejectNo] of the last item when more may follow. */
  readonly nextKey: readonly [number, number] | null;
}

export interface RejectPageRequest {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly batchId: bigint;
  readonly after: readonly [number, number] | null;
  readonly limit: number;
  readonly withRecords: boolean;
}

/** The page, or null when the organization sees no such batch. */
export async function readRejectPage(tx: SqlRunner, request: RejectPageRequest): Promise<RejectPage | null> {
  const { districtId, batchId, after, limit } = request;
  const [batch] = await tx.query<{ format: string }>(
    "SELECT format FROM import_batches WHERE district_id = $1 AND batch_id = $2",
    [districtId, batchId],
  );
  if (batch === undefined) return null;
  // Rejects of a set of files are kept file by file, so their order is the order stored.
  const bySet = SET_FORMAT_IDS.includes(batch.format);
  const rows = await tx.query<{
    reject_no: number;
    source_line: number;
    column_no: number;
    column_name: string | null;
    source_path: string | null;
    code: string;
    message: string;
    record: string | null;
  }>(
    `SELECT reject_no, source_line, column_no, column_name, source_path, code, message,
            ${request.withRecords ? "source_record::text" : "NULL::text"} AS record
       FROM import_rejects
      WHERE district_id = $1 AND batch_id = $2
        AND ($3::integer IS NULL OR ${bySet ? "reject_no > $4::integer" : "(source_line, reject_no) > ($3::integer, $4::integer)"})
      ORDER BY ${bySet ? "reject_no" : "source_line, reject_no"} LIMIT ${limit + 1}`,
    [districtId, batchId, after?.[0] ?? null, after?.[1] ?? null],
  );
  const items = rows.slice(0, limit).map((r): RejectRow => ({
    rejectNo: r.reject_no,
    line: r.source_line,
    column: r.column_no,
    columnName: r.column_name,
    path: r.source_path,
    code: r.code,
    message: r.message,
    ...(request.withRecords ? { record: r.record === null ? null : (JSON.parse(r.record) as unknown) } : {}),
  }));
  if (request.withRecords)
    await appendAudit(
      tx,
      {
        ...actorAudit(
          request.actor,
          "rejects.read",
          { type: "import_batch", id: String(batchId) },
          { batchId: String(batchId), count: items.length },
        ),
        districtId,
      },
      request.at,
    );
  const last = items.at(-1);
  return {
    items,
    nextKey: rows.length > limit && last !== undefined ? [last.line, last.rejectNo] : null,
  };
}
