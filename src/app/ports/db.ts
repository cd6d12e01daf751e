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
  /**
   * Bulk-loads rows with `COPY table (columns)`: `text` in COPY's text format (one row a
   * line ending in a newline, fields separated by tabs, `\N` for null, backslash escapes;
   * see `copyField`), or in its CSV format when `format` is "csv" (fields separated by
   * commas, an unquoted empty field for null; see `csvField`). Returns the number of rows
   * copied.
   */
  copyFrom(table: string, columns: readonly string[], text: string, format?: CopyFormat): Promise<number>;
}

/** The format of `copyFrom`'s text: COPY's own text format, or its CSV format. */
export type CopyFormat = "text" | "csv";

/** Settings of one transaction: (name, value) pairs, such as ("role", "accord_app"). */
export type TransactionSettings = readonly (readonly [name: string, value: string])[];

export interface Db extends SqlRunner {
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * `settings` are set for the transaction only (`set_config(name, value, true)`) as it
   * begins, in the same round trip as BEGIN where the driver allows.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>, settings?: TransactionSettings): Promise<T>;
  close(): Promise<void>;
}
