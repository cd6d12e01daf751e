/**
 * The store port: SQL in, plain rows out. Both implementations (PGlite and node-postgres,
 * src/adapters/db) return the same JavaScript types for the same column types:
 * `date` a 'YYYY-MM-DD' string, `int8` a bigint, `numeric` its decimal text,
 * `timestamptz` an ISO 8601 UTC string with six fraction digits.
 */

/** A bind parameter. Objects are not accepted: pass JSON as text and cast (`$1::jsonb`). */
export type SqlParam = string | number | bigint | boolean | null;

export type Row = Record<string, unknown>;

export interface SqlRunner {
  /** One statement with `$1`-style parameters; the rows it returns (none for DDL/DML). */
  query<R extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<R[]>;
  /** A script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends SqlRunner {
  readonly kind: "pglite" | "postgres";
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
