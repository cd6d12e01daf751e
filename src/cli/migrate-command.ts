/**
 * `accord migrate`: applies the pending migrations of db/migrations to the store
 * (`DATABASE_URL`, else PGlite under `ACCORD_DATA_DIR` or ./.accord). PGlite is also
 * migrated whenever it is opened; a server only by this command.
 */
import { parseArgs } from "node:util";
import { EXIT_INTERNAL, EXIT_OK, say } from "./io.js";

export const MIGRATE_HELP = `Usage: accord migrate

Applies the pending database migrations, each in its own transaction, and lists them.
The database is DATABASE_URL when it is set, else the embedded store in ACCORD_DATA_DIR
(default ./.accord). A migration changed or removed after it was applied stops the run.
`;

export async function migrateCommand(
  args: string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const { values } = parseArgs({ args, options: { help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    process.stdout.write(MIGRATE_HELP);
    return EXIT_OK;
  }
  // Loaded here so that the other commands never load the database drivers.
  const { openDatabase, storeConfig } = await import("../adapters/db/open-store.js");
  const { MigrationError, migrate, readMigrations } = await import("../adapters/db/migrations.js");
  const config = storeConfig(env);
  const where = config.kind === "postgres" ? "the PostgreSQL server" : config.dataDir;
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db, await readMigrations());
    for (const name of applied) process.stdout.write(`applied ${name}\n`);
    process.stdout.write(
      applied.length === 0 ? `${where}: up to date\n` : `${where}: ${applied.length} migration(s) applied\n`,
    );
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    say(`accord migrate: ${error.message}`);
    return EXIT_INTERNAL;
  } finally {
    await db.close();
  }
}
