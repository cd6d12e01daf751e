import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openStore, storeConfig } from "../../src/adapters/db/open-store.js";
import { readMigrations } from "../../src/adapters/db/migrations.js";
import { migrateCommand } from "../../src/cli/migrate-command.js";

describe("storeConfig", () => {
  it("chooses the server when DATABASE_URL is set, else PGlite under ACCORD_DATA_DIR or ./.accord", () => {
    expect(storeConfig({ DATABASE_URL: "postgres://h/db", ACCORD_DATA_DIR: "x" })).toEqual({
      kind: "postgres",
      url: "postgres://h/db",
    });
    expect(storeConfig({ DATABASE_URL: " ", ACCORD_DATA_DIR: "data" })).toEqual({
      kind: "pglite",
      dataDir: resolve("data"),
    });
    expect(storeConfig({})).toEqual({ kind: "pglite", dataDir: resolve(".accord") });
  });
});

describe("the embedded store on disk", () => {
  it("is migrated when opened and keeps its rows across reopening", async () => {
    const dir = mkdtempSync(join(tmpdir(), "accord-store-"));
    try {
      const env = { ACCORD_DATA_DIR: join(dir, "data") };
      const db = await openStore(env);
      const names = (await readMigrations()).map((f) => f.name);
      expect(await db.query("SELECT name FROM schema_migrations ORDER BY name")).toEqual(
        names.map((name) => ({ name })),
      );
      await db.query("INSERT INTO districts (district_id, name) VALUES ($1, $2)", ["d1", "District One"]);
      await db.close();

      let stdout = "";
      const out = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string) => {
        stdout += chunk;
        return true;
      }) as typeof process.stdout.write);
      try {
        expect(await migrateCommand([], env)).toBe(0);
      } finally {
        out.mockRestore();
      }
      expect(stdout).toMatch(/up to date/);

      const again = await openStore(env);
      expect(await again.query("SELECT district_id, name FROM districts")).toEqual([
        { district_id: "d1", name: "District One" },
      ]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const serverUrl = process.env["TEST_DATABASE_URL"]?.trim();

describe.skipIf(serverUrl === undefined || serverUrl === "")("the server store", () => {
  it("is refused while migrations are pending, and usable after accord migrate", async () => {
    const { openPostgres } = await import("../../src/adapters/db/postgres-db.js");
    const schema = `accord_test_${Math.random().toString(36).slice(2, 10)}`;
    const admin = await openPostgres(serverUrl ?? "", { maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    try {
      const url = new URL(serverUrl ?? "");
      url.searchParams.set("options", `-c search_path=${schema}`);
      const env = { DATABASE_URL: url.toString() };
      await expect(openStore(env)).rejects.toThrow(
        /pending migration.*0001_initial\.sql.*run accord migrate/,
      );
      const out = vi
        .spyOn(process.stdout, "write")
        .mockImplementation((() => true) as typeof process.stdout.write);
      try {
        expect(await migrateCommand([], env)).toBe(0);
      } finally {
        out.mockRestore();
      }
      const db = await openStore(env);
      expect(await db.query("SELECT to_regclass('districts')::text AS t")).toEqual([{ t: "districts" }]);
      await db.close();
    } finally {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
