import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, SqlRunner } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { appendAudit, verifyAuditChain, type AuditEvent } from "../../src/app/audit-log.js";
import { actAs, type OrgScope } from "../../src/app/act-as.js";
import { TEST_STORES } from "./stores.js";

/** Every field set, so that each column can be changed and each nullable one emptied. */
const event = (n: number): AuditEvent => ({
  actorUserId: `user-${n}`,
  actorTokenId: `token-${n}`,
  organizationId: n % 2 === 0 ? "d1" : "v1",
  districtId: "d1",
  action: "contract.update",
  objectType: "contract",
  objectId: `c${n}`,
  detail: { revision: n },
});

const at = (n: number) => new Date(Date.UTC(2025, 2, 1, 12, 0, n));
const VENDOR: OrgScope = { organizationId: "v1", orgKind: "vendor" };

const MIDDLE = 3n;
const ENTRIES = 5n;
const HEX = "'0123456789abcdef', '123456789abcdef0'";

/**
 * Each change of one column of the middle entry, as the owner could make it. Keyed by
 * column: the test checks these cover every column of audit_events, so a column added
 * later must be given a tamper (and so be shown to be covered by the hash).
 */
const TAMPERS: Readonly<Record<string, readonly string[]>> = {
  seq: ["seq + 1000"],
  occurred_at: ["occurred_at + interval '1 microsecond'"],
  actor_user_id: ["actor_user_id || 'x'", "NULL"],
  actor_token_id: ["actor_token_id || 'x'", "NULL"],
  organization_id: ["'d2'", "NULL"],
  district_id: ["'d2'", "NULL"],
  action: ["'contract.delete'"],
  object_type: ["'statement'"],
  object_id: ["object_id || 'x'"],
  detail: [`'{"revision":30}'`, `detail || ' '`],
  prev_sha256: [`translate(prev_sha256, ${HEX})`],
  entry_sha256: [`translate(entry_sha256, ${HEX})`],
};

class RollBack extends Error {}

/** Runs `fn` in a transaction that is always rolled back, so each tamper starts from the intact log. */
async function rolledBack<T>(db: Db, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await expect(
    db.transaction(async (tx) => {
      result = await fn(tx);
      throw new RollBack();
    }),
  ).rejects.toBeInstanceOf(RollBack);
  return result as T;
}

describe.each(TEST_STORES)("audit log on $name", (store) => {
  let db: Db;
  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    for (let n = 1; n <= Number(ENTRIES); n++) await db.transaction((tx) => appendAudit(tx, event(n), at(n)));
  });
  afterAll(async () => db.close());

  it("verifies the appended entries", async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: ENTRIES });
  });

  it("detects a change to any column of a middle entry, and names that entry", async () => {
    const columns = await db.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute
        WHERE attrelid = 'audit_events'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    expect(Object.keys(TAMPERS).sort()).toEqual(columns.map((c) => c.name).sort());
    for (const [column, changes] of Object.entries(TAMPERS))
      for (const change of changes) {
        const verdict = await rolledBack(db, async (tx) => {
          const changed = await tx.query(
            `UPDATE audit_events SET ${column} = ${change} WHERE seq = $1 RETURNING seq`,
            [MIDDLE],
          );
          expect(changed, `${column} = ${change}`).toHaveLength(1);
          return verifyAuditChain(tx);
        });
        expect(verdict, `${column} = ${change}`).toMatchObject({ ok: false, seq: MIDDLE });
      }
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: ENTRIES });
  });

  it("detects a deleted middle entry", async () => {
    const verdict = await rolledBack(db, async (tx) => {
      await tx.query("DELETE FROM audit_events WHERE seq = $1", [MIDDLE]);
      return verifyAuditChain(tx);
    });
    expect(verdict).toEqual({
      ok: false,
      seq: MIDDLE,
      reason: `entry ${MIDDLE} is missing (next is ${MIDDLE + 1n})`,
    });
  });

  it("detects a deleted last entry: the chain head no longer matches the log", async () => {
    const verdict = await rolledBack(db, async (tx) => {
      await tx.query("DELETE FROM audit_events WHERE seq = $1", [ENTRIES]);
      return verifyAuditChain(tx);
    });
    expect(verdict).toMatchObject({ ok: false, seq: ENTRIES, reason: expect.stringMatching(/chain head/) });
  });

  it("keeps no entry of a rolled-back transaction, and the next append follows the last kept entry", async () => {
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, event(90), at(90));
        throw new RollBack();
      }),
    ).rejects.toBeInstanceOf(RollBack);
    expect(await db.query("SELECT seq FROM audit_events WHERE object_id = 'c90'")).toEqual([]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: ENTRIES });
    const next = await db.transaction((tx) => appendAudit(tx, event(91), at(91)));
    expect(next.seq).toBe(ENTRIES + 1n);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: ENTRIES + 1n });
  });

  it("refuses the application role any UPDATE or DELETE of the log", async () => {
    await expect(
      actAs(db, VENDOR, (tx) =>
        tx.query("UPDATE audit_events SET detail = '{}' WHERE organization_id = 'v1'"),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      actAs(db, VENDOR, (tx) => tx.query("DELETE FROM audit_events WHERE organization_id = 'v1'")),
    ).rejects.toThrow(/permission denied/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("chains 30 concurrent appends, each in its own transaction, into one verifiable log", async () => {
    const fresh = await store.open();
    try {
      await migrate(fresh, await readMigrations());
      const entries = await Promise.all(
        Array.from({ length: 30 }, (_, n) => fresh.transaction((tx) => appendAudit(tx, event(n), at(n)))),
      );
      expect(entries.map((e) => e.seq).sort((a, b) => Number(a - b))).toEqual(
        Array.from({ length: 30 }, (_, n) => BigInt(n + 1)),
      );
      expect(await verifyAuditChain(fresh)).toEqual({ ok: true, entries: 30n });
    } finally {
      await fresh.close();
    }
  });
});
