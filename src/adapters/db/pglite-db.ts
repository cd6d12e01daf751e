/** The embedded store: PGlite (PostgreSQL compiled to WebAssembly), on disk or in memory. */
import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Db, Row, SqlParam, SqlRunner } from "../../app/ports/db.js";
import { SESSION_SETTINGS, TYPE_PARSERS } from "./type-parsers.js";

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
    async copyFrom(table: string, columns: readonly string[], text: string): Promise<number> {
      // PGlite reads COPY input from the blob passed with the statement.
      const result = await target.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
      return result.affectedRows ?? 0;
    },
  };
}

/**
 * Opens PGlite persisted in `dataDir` (created if missing), or in memory when `dataDir`
 * is null (tests). A new on-disk database takes several seconds to create.
 */
export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir === null ? {} : { dataDir }), parsers: PARSERS });
  for (const [name, value] of SESSION_SETTINGS)
    await pglite.query("SELECT set_config($1, $2, false)", [name, value]);
  const base = runner(pglite);
  return {
    kind: "pglite",
    query: base.query,
    exec: base.exec,
    copyFrom: base.copyFrom,
    transaction: <T>(fn: (tx: SqlRunner) => Promise<T>) => pglite.transaction((tx) => fn(runner(tx))),
    close: () => pglite.close(),
  };
}
