import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import {
  MigrationError,
  migrate,
  migrationFile,
  pendingMigrations,
  readMigrations,
} from "../../src/adapters/db/migrations.js";
import { TEST_STORES } from "./stores.js";

const FIRST = migrationFile("0001_first.sql", "CREATE TABLE a (district_id text PRIMARY KEY);");
const SECOND = migrationFile("0002_second.sql", "CREATE TABLE b (x int); INSERT INTO b VALUES (1);");
const THIRD = migrationFile("0003_third.sql", "ALTER TABLE b ADD COLUMN y int;");

describe.each(TEST_STORES)("migrations on $name", ({ open }) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("applies the checked-in migrations once; a second run applies nothing", async () => {
    db = await open();
    const files = await readMigrations();
    expect(await migrate(db, files)).toEqual(files.map((f) => f.name));
    expect(await migrate(db, files)).toEqual([]);
    expect(await pendingMigrations(db, files)).toEqual([]);
    const recorded = await db.query("SELECT name, sha256 FROM schema_migrations ORDER BY name");
    expect(recorded).toEqual(files.map((f) => ({ name: f.name, sha256: f.sha256 })));
  });

  it("applies only the new migrations, in order", async () => {
    db = await open();
    expect(await migrate(db, [FIRST])).toEqual(["0001_first.sql"]);
    expect(await pendingMigrations(db, [FIRST, SECOND, THIRD])).toEqual([
      "0002_second.sql",
      "0003_third.sql",
    ]);
    expect(await migrate(db, [FIRST, SECOND, THIRD])).toEqual(["0002_second.sql", "0003_third.sql"]);
    expect(await db.query("SELECT x, y FROM b")).toEqual([{ x: 1, y: null }]);
  });

  it("refuses a migration changed after it was applied, and applies nothing", async () => {
    db = await open();
    await migrate(db, [FIRST]);
    const changed = migrationFile(FIRST.name, "CREATE TABLE a (district_id text PRIMARY KEY, z int);");
    const run = migrate(db, [changed, SECOND]);
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(/0001_first\.sql was changed after it was applied/);
    expect(await db.query("SELECT to_regclass('b') IS NULL AS absent")).toEqual([{ absent: true }]);
  });

  it("refuses when an applied migration's file is missing", async () => {
    db = await open();
    await migrate(db, [FIRST, SECOND]);
    await expect(migrate(db, [SECOND, THIRD])).rejects.toThrow(
      /0001_first\.sql was applied .* file is missing/,
    );
  });

  it("refuses a new migration numbered before one already applied", async () => {
    db = await open();
    const later = migrationFile("0003_later.sql", "CREATE TABLE d (x int);");
    await migrate(db, [FIRST, later]);
    await expect(migrate(db, [FIRST, SECOND, later])).rejects.toThrow(
      /0002_second\.sql is not applied but sorts before/,
    );
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    db = await open();
    const broken = migrationFile("0002_broken.sql", "CREATE TABLE c (x int); SELECT * FROM no_such_table;");
    await expect(migrate(db, [FIRST, broken])).rejects.toThrow(/no_such_table/);
    expect(await db.query("SELECT name FROM schema_migrations")).toEqual([{ name: "0001_first.sql" }]);
    expect(await db.query("SELECT to_regclass('c') IS NULL AS absent")).toEqual([{ absent: true }]);
  });
});

describe("migration files", () => {
  it("refuses a badly named file and a repeated number", async () => {
    const db = {} as Db;
    await expect(migrate(db, [migrationFile("first.sql", "")])).rejects.toThrow(/name must look like/);
    await expect(migrate(db, [FIRST, migrationFile("0001_again.sql", "")])).rejects.toThrow(/numbered 0001/);
  });
});
