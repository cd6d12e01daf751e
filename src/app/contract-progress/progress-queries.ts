/**
 * What a contract's progress reads from the store besides its settlement: the latest
 * import of each kind of data file the organization sees (row-level security narrows it:
 * a vendor sees its own imports).
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { DataFileKind } from "../../core/data/records.js";
import { importFormat } from "../../core/import/import-formats.js";
import type { LatestImport } from "../../core/alerts/data-freshness.js";
import { API_PAYMENT_FORMAT } from "../payments/record-payment.js";
import { API_OBLIGATION_FORMAT } from "../obligations/set-obligation-status.js";

/** The kind of data a batch's format holds; null for a format this version does not know. */
export function batchKind(format: string): DataFileKind | null {
  if (format === API_PAYMENT_FORMAT) return "payments";
  if (format === API_OBLIGATION_FORMAT) return "obligations";
  return importFormat(format)?.kind ?? null;
}

type BatchRaw = { format: string; batch_id: bigint; file_name: string; imported_at: string };

/**
 * The latest visible import of each format of the district; for session logs, the latest
 * that wrote rows of this contract (a session file of another contract says nothing of
 * this one's delivery).
 */
export async function latestImports(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<LatestImport[]> {
  const rows = await tx.query<BatchRaw>(
    `SELECT DISTINCT ON (b.format) b.format, b.batch_id, b.file_name, b.imported_at
       FROM import_batches b
      WHERE b.district_id = $1
        AND (NOT EXISTS (SELECT 1 FROM session_batches s
                          WHERE s.district_id = b.district_id AND s.batch_id = b.batch_id)
             OR EXISTS (SELECT 1 FROM session_batches s
                         WHERE s.district_id = b.district_id AND s.batch_id = b.batch_id
                           AND s.contract_id = $2))
      ORDER BY b.format, b.imported_at DESC, b.batch_id DESC`,
    [districtId, contractId],
  );
  return rows.flatMap((r) => {
    const kind = batchKind(r.format);
    if (kind === null) return [];
    return [
      {
        kind,
        batchId: r.batch_id.toString(),
        fileName: r.file_name,
        importedOn: r.imported_at.slice(0, 10) as IsoDate,
        importedAt: r.imported_at,
      },
    ];
  });
}
