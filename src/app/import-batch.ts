/**
 * Imports one source (a canonical file, a vendor export, Ed-Fi JSON, a OneRoster set)
 * into the store as one batch, in one transaction:
 *
 * - a source whose SHA-256 the district already imported is a no-op ("unchanged");
 * - the source is opened (its header read and its format told); a source that cannot be
 *   imported at all (no header, missing columns, an unknown --contract) is refused
 *   whole, and so is one that fails half-way (a broken JSON array): nothing is kept;
 * - the batch records the source's format and header; its rows are written and its
 *   rejects stored by `BatchRows`, and the batch's counts set at the end.
 *
 * Nothing is logged here; messages hold ids and codes only.
 */
import type { Db, SqlRunner } from "./ports/db.js";
import type { ImportSource, OpenSource } from "./ports/import.js";
import type { RowProblem } from "../core/problem.js";
import { BatchRows, type ImportCounts } from "./import-rows.js";

export type { ImportCounts };

export interface ImportProgress {
  /** Source rows read so far. */
  readonly rows: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export interface ImportOptions {
  readonly districtId: string;
  readonly importedBy: string;
  /**
   * The organization importing, recorded in the batch (null for the operator's CLI). Under
   * row-level security (scopedDb) it must be the acting organization: a batch is written
   * in its importer's name.
   */
  readonly organizationId?: string | null;
  /**
   * Runs in the batch's transaction once its rows are written (the server's audit entry),
   * so that an entry is kept exactly when the batch is.
   */
  readonly beforeCommit?: (tx: SqlRunner, result: ImportedBatch) => Promise<void>;
  /** Rows per INSERT statement (default 1,000). */
  readonly chunkRows?: number;
  /** Called after each chunk of rows. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

export type ImportedBatch = {
  readonly kind: "imported";
  readonly file: string;
  readonly format: string;
  readonly batchId: bigint;
  /** What the source had to say (counts of defaults applied), never personal values. */
  readonly notes: readonly string[];
} & ImportCounts;

export type ImportResult =
  | ImportedBatch
  | { readonly kind: "unchanged"; readonly file: string; readonly batchId: bigint; readonly format: string }
  | { readonly kind: "invalid"; readonly file: string; readonly problems: readonly RowProblem[] };

class InvalidSource extends Error {
  constructor(readonly problems: readonly RowProblem[]) {
    super("invalid source");
  }
}

/** Rows accepted from which an import refreshes the statistics of the imported tables. */
const ANALYZE_AFTER_ROWS = 10_000;
const IMPORTED_TABLES = [
  "students",
  "enrollments",
  "assessment_results",
  "service_sessions",
  "session_rollups",
  "obligation_statuses",
  "payments",
];

/** Any constant: with the district's hash, serialises the imports of one district. */
const LOCK_CLASS = 741_102;

export async function importSource(
  db: Db,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const sha256 = await source.sha256();
  try {
    return await db.transaction(async (tx) => {
      const { districtId } = options;
      await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_CLASS, districtId]);
      const [done] = await tx.query<{ batch_id: bigint; format: string }>(
        `SELECT batch_id, format FROM import_batches
          WHERE district_id = $1 AND file_sha256 = $2 ORDER BY batch_id LIMIT 1`,
        [districtId, sha256],
      );
      if (done !== undefined)
        return { kind: "unchanged", file: source.name, batchId: done.batch_id, format: done.format };
      // A district is created by its first import, named by its id until it is given a name.
      // Only when it is not there: under row-level security only the platform may insert a
      // district, and an INSERT is checked against that even when it would conflict.
      await tx.query(
        `INSERT INTO districts (district_id, name) SELECT $1, $1
          WHERE NOT EXISTS (SELECT 1 FROM districts WHERE district_id = $1)
         ON CONFLICT (district_id) DO NOTHING`,
        [districtId],
      );
      const opened = await source.open();
      if ("problems" in opened) throw new InvalidSource(opened.problems);
      try {
        return await importRows(tx, source.name, opened, options, sha256);
      } finally {
        await opened.close();
      }
    });
  } catch (error) {
    if (error instanceof InvalidSource)
      return { kind: "invalid", file: source.name, problems: error.problems };
    throw error;
  }
}

async function importRows(
  tx: SqlRunner,
  name: string,
  source: OpenSource,
  options: ImportOptions,
  sha256: string,
): Promise<ImportResult> {
  const { districtId } = options;
  if (source.contractId !== null) await checkContract(tx, name, source, districtId);
  const [batch] = await tx.query<{ batch_id: bigint }>(
    `INSERT INTO import_batches (district_id, file_name, file_sha256, format, imported_by, source_header,
                                 organization_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING batch_id`,
    [
      districtId,
      name,
      sha256,
      source.format,
      options.importedBy,
      source.header === null ? null : JSON.stringify(source.header),
      options.organizationId ?? null,
    ],
  );
  if (batch === undefined) throw new Error("import_batches returned no batch_id");
  const ctx = { districtId, batchId: batch.batch_id };
  const rows = new BatchRows(tx, ctx, source, options.chunkRows ?? 1000);
  if (source.sessionRecords !== undefined)
    await readSessionRecords(rows, source, source.sessionRecords, options);
  else await readItems(rows, source, options);
  const counts = await rows.finish();
  // After a large load, fresh statistics: the queries that read these tables next (a
  // settlement) are then planned on what they now hold, not on what they held before.
  if (counts.accepted >= ANALYZE_AFTER_ROWS) await tx.exec(`ANALYZE ${IMPORTED_TABLES.join(", ")}`);
  await tx.query(
    `UPDATE import_batches SET rows_accepted = $3, rows_rejected = $4, rows_unchanged = $5, rows_replaced = $6
      WHERE district_id = $1 AND batch_id = $2`,
    [districtId, ctx.batchId, counts.accepted, counts.rejected, counts.unchanged, counts.replaced],
  );
  const result: ImportedBatch = {
    kind: "imported",
    file: name,
    format: source.format,
    batchId: ctx.batchId,
    notes: source.notes(),
    ...counts,
  };
  await options.beforeCommit?.(tx, result);
  return result;
}

/** Lets the event loop run between chunks, so that a COPY in flight keeps streaming to the server while the next rows are read (else it waits for the next statement). */
const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

async function readItems(rows: BatchRows, source: OpenSource, options: ImportOptions): Promise<void> {
  for await (const chunk of source.items()) {
    for (const item of chunk) {
      if (item.kind === "fault") throw new InvalidSource([item.problem]);
      if (rows.add(item)) await rows.flush();
    }
    options.onProgress?.({ rows: rows.counts.rows, ...source.progress() });
    await turn();
  }
}

/** A file of session rows: plain rows go to the COPY as read, the others are mapped (in file order). */
async function readSessionRecords(
  rows: BatchRows,
  source: OpenSource,
  lane: NonNullable<OpenSource["sessionRecords"]>,
  options: ImportOptions,
): Promise<void> {
  await rows.prepareSessions();
  for await (const chunk of lane.chunks()) {
    for (const record of chunk) if (!rows.addPlainSession(record)) rows.addSession(lane.map(record));
    await rows.flushSessions();
    options.onProgress?.({ rows: rows.counts.rows, ...source.progress() });
    await turn();
  }
}

/** A contract given for every row (`--contract`) must be in the store before any row is read. */
async function checkContract(
  tx: SqlRunner,
  name: string,
  source: OpenSource,
  districtId: string,
): Promise<void> {
  const [found] = await tx.query(
    "SELECT 1 AS found FROM contracts WHERE district_id = $1 AND contract_id = $2",
    [districtId, source.contractId],
  );
  if (found !== undefined) return;
  throw new InvalidSource([
    {
      file: name,
      line: 0,
      column: 0,
      code: "unknown-contract",
      message: `no contract ${JSON.stringify(source.contractId)} in the store for district ${districtId}; record the contract before importing its ${source.format} rows`,
    },
  ]);
}
