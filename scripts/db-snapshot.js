// Rewrites db/schema.snapshot.json from the migrations applied to an in-memory PGlite.
// Run through `npm run db:snapshot`, which builds dist first and formats the file after.
import { writeFile } from "node:fs/promises";
import { openPglite } from "../dist/adapters/db/pglite-db.js";
import { migrate, readMigrations } from "../dist/adapters/db/migrations.js";
import { readSchemaSnapshot } from "../dist/adapters/db/schema-snapshot.js";

const db = await openPglite(null);
try {
  await migrate(db, await readMigrations());
  const snapshot = await readSchemaSnapshot(db);
  await writeFile(
    new URL("../db/schema.snapshot.json", import.meta.url),
    `${JSON.stringify(snapshot, null, 2)}\n`,
  );
  process.stdout.write(`db/schema.snapshot.json: ${Object.keys(snapshot.tables).length} tables\n`);
} finally {
  await db.close();
}
