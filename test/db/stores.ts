/**
 * The stores the database suite runs on: an in-memory PGlite always, and the PostgreSQL
 * server of TEST_DATABASE_URL when it is set, each test database in a fresh schema
 * (accord_test_<random>) that is dropped when the database is closed.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../../src/app/ports/db.js";
import { openPglite } from "../../src/adapters/db/pglite-db.js";
import { openPostgres } from "../../src/adapters/db/postgres-db.js";

export interface TestStore {
  readonly name: "pglite" | "postgres";
  /** A new, empty database (no migrations applied). */
  open(): Promise<Db>;
}

const serverUrl = process.env["TEST_DATABASE_URL"]?.trim();

async function openServerSchema(url: string): Promise<Db> {
  const schema = `accord_test_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url, { maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = await openPostgres(url, { schema, maxConnections: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export const TEST_STORES: readonly TestStore[] = [
  { name: "pglite", open: () => openPglite(null) },
  ...(serverUrl === undefined || serverUrl === ""
    ? []
    : [{ name: "postgres" as const, open: () => openServerSchema(serverUrl) }]),
];
