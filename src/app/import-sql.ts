/** The SQL the row writers share: multi-row INSERTs and the upsert that keeps identical rows. */
import type { SqlParam, SqlRunner } from "./ports/db.js";

export interface Pending<T> {
  readonly line: number;
  /** The row as read (cells or object), kept if the row is rejected. */
  readonly original: unknown;
  readonly record: T;
}

export interface Written {
  readonly inserted: number;
  readonly replaced: number;
}

export interface WriteContext {
  readonly districtId: string;
  readonly batchId: bigint;
}

function valuesList(rows: readonly SqlParam[][], params: SqlParam[]): string {
  return rows
    .map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(", ")})`;
    })
    .join(", ");
}

export async function insertRows(
  tx: SqlRunner,
  table: string,
  columns: readonly string[],
  rows: readonly SqlParam[][],
  suffix = "",
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const params: SqlParam[] = [];
  const values = valuesList(rows, params);
  return tx.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values} ${suffix}`, params);
}

/**
 * Inserts or replaces by key: a stored row whose values all equal the new row's is left
 * alone (with its origin). Returns how many rows were inserted and how many replaced.
 */
export async function upsert(
  tx: SqlRunner,
  table: string,
  conflict: readonly string[],
  columns: readonly string[],
  rows: readonly SqlParam[][],
): Promise<Written> {
  const values = columns.filter((c) => !conflict.includes(c) && c !== "batch_id" && c !== "source_line");
  const set = [...values, "batch_id", "source_line"].map((c) => `${c} = EXCLUDED.${c}`).join(", ");
  const stored = values.map((c) => `${table}.${c}`).join(", ");
  const incoming = values.map((c) => `EXCLUDED.${c}`).join(", ");
  const returned = await insertRows(
    tx,
    table,
    columns,
    rows,
    `ON CONFLICT (${conflict.join(", ")}) DO UPDATE SET ${set}
     WHERE (${stored}) IS DISTINCT FROM (${incoming})
     RETURNING (xmax = 0) AS inserted`,
  );
  const inserted = returned.filter((r) => r["inserted"] === true).length;
  return { inserted, replaced: returned.length - inserted };
}

export const origin = (ctx: WriteContext, p: Pending<unknown>): SqlParam[] => [
  ctx.districtId,
  ctx.batchId,
  p.line,
];
export const ORIGIN = ["district_id", "batch_id", "source_line"];
