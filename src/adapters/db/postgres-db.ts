/** The server store: node-postgres against a PostgreSQL server (`DATABASE_URL`). */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import type { CopyFormat, Db, Row, SqlParam, SqlRunner, TransactionSettings } from "../../app/ports/db.js";
import { SESSION_SETTINGS, TYPE_PARSERS } from "./type-parsers.js";

/** Per-pool parsers: the driver's global `pg.types` is left alone. */
const TYPES = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    const own = format === "binary" ? undefined : TYPE_PARSERS.get(oid);
    return own ?? pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

async function copyOn(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  text: string,
  format: CopyFormat,
) {
  const options = format === "csv" ? " WITH (FORMAT csv)" : "";
  const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(", ")}) FROM STDIN${options}`));
  await pipeline(Readable.from([text]), stream);
  return stream.rowCount;
}

/**
 * One connection runs one statement at a time. Use cases may start several queries at once
 * (Promise.all over a pool); inside a transaction they share one client, so its statements
 * are queued here rather than handed to the driver together, which it deprecates.
 */
function serialized(inner: SqlRunner): SqlRunner {
  let tail: Promise<unknown> = Promise.resolve();
  const queue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    query: (sql, params) => queue(() => inner.query(sql, params)),
    exec: (sql) => queue(() => inner.exec(sql)),
    copyFrom: (table, columns, text, format) => queue(() => inner.copyFrom(table, columns, text, format)),
  };
}

/** Statements prepared per connection are kept for the short, parameterised ones. */
const MAX_PREPARED_SQL = 4096;
const MAX_NAMES = 2000;
const names = new Map<string, string>();

/**
 * A name under which a connection prepares `sql` once and reuses its plan. Planning is
 * most of a short query's cost on the server, more so with row-level security policies
 * to expand. Long texts (multi-row INSERTs of varying length) are not prepared: each
 * prepared statement holds server memory for the life of the connection.
 */
function statementName(sql: string, paramCount: number): string | null {
  if (paramCount === 0 || sql.length > MAX_PREPARED_SQL) return null;
  let name = names.get(sql);
  if (name === undefined) {
    if (names.size >= MAX_NAMES) return null;
    name = `accord_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

function runner(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async copyFrom(
      table: string,
      columns: readonly string[],
      text: string,
      format: CopyFormat = "text",
    ): Promise<number> {
      if (!(client instanceof pg.Pool)) return copyOn(client, table, columns, text, format);
      const own = await client.connect();
      try {
        return await copyOn(own, table, columns, text, format);
      } finally {
        own.release();
      }
    },
    async query<R extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
      const name = statementName(sql, params.length);
      const config =
        name === null ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] };
      return (await client.query<R>(config)).rows;
    },
    async exec(sql: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol, which runs a whole script.
      await client.query(sql);
    },
  };
}

function quoteOption(value: string): string {
  return value.replace(/[\\ ]/g, (c) => `\\${c}`);
}

export interface PostgresOptions {
  /** A schema to put first on the search path (tests use a fresh schema per run). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

/** The `options` parameter of a URL (`?options=-c search_path=accord`), which the pool's own would replace. */
function urlOptions(url: string): string | null {
  try {
    return new URL(url).searchParams.get("options");
  } catch {
    return null;
  }
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const settings: [string, string][] = SESSION_SETTINGS.map(([name, value]) => [name, value]);
  if (options.schema !== undefined) settings.push(["search_path", options.schema]);
  const own = settings.map(([name, value]) => `-c ${name}=${quoteOption(value)}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: TYPES,
    options: [urlOptions(url), ...own].filter((o) => o !== null && o !== "").join(" "),
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const base = runner(pool);
  await base.query("SELECT 1");
  return {
    kind: "postgres",
    query: base.query,
    exec: base.exec,
    copyFrom: base.copyFrom,
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>, settings: TransactionSettings = []): Promise<T> {
      const client = await pool.connect();
      try {
        // One round trip: the simple protocol runs both statements; the values are quoted
        // as literals by the driver.
        const set = settings
          .map(
            ([name, value]) =>
              `set_config(${client.escapeLiteral(name)}, ${client.escapeLiteral(value)}, true)`,
          )
          .join(", ");
        await client.query(set === "" ? "BEGIN" : `BEGIN; SELECT ${set}`);
        const result = await fn(serialized(runner(client)));
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
          client.release();
        } catch (rollbackError) {
          client.release(rollbackError as Error);
        }
        throw error;
      }
    },
    close: () => pool.end(),
  };
}
