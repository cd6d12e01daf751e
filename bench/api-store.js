// The stores of the API benchmark (bench/api.js), each fresh, migrated and seeded
// (bench/api-seed.js), with the environment `accord serve` runs on and a way to throw
// it away:
// - PGlite in a temporary ACCORD_DATA_DIR;
// - the PostgreSQL server in a new schema accord_bench_<random> of the given database,
//   which the server process reaches as the login role accord_bench (a member of
//   accord_app, created when missing: the server refuses a superuser) with the schema on
//   its search path.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, readMigrations } from "../dist/adapters/db/migrations.js";
import { openPglite } from "../dist/adapters/db/pglite-db.js";
import { openPostgres } from "../dist/adapters/db/postgres-db.js";
import { seedStore } from "./api-seed.js";

export const SERVER_ROLE = "accord_bench";

/** The server's version when it answers at `url`, else null (the benchmark then skips it). */
export async function serverVersion(url) {
  let db;
  try {
    db = await openPostgres(url, { maxConnections: 1 });
    const [row] = await db.query("SHOW server_version");
    return row.server_version;
  } catch {
    return null;
  } finally {
    await db?.close();
  }
}

async function migrateAndSeed(db, seedOptions) {
  await migrate(db, await readMigrations());
  return seedStore(db, seedOptions);
}

export async function preparePglite(seedOptions) {
  const workDir = mkdtempSync(join(tmpdir(), "accord-bench-api-"));
  const dataDir = join(workDir, "store");
  const drop = async () => rmSync(workDir, { recursive: true, force: true });
  try {
    const db = await openPglite(dataDir);
    try {
      const seed = await migrateAndSeed(db, { ...seedOptions, workDir });
      return { seed, env: { DATABASE_URL: "", ACCORD_DATA_DIR: dataDir }, where: dataDir, drop };
    } finally {
      await db.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
}

export async function preparePostgres(url, seedOptions) {
  const workDir = mkdtempSync(join(tmpdir(), "accord-bench-api-"));
  const schema = `accord_bench_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url, { maxConnections: 1 });
  const drop = async () => {
    rmSync(workDir, { recursive: true, force: true });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  };
  try {
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const db = await openPostgres(url, { schema, maxConnections: 4 });
    let seed;
    try {
      seed = await migrateAndSeed(db, { ...seedOptions, workDir });
    } finally {
      await db.close();
    }
    // accord_app exists once the migrations ran; GRANT again is a no-op for a member.
    await admin.exec(`DO $$ BEGIN CREATE ROLE ${SERVER_ROLE} LOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
      GRANT accord_app TO ${SERVER_ROLE};`);
    const serverUrl = new URL(url);
    serverUrl.username = SERVER_ROLE;
    serverUrl.password = "";
    serverUrl.searchParams.set("options", `-c search_path=${schema}`);
    return { seed, env: { DATABASE_URL: serverUrl.toString() }, where: `schema ${schema}`, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Process ids of the server's connections (the role accord_bench's backends), to read their CPU time. */
export async function serverBackends(url) {
  const admin = await openPostgres(url, { maxConnections: 1 });
  try {
    const rows = await admin.query("SELECT pid FROM pg_stat_activity WHERE usename = $1", [SERVER_ROLE]);
    return rows.map((r) => r.pid);
  } finally {
    await admin.close();
  }
}
