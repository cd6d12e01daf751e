/**
 * Reading import batches back: a district's batches with their counts, and a batch's
 * rejected rows as a table to fix and re-import. A CSV source's rejects come back in the
 * file's own header layout (a vendor export in the vendor's) plus a reason column; a
 * source without one header (Ed-Fi JSON, a OneRoster set) as a reason and the record.
 */
import type { SqlRunner } from "./ports/db.js";
import { SET_FORMAT_IDS } from "../core/import/import-formats.js";

export interface BatchSummary {
  readonly batchId: bigint;
  readonly fileName: string;
  readonly format: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
}

export async function listImportBatches(db: SqlRunner, districtId: string): Promise<BatchSummary[]> {
  const rows = await db.query<{
    batch_id: bigint;
    file_name: string;
    format: string;
    imported_at: string;
    imported_by: string;
    rows_accepted: number;
    rows_rejected: number;
    rows_unchanged: number;
    rows_replaced: number;
  }>(
    `SELECT batch_id, file_name, format, imported_at, imported_by,
            rows_accepted, rows_rejected, rows_unchanged, rows_replaced
       FROM import_batches WHERE district_id = $1 ORDER BY batch_id`,
    [districtId],
  );
  return rows.map((r) => ({
    batchId: r.batch_id,
    fileName: r.file_name,
    format: r.format,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    accepted: r.rows_accepted,
    rejected: r.rows_rejected,
    unchanged: r.rows_unchanged,
    replaced: r.rows_replaced,
  }));
}

export interface RejectedRow {
  readonly line: number;
  readonly column: number;
  /** The JSON path of the offending value (JSON sources), else null. */
  readonly path: string | null;
  readonly code: string;
  readonly message: string;
  /** The row as read: the cells of a CSV row, a JSON object; null when it could not be read at all. */
  readonly record: unknown;
}

export interface BatchRejects {
  readonly fileName: string;
  /** The CSV header of the source; null for JSON and sets of files. */
  readonly header: string[] | null;
  readonly rows: RejectedRow[];
}

/** The rejected rows of a batch in line order, with the file's header; null when there is no such batch. */
export async function batchRejects(
  db: SqlRunner,
  districtId: string,
  batchId: bigint,
): Promise<BatchRejects | null> {
  const [batch] = await db.query<{ file_name: string; format: string; header: string | null }>(
    `SELECT file_name, format, source_header::text AS header FROM import_batches
      WHERE district_id = $1 AND batch_id = $2`,
    [districtId, batchId],
  );
  if (batch === undefined) return null;
  // The rejects of a set of files are stored file by file, each in line order.
  const order = SET_FORMAT_IDS.includes(batch.format) ? "reject_no" : "source_line, reject_no";
  const rows = await db.query<{
    source_line: number;
    column_no: number;
    source_path: string | null;
    code: string;
    message: string;
    record: string | null;
  }>(
    `SELECT source_line, column_no, source_path, code, message, source_record::text AS record
       FROM import_rejects WHERE district_id = $1 AND batch_id = $2 ORDER BY ${order}`,
    [districtId, batchId],
  );
  return {
    fileName: batch.file_name,
    header: batch.header === null ? null : (JSON.parse(batch.header) as string[]),
    rows: rows.map((r) => ({
      line: r.source_line,
      column: r.column_no,
      path: r.source_path,
      code: r.code,
      message: r.message,
      record: r.record === null ? null : (JSON.parse(r.record) as unknown),
    })),
  };
}

const reason = (r: RejectedRow): string => `line ${r.line}, column ${r.column}: ${r.code}: ${r.message}`;

/** Without a header: the line, and the JSON path or the column when there is one. */
const placeReason = (r: RejectedRow): string => {
  const place = r.path ?? (r.column > 0 ? `column ${r.column}` : null);
  return `line ${r.line}${place === null ? "" : `, ${place}`}: ${r.code}: ${r.message}`;
};

/**
 * The rejects as CSV rows. With a header: the file's layout plus a `reason` column, for
 * the district to fix the rows and import the file again. Without one: `reason` and
 * `record` (the JSON object, or the cells as a JSON array).
 */
export function rejectsTable(rejects: BatchRejects): string[][] {
  if (rejects.header === null) {
    return [
      ["reason", "record"],
      ...rejects.rows.map((r) => [placeReason(r), r.record === null ? "" : JSON.stringify(r.record)]),
    ];
  }
  const width = rejects.header.length;
  const table = [[...rejects.header, "reason"]];
  for (const r of rejects.rows) {
    const cells = Array.isArray(r.record) ? r.record.map(String) : [];
    while (cells.length < width) cells.push("");
    cells.push(reason(r));
    table.push(cells);
  }
  return table;
}
