/**
 * What the store must hold after any import, finished, failed or killed: each import
 * batch with the rows it stored and its rejects, and no row without its batch. Shared by
 * the crash and fuzz tests of `accord import`.
 *
 * "Stored under a batch" counts the rows of the data tables whose `batch_id` is the
 * batch's. A batch's own rows are `rows_accepted - rows_unchanged - rows_replaced` as long
 * as every unchanged or replaced row was one of the same batch (a repeated key within the
 * file): a later batch that replaces a row takes it over, so callers check the identity
 * only for batches whose keys no other batch touched.
 */
import type { SqlRunner } from "../../src/app/ports/db.js";

/** The tables an import writes rows to, each row with `batch_id` and `source_line`. */
export const DATA_TABLES = [
  "students",
  "enrollments",
  "assessment_results",
  "service_sessions",
  "obligation_statuses",
  "payments",
] as const;

export interface BatchState {
  readonly districtId: string;
  readonly batchId: bigint;
  readonly fileSha256: string;
  readonly format: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
  /** Rows of the data tables under this batch, and the sum of their source lines. */
  readonly stored: number;
  readonly storedLineSum: number;
  /** Rows of import_rejects under this batch, the sum of their lines and the highest reject_no. */
  readonly rejects: number;
  readonly rejectLineSum: number;
  readonly maxRejectNo: number;
}

/** Rows of district $1 (of all when null) and of batches numbered above $2. */
const inDistrict = "($1::text IS NULL OR district_id = $1) AND batch_id > $2";

/**
 * Every batch of `districtId` (of all districts when null) numbered above `afterBatch`,
 * with what is stored under it. Batch ids only grow (an identity), also past the ids of
 * rolled-back imports, so `afterBatch` set to the last id before an import covers every
 * row that import may have written.
 */
export async function readBatches(
  db: SqlRunner,
  districtId: string | null,
  afterBatch = 0n,
): Promise<BatchState[]> {
  const stored = DATA_TABLES.map(
    (t) => `SELECT district_id, batch_id, source_line FROM ${t} WHERE ${inDistrict}`,
  ).join(" UNION ALL ");
  const rows = await db.query<{
    district_id: string;
    batch_id: bigint;
    file_sha256: string;
    format: string;
    rows_accepted: number;
    rows_rejected: number;
    rows_unchanged: number;
    rows_replaced: number;
    stored: bigint | null;
    stored_lines: bigint | null;
    rejects: bigint | null;
    reject_lines: bigint | null;
    max_reject_no: number | null;
  }>(
    `WITH s AS (SELECT district_id, batch_id, count(*) AS n, sum(source_line) AS lines
                  FROM (${stored}) AS rows GROUP BY district_id, batch_id),
          r AS (SELECT district_id, batch_id, count(*) AS n, sum(source_line) AS lines, max(reject_no) AS max_no
                  FROM import_rejects WHERE ${inDistrict} GROUP BY district_id, batch_id)
     SELECT b.district_id, b.batch_id, b.file_sha256, b.format,
            b.rows_accepted, b.rows_rejected, b.rows_unchanged, b.rows_replaced,
            s.n AS stored, s.lines AS stored_lines, r.n AS rejects, r.lines AS reject_lines,
            r.max_no AS max_reject_no
       FROM import_batches b
       LEFT JOIN s ON s.district_id = b.district_id AND s.batch_id = b.batch_id
       LEFT JOIN r ON r.district_id = b.district_id AND r.batch_id = b.batch_id
      WHERE ($1::text IS NULL OR b.district_id = $1) AND b.batch_id > $2
      ORDER BY b.district_id, b.batch_id`,
    [districtId, afterBatch],
  );
  return rows.map((r) => ({
    districtId: r.district_id,
    batchId: r.batch_id,
    fileSha256: r.file_sha256,
    format: r.format,
    accepted: r.rows_accepted,
    rejected: r.rows_rejected,
    unchanged: r.rows_unchanged,
    replaced: r.rows_replaced,
    stored: Number(r.stored ?? 0n),
    storedLineSum: Number(r.stored_lines ?? 0n),
    rejects: Number(r.rejects ?? 0n),
    rejectLineSum: Number(r.reject_lines ?? 0n),
    maxRejectNo: r.max_reject_no ?? 0,
  }));
}

/**
 * Rows of batches numbered above `afterBatch` that are not in import_batches, per table
 * that has a `batch_id` column (found in the catalog, so a table added later is
 * covered); an empty list when there are none.
 */
export async function orphanRows(
  db: SqlRunner,
  districtId: string | null,
  afterBatch = 0n,
): Promise<{ table: string; rows: number }[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'batch_id' AND table_name <> 'import_batches'
      ORDER BY table_name`,
  );
  if (!tables.some((t) => t.table_name === "import_rejects"))
    throw new Error("the catalog shows no import tables in the current schema");
  const found: { table: string; rows: number }[] = [];
  for (const { table_name: table } of tables) {
    const [row] = await db.query<{ n: bigint }>(
      `SELECT count(*) AS n FROM ${table} t
        WHERE ($1::text IS NULL OR t.district_id = $1) AND t.batch_id > $2
          AND NOT EXISTS (SELECT 1 FROM import_batches b
                           WHERE b.district_id = t.district_id AND b.batch_id = t.batch_id)`,
      [districtId, afterBatch],
    );
    const rows = Number(row?.n ?? 0n);
    if (rows > 0) found.push({ table, rows });
  }
  return found;
}

/**
 * How a batch's counts disagree with what is stored under it (none when they agree):
 * its own rows, its rejects, and reject numbers 1..n without gaps.
 */
export function balanceProblems(b: BatchState): string[] {
  const name = `batch ${b.batchId} (${b.format}, district ${b.districtId})`;
  const problems: string[] = [];
  const own = b.accepted - b.unchanged - b.replaced;
  if (b.stored !== own)
    problems.push(`${name}: ${b.stored} rows stored, but accepted - unchanged - replaced is ${own}`);
  if (b.rejects !== b.rejected)
    problems.push(`${name}: ${b.rejects} rejects stored, rows_rejected is ${b.rejected}`);
  if (b.maxRejectNo !== b.rejects)
    problems.push(`${name}: reject_no runs to ${b.maxRejectNo} for ${b.rejects} rejects`);
  return problems;
}
