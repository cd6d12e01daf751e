/**
 * A district's import batches, newest first, a page at a time, as the acting organization
 * sees them (row-level security: a district sees every batch of its district, a vendor
 * only the batches it imported).
 */
import type { SqlRunner } from "../ports/db.js";

export interface BatchRow {
  readonly batchId: bigint;
  readonly fileName: string;
  readonly format: string;
  readonly importedAt: string;
  /** The user or API token id (or the CLI's operator) that imported it. */
  readonly importedBy: string;
  /** The importing user's display name; null when not a user (the CLI, the API payment route). */
  readonly importedByName: string | null;
  /** The organization that imported it; null for batches imported with the CLI. */
  readonly organizationId: string | null;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
}

export interface BatchPage {
  readonly items: readonly BatchRow[];
  /** The batch id of the last item when more may follow. */
  readonly nextKey: bigint | null;
}

type Raw = {
  batch_id: bigint;
  file_name: string;
  format: string;
  imported_at: string;
  imported_by: string;
  imported_by_name: string | null;
  organization_id: string | null;
  rows_accepted: number;
  rows_rejected: number;
  rows_unchanged: number;
  rows_replaced: number;
};

/** Batches of `districtId` with ids below `before` (all when null), at most `limit`. */
export async function listBatches(
  tx: SqlRunner,
  districtId: string,
  options: { readonly before: bigint | null; readonly limit: number },
): Promise<BatchPage> {
  const rows = await tx.query<Raw>(
    `SELECT batch_id, file_name, format, imported_at, imported_by, organization_id,
            (SELECT u.display_name FROM users u WHERE u.user_id = imported_by) AS imported_by_name,
            rows_accepted, rows_rejected, rows_unchanged, rows_replaced
       FROM import_batches
      WHERE district_id = $1 AND ($2::bigint IS NULL OR batch_id < $2::bigint)
      ORDER BY batch_id DESC LIMIT ${options.limit + 1}`,
    [districtId, options.before],
  );
  const items = rows.slice(0, options.limit).map((r): BatchRow => ({
    batchId: r.batch_id,
    fileName: r.file_name,
    format: r.format,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    importedByName: r.imported_by_name,
    organizationId: r.organization_id,
    accepted: r.rows_accepted,
    rejected: r.rows_rejected,
    unchanged: r.rows_unchanged,
    replaced: r.rows_replaced,
  }));
  const last = items.at(-1);
  return { items, nextKey: rows.length > options.limit && last !== undefined ? last.batchId : null };
}
