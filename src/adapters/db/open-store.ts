/**
 * Chooses and opens the store from the environment: node-postgres when `DATABASE_URL`
 * is set, else PGlite persisted under `ACCORD_DATA_DIR` (default `./.accord`).
 * PGlite is migrated on open; a server is migrated by `accord migrate` and refused
 * here while it has pending migrations.
 */
import { resolve } from "node:path";
import type { Db } from "../../app/ports/db.js";
import { openPglite } from "./pglite-db.js";
import { openPostgres } from "./postgres-db.js";
import { MigrationError, migrate, pendingMigrations, readMigrations } from "./migrations.js";

export type StoreConfig =
  { readonly kind: "postgres"; readonly url: string } | { readonly kind: "pglite"; readonly dataDir: string };

export function storeConfig(env: Readonly<Record<string, string | undefined>>): StoreConfig {
  const url = env["DATABASE_URL"]?.trim();
  if (url !== undefined && url !== "") return { kind: "postgres", url };
  const dir = env["ACCORD_DATA_DIR"]?.trim();
  return { kind: "pglite", dataDir: resolve(dir === undefined || dir === "" ? ".accord" : dir) };
}

/** Opens the configured database without migrating it (for `accord migrate`). */
export async function openDatabase(config: StoreConfig): Promise<Db> {
  return config.kind === "postgres" ? openPostgres(config.url) : openPglite(config.dataDir);
}

/** Opens the store ready for use: PGlite migrated, a server checked to be up to date. */
export async function openStore(env: Readonly<Record<string, string | undefined>>): Promise<Db> {
  const config = storeConfig(env);
  const db = await openDatabase(config);
  try {
    const files = await readMigrations();
    if (config.kind === "pglite") {
      await migrate(db, files);
    } else {
      const pending = await pendingMigrations(db, files);
      if (pending.length > 0)
        throw new MigrationError(
          `the database has ${pending.length} pending migration(s) (${pending.join(", ")}): run accord migrate`,
        );
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
