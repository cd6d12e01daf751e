/** The embedded store: PGlite (PostgreSQL compiled to WebAssembly), on disk or in memory. */
import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { CopyFormat, Db, Row, SqlParam, SqlRunner, TransactionSettings } from "../../app/ports/db.js";
import { SESSION_SETTINGS, TYPE_PARSERS } from "./type-parsers.js";
import { lockDataDir } from "./data-dir-lock.js";

const PARSERS: Record<number, (text: string) => unknown> = Object.fromEntries(TYPE_PARSERS);

type PgliteLike = Pick<PGlite, "query" | "exec"> | Transaction;

function runner(target: PgliteLike): SqlRunner {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
      return (await target.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    async copyFrom(
      table: string,
      columns: readonly string[],
      text: string,
      format: CopyFormat = "text",
    ): Promise<number> {
      // PGlite reads COPY input from the blob passed with the statement.
      const options = format === "csv" ? " WITH (FORMAT csv)" : "";
      const result = await target.query(
        `COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'${options}`,
        [],
        {
          blob: new Blob([text]),
        },
      );
      return result.affectedRows ?? 0;
    },
  };
}

/**
 * PGlite runs each statement synchronously on this thread, and queued work would follow
 * one another through promise continuations without the event loop turning: a server
 * would stop accepting connections and reading requests while it is busy. Each top-level
 * query and transaction first lets the loop turn once.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Opens PGlite persisted in `dataDir` (created if missing), or in memory when `dataDir`
 * is null (tests). A new on-disk database takes several seconds to create. The folder is
 * locked to this process until `close` (StoreLockedError when another holds it).
 */
export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const unlock = dataDir === null ? () => undefined : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ ...(dataDir === null ? {} : { dataDir }), parsers: PARSERS });
    for (const [name, value] of SESSION_SETTINGS)
      await pglite.query("SELECT set_config($1, $2, false)", [name, value]);
  } catch (error) {
    unlock();
    throw error;
  }
  const base = runner(pglite);
  return {
    kind: "pglite",
    async query<R extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<R[]> {
      await turn();
      return base.query<R>(sql, params);
    },
    exec: base.exec,
    copyFrom: base.copyFrom,
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>, settings: TransactionSettings = []): Promise<T> {
      await turn();
      return pglite.transaction(async (tx) => {
        if (settings.length > 0)
          await tx.query(
            `SELECT ${settings.map((_, n) => `set_config($${2 * n + 1}, $${2 * n + 2}, true)`).join(", ")}`,
            settings.flat(),
          );
        return fn(runner(tx));
      });
    },
    async close(): Promise<void> {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
