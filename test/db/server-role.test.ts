import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { openPglite } from "../../src/adapters/db/pglite-db.js";
import { openPostgres } from "../../src/adapters/db/postgres-db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { checkServerRole } from "../../src/app/check-server-role.js";
import { TEST_STORES } from "./stores.js";

const serverUrl = process.env["TEST_DATABASE_URL"]?.trim() ?? "";
const LOGIN = "accord_serve_test";

function asUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = "";
  return parsed.toString();
}

describe("the server's database role", () => {
  it("accepts PGlite, where every transaction switches to accord_app", async () => {
    const db = await openPglite(null);
    try {
      expect(await checkServerRole(db)).toEqual({ ok: true });
    } finally {
      await db.close();
    }
  });

  describe.skipIf(serverUrl === "")("on the PostgreSQL server", () => {
    let owner: Db;
    beforeAll(async () => {
      const store = TEST_STORES.find((s) => s.name === "postgres");
      if (store === undefined) throw new Error("no server store");
      owner = await store.open();
      await migrate(owner, await readMigrations());
      await owner.exec(`DO $$ BEGIN CREATE ROLE ${LOGIN} LOGIN IN ROLE accord_app;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
      await owner.exec(`DO $$ BEGIN CREATE ROLE ${LOGIN}_outsider LOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    });
    afterAll(async () => owner.close());

    it("refuses a superuser connection, saying how to connect instead", async () => {
      const verdict = await checkServerRole(owner);
      expect(verdict.ok).toBe(false);
      expect(!verdict.ok && verdict.reason).toMatch(
        /a superuser: connect as a login role that is a member of accord_app/,
      );
    });

    it("refuses a login role outside accord_app", async () => {
      const db = await openPostgres(asUser(serverUrl, `${LOGIN}_outsider`), { maxConnections: 1 });
      try {
        const verdict = await checkServerRole(db);
        expect(!verdict.ok && verdict.reason).toMatch(/not a member of accord_app/);
      } finally {
        await db.close();
      }
    });

    it("accepts a login role that is a member of accord_app", async () => {
      const db = await openPostgres(asUser(serverUrl, LOGIN), { maxConnections: 1 });
      try {
        expect(await checkServerRole(db)).toEqual({ ok: true });
      } finally {
        await db.close();
      }
    });
  });
});
