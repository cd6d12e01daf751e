/**
 * The stores the crash test kills imports of, each as the CLI sees it (an environment)
 * and as the test opens it afterwards (through `openStore`, the CLI's own path):
 *
 * - PGlite persisted in a temporary ACCORD_DATA_DIR;
 * - the server of TEST_DATABASE_URL, in a fresh schema (accord_crash_<random>) named
 *   by the URL's `options` parameter, migrated here and dropped at the end. The child's
 *   connections carry an application_name of their own, so that after a kill the test
 *   can wait until the server has ended the killed session (and rolled back its
 *   transaction) before it looks.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Db } from "../../src/app/ports/db.js";
import { openStore } from "../../src/adapters/db/open-store.js";
import { openPostgres } from "../../src/adapters/db/postgres-db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";

export interface CrashStore {
  readonly name: "pglite" | "postgres";
  /** The environment of `accord import` in the child. */
  readonly childEnv: NodeJS.ProcessEnv;
  /** Opens the store as the CLI does. */
  open(): Promise<Db>;
  /** Waits until nothing of a killed child is left running against the store. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env["DATABASE_URL"];
  delete env["ACCORD_DATA_DIR"];
  return { ...env, ...extra };
}

/** A PGlite store under `dir`, created (initdb and migrations) before the first child runs. */
export async function pgliteCrashStore(dir: string): Promise<CrashStore> {
  const env = { ACCORD_DATA_DIR: join(dir, "pglite") };
  await (await openStore(env)).close();
  return {
    name: "pglite",
    childEnv: cleanEnv(env),
    open: () => openStore(env),
    settle: async () => {},
    dispose: async () => {},
  };
}

function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    const own = name === "options" ? u.searchParams.get("options") : null;
    u.searchParams.set(name, own === null || own === "" ? value : `${own} ${value}`);
  }
  return u.href;
}

export async function postgresCrashStore(url: string): Promise<CrashStore> {
  const schema = `accord_crash_${randomBytes(6).toString("hex")}`;
  const application = `${schema}_child`;
  const admin = await openPostgres(url, { maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  try {
    const migrator = await openPostgres(url, { schema, maxConnections: 1 });
    try {
      await migrate(migrator, await readMigrations());
    } finally {
      await migrator.close();
    }
  } catch (error) {
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
    throw error;
  }
  const options = `-c search_path=${schema}`;
  return {
    name: "postgres",
    childEnv: cleanEnv({ DATABASE_URL: withParams(url, { options, application_name: application }) }),
    open: () => openStore({ DATABASE_URL: withParams(url, { options }) }),
    async settle() {
      for (let waited = 0; ; waited += 20) {
        const [row] = await admin.query<{ n: bigint }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1",
          [application],
        );
        if (row?.n === 0n) return;
        if (waited > 30_000) throw new Error("the server still runs the killed child's session after 30 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async dispose() {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}
