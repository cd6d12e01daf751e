/**
 * Forward-only SQL migrations (db/migrations/NNNN_name.sql), the same files on PGlite and
 * PostgreSQL. Each applied migration is recorded with the SHA-256 of its file in
 * `schema_migrations`; a recorded migration whose file changed or disappeared, or a new
 * file that sorts before one already applied, stops the run before anything is applied.
 * Each pending migration runs in its own transaction under an advisory lock, so two
 * processes migrating at once apply each file once.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Db, SqlRunner } from "../../app/ports/db.js";

/** db/migrations of this package, from src/adapters/db (tests) or dist/adapters/db (built). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../db/migrations/", import.meta.url));

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Any constant: serialises migration runs of one database. */
const LOCK_KEY = 7_411_020_001;

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly sha256: string;
}

export class MigrationError extends Error {}

export function migrationFile(name: string, sql: string): MigrationFile {
  return { name, sql, sha256: createHash("sha256").update(sql, "utf8").digest("hex") };
}

/** Reads and checks the migration files of `dir`, in order. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  const files: MigrationFile[] = [];
  for (const name of names) files.push(migrationFile(name, await readFile(`${dir}/${name}`, "utf8")));
  checkNames(files);
  return files;
}

function checkNames(files: readonly MigrationFile[]): void {
  const numbers = new Set<string>();
  for (const { name } of files) {
    const number = FILE_NAME.exec(name)?.[1];
    if (number === undefined)
      throw new MigrationError(`migration file ${name}: name must look like 0001_lower_case_words.sql`);
    if (numbers.has(number)) throw new MigrationError(`two migration files are numbered ${number}`);
    numbers.add(number);
  }
}

interface Applied {
  readonly name: string;
  readonly sha256: string;
}

/** The files not yet applied, after checking the recorded history against the files. */
function pendingAfterCheck(files: readonly MigrationFile[], applied: readonly Applied[]): MigrationFile[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const a of applied) {
    const file = byName.get(a.name);
    if (file === undefined)
      throw new MigrationError(
        `migration ${a.name} was applied to this database but its file is missing; ` +
          "migrations are forward only: restore the file",
      );
    if (file.sha256 !== a.sha256)
      throw new MigrationError(
        `migration ${a.name} was changed after it was applied (applied sha256 ${a.sha256}, ` +
          `file sha256 ${file.sha256}); migrations are forward only: restore the file and put the change in a new migration`,
      );
  }
  const done = new Set(applied.map((a) => a.name));
  const last = applied
    .map((a) => a.name)
    .sort()
    .at(-1);
  const pending = files.filter((f) => !done.has(f.name));
  const early = pending.find((f) => last !== undefined && f.name < last);
  if (early !== undefined)
    throw new MigrationError(
      `migration ${early.name} is not applied but sorts before ${last ?? ""}, which is; ` +
        "migrations are forward only: renumber it after the last applied one",
    );
  return pending;
}

async function lockedHistory(tx: SqlRunner): Promise<Applied[]> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
  // Created only when missing: the server's own role may read the history but not create
  // tables, and CREATE TABLE IF NOT EXISTS checks that right even when the table exists.
  const [found] = await tx.query<{ name: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS name",
  );
  if (found?.name === null || found === undefined)
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
       name text PRIMARY KEY,
       sha256 text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
    );
  return tx.query<{ name: string; sha256: string }>(
    "SELECT name, sha256 FROM schema_migrations ORDER BY name",
  );
}

/** The names of the migrations not applied yet; throws MigrationError when the history is wrong. */
export async function pendingMigrations(db: Db, files: readonly MigrationFile[]): Promise<string[]> {
  checkNames(files);
  const applied = await db.transaction(lockedHistory);
  return pendingAfterCheck(files, applied).map((f) => f.name);
}

/** Applies the pending migrations in order, each in its own transaction; returns their names. */
export async function migrate(db: Db, files: readonly MigrationFile[]): Promise<string[]> {
  checkNames(files);
  const applied: string[] = [];
  for (;;) {
    const next = await db.transaction(async (tx) => {
      const file = pendingAfterCheck(files, await lockedHistory(tx))[0];
      if (file === undefined) return null;
      await tx.exec(file.sql);
      await tx.query("INSERT INTO schema_migrations (name, sha256) VALUES ($1, $2)", [
        file.name,
        file.sha256,
      ]);
      return file.name;
    });
    if (next === null) return applied;
    applied.push(next);
  }
}
