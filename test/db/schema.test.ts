import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { readSchemaSnapshot } from "../../src/adapters/db/schema-snapshot.js";
import { TEST_STORES } from "./stores.js";

const SNAPSHOT = new URL("../../db/schema.snapshot.json", import.meta.url);

/** Each primary and foreign key with its columns, and a foreign key's referenced columns. */
const KEYS = `
  SELECT c.relname AS table, k.conname AS name, k.contype AS kind,
         (SELECT string_agg(a.attname, ',' ORDER BY n.i) FROM unnest(k.conkey) WITH ORDINALITY n(attnum, i)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = n.attnum) AS columns,
         (SELECT string_agg(a.attname, ',' ORDER BY n.i) FROM unnest(k.confkey) WITH ORDINALITY n(attnum, i)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = n.attnum) AS ref_columns
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
   WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f')
   ORDER BY 1, 2`;

/** Tables without a primary key (bulk-loaded with COPY, docs/decisions/0006): district_id must still lead. */
const KEYLESS = new Set(["service_sessions"]);

/**
 * Platform tables (organizations, accounts and what hangs off them, the audit log): on
 * Citus they are reference tables, copied to every node. They never reference a tenant
 * table, and no tenant table references them.
 */
const PLATFORM = new Set([
  "organizations",
  "users",
  "memberships",
  "auth_sessions",
  "sign_in_failures",
  "password_resets",
  "api_tokens",
  "oidc_logins",
  "idempotency_keys",
  "audit_events",
  "audit_chain_head",
  "alert_preferences",
  "alert_unsubscribe_tokens",
]);

describe.each(TEST_STORES)("schema on $name", ({ open }) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await migrate(db, await readMigrations());
  });
  afterAll(async () => {
    await db.close();
  });

  it("is the checked-in snapshot (npm run db:snapshot rewrites it after a new migration)", async () => {
    const expected: unknown = JSON.parse(await readFile(SNAPSHOT, "utf8"));
    expect(await readSchemaSnapshot(db)).toEqual(expected);
  });

  it("puts district_id first in every primary key and in both sides of every foreign key", async () => {
    const keys = await db.query<{
      table: string;
      name: string;
      kind: string;
      columns: string;
      ref_columns: string | null;
    }>(KEYS);
    const tables = await db.query<{ table: string; first_column: string }>(
      `SELECT c.relname AS table, a.attname AS first_column
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
          AND c.relname <> 'schema_migrations'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const bad: string[] = [];
    const referenced = await db.query<{ table: string; ref_table: string }>(
      `SELECT c.relname AS table, r.relname AS ref_table
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND k.contype = 'f'`,
    );
    for (const { table, ref_table } of referenced)
      if (PLATFORM.has(table) !== PLATFORM.has(ref_table)) bad.push(`${table} references ${ref_table}`);
    for (const { table, first_column } of tables) {
      if (PLATFORM.has(table)) continue;
      const pk = keys.find((k) => k.table === table && k.kind === "p");
      if (KEYLESS.has(table)) {
        if (pk !== undefined || first_column !== "district_id")
          bad.push(`${table}: keyless by design, first column ${first_column}, key ${pk?.columns ?? "none"}`);
      } else if (pk === undefined || !pk.columns.startsWith("district_id"))
        bad.push(`${table}: primary key (${pk?.columns ?? "none"})`);
      for (const fk of keys.filter((k) => k.table === table && k.kind === "f")) {
        const first = (list: string | null): string | undefined => list?.split(",")[0];
        if (first(fk.columns) !== "district_id" || first(fk.ref_columns) !== "district_id")
          bad.push(`${table}: foreign key ${fk.name} (${fk.columns}) -> (${fk.ref_columns ?? ""})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps statements immutable", async () => {
    await db.exec(`
      INSERT INTO districts (district_id, name) VALUES ('d1', 'District One');
      INSERT INTO vendors (district_id, vendor_id, name) VALUES ('d1', 'v1', 'Vendor');
      INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ('d1', 'c1', 'v1', 'Tutoring');`);
    const terms = '{"contractId": "c1", "windows": {"fall": 1, "a": 2}}';
    await db.query(
      `INSERT INTO contract_terms_versions
         (district_id, contract_id, version, terms_source, terms_sha256, terms, reason, recorded_by)
       VALUES ('d1', 'c1', 1, $1, $2, $3::jsonb, 'signed', 'test')`,
      [terms, "0".repeat(64), terms],
    );
    const [row] = await db.query<{ statement_id: bigint; terms_source: string }>(
      `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document, input_digest)
       VALUES ('d1', 'c1', 1, '2025-06-30', '{"total": "10.00"}', '{"total": "10.00"}', $1)
       RETURNING statement_id, (SELECT terms_source FROM contract_terms_versions) AS terms_source`,
      ["a".repeat(64)],
    );
    expect(row?.terms_source).toBe(terms);
    expect(typeof row?.statement_id).toBe("bigint");
    await expect(db.query("UPDATE statements SET as_of = '2025-07-01'")).rejects.toThrow(/immutable/);
    await expect(db.query("DELETE FROM statements")).rejects.toThrow(/immutable/);
    await expect(
      db.query(
        `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document, input_digest)
         VALUES ('d1', 'c1', 1, '2025-06-30', '{"total": "10.00"}', '{"total": "99.00"}', $1)`,
        ["a".repeat(64)],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
