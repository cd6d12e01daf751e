import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/adapters/db/open-store.js";
import { appendAudit, type AuditEvent } from "../../src/app/audit-log.js";
import type { Db } from "../../src/app/ports/db.js";
import { runAccord } from "../support/capture-output.js";

/** Runs `accord ARGS` against the PGlite store in `dir`, capturing both output streams. */
const accord = (dir: string, args: string[]) => runAccord(args, { ACCORD_DATA_DIR: dir });

const event = (organizationId: string, objectId: string): AuditEvent => ({
  actorUserId: `u-${organizationId}`,
  actorTokenId: null,
  organizationId,
  districtId: "d1",
  action: "contract.create",
  objectType: "contract",
  objectId,
  detail: { version: 1 },
});

describe("accord audit", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "accord-audit-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Works on the store directly, as the database owner (seeding, tampering). */
  async function withOwnStore(fn: (db: Db) => Promise<unknown>): Promise<void> {
    const db = await openStore({ ACCORD_DATA_DIR: dir });
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  }

  it("verifies an empty log and a log of appended entries, and exits 0", async () => {
    expect(await accord(dir, ["audit", "verify"])).toMatchObject({
      code: 0,
      out: "audit log: 0 entries, chain intact\n",
    });
    await withOwnStore(async (db) => {
      const at = new Date("2025-03-01T12:00:00Z");
      for (const [org, contract] of [
        ["d1", "c1"],
        ["v1", "c1"],
        ["d1", "c2"],
      ] as const)
        await db.transaction((tx) => appendAudit(tx, event(org, contract), at));
    });
    expect(await accord(dir, ["audit", "verify"])).toMatchObject({
      code: 0,
      out: "audit log: 3 entries, chain intact\n",
    });
  });

  it("lists the last N entries of an organization, oldest first", async () => {
    const all = await accord(dir, ["audit", "list"]);
    expect(all.code).toBe(0);
    expect(all.out.split("\n")[0]).toMatch(/^seq\s+occurred_at\s+organization\s+district\s+actor/);
    expect(all.out.trimEnd().split("\n")).toHaveLength(4);
    const d1 = await accord(dir, ["audit", "list", "--organization", "d1", "--limit", "1"]);
    const lines = d1.out.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^3\s+2025-03-01T12:00:00\.000000Z\s+d1\s+d1\s+user u-d1\s+contract\.create\s+contract c2/,
    );
  });

  it("refuses a limit that is not a whole number from 1", async () => {
    const r = await accord(dir, ["audit", "list", "--limit", "0"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--limit must be a whole number");
  });

  it("names the altered entry on standard error and exits 2", async () => {
    await withOwnStore(async (db) => {
      await db.query(`UPDATE audit_events SET object_id = 'c9' WHERE seq = 2`);
    });
    const r = await accord(dir, ["audit", "verify"]);
    expect(r).toMatchObject({
      code: 2,
      out: "",
      err: "audit log: entry 2 does not hold: its content does not match its hash\n",
    });
  });
});
