/**
 * The demo workspace `accord serve` seeds on first start: once only, three contracts at
 * three stages, a settled one with one approved final statement, an account per role
 * whose random password (and, for administrators, TOTP code) signs in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { argon2Hasher } from "../../src/adapters/auth/argon2-hasher.js";
import { totp } from "../../src/adapters/auth/otp.js";
import { verifyAuditChain } from "../../src/app/audit-log.js";
import { signIn } from "../../src/app/auth/sign-in.js";
import { DEFAULT_SESSION_RULES } from "../../src/app/auth/sessions.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { MID_YEAR, planDemoDistrict } from "../../src/app/demo-workspace/demo-district.js";
import { demoSignInText } from "../../src/app/demo-workspace/demo-sign-in-text.js";
import { type DemoWorkspace, seedDemoWorkspace } from "../../src/app/demo-workspace/seed-demo-workspace.js";
import { TEST_STORES } from "./stores.js";

const AT = new Date("2025-02-10T15:00:00Z");
const clock = { now: () => AT };
const deps = {
  clock,
  hasher: argon2Hasher({ memoryCostKib: 1024, timeCost: 1, parallelism: 1 }),
  totp: totp(),
};
const STUDENTS = 400;

const COUNTED = [
  "organizations",
  "users",
  "memberships",
  "districts",
  "vendors",
  "contracts",
  "contract_terms_versions",
  "import_batches",
  "students",
  "enrollments",
  "service_sessions",
  "statements",
  "statement_reviews",
  "audit_events",
];

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = row?.n ?? -1;
  }
  return out;
}

describe("the demo district's plan", () => {
  it("gives the active contract a vendor of its own when the generator named the settled contract's", () => {
    const terms = generateDistrict({ students: 30, seed: "v2", contracts: 3 }).terms();
    expect(terms[1]?.vendor.id).toBe(terms[0]?.vendor.id); // the case under test
    const plan = planDemoDistrict({ students: 30, seed: "v2" });
    expect(plan.vendors).toHaveLength(2);
    expect(new Set(plan.vendors.map((v) => v.id)).size).toBe(2);
    expect(plan.contracts.map((c) => c.vendorId)).toEqual([
      plan.vendors[0]?.id,
      plan.vendors[1]?.id,
      plan.vendors[0]?.id,
    ]);
    const active = JSON.parse(plan.contracts[1]?.termsText ?? "{}") as { vendor: { id: string } };
    expect(active.vendor.id).toBe(plan.vendors[1]?.id);
  });
});

describe.each(TEST_STORES)("the demo workspace ($name)", (testStore) => {
  let db: Db;
  let workspace: DemoWorkspace;
  beforeAll(async () => {
    db = await testStore.open();
    await migrate(db, await readMigrations());
    const seeded = await seedDemoWorkspace(db, deps, { students: STUDENTS });
    if (seeded === null) throw new Error("an empty store was not seeded");
    workspace = seeded;
  }, 60_000);
  afterAll(async () => db.close());

  it("is seeded once: a second start returns null and changes nothing", async () => {
    const before = await counts(db);
    const [head] = await db.query("SELECT last_seq, last_sha256 FROM audit_chain_head");
    expect(await seedDemoWorkspace(db, deps, { students: STUDENTS })).toBeNull();
    expect(await counts(db)).toEqual(before);
    expect(await db.query("SELECT last_seq, last_sha256 FROM audit_chain_head")).toEqual([head]);
    expect(before["students"]).toBe(STUDENTS);
  });

  it("holds a draft with proposed terms and an active and a settled contract with approved terms", async () => {
    const rows = await db.query<{ contract_id: string; stage: string; status: string; approved: boolean }>(
      `SELECT c.contract_id, c.stage, v.status,
              (v.district_approved_by IS NOT NULL AND v.vendor_approved_by IS NOT NULL) AS approved
         FROM contracts c JOIN contract_terms_versions v USING (district_id, contract_id)
        WHERE c.district_id = $1 ORDER BY c.stage`,
      [workspace.districtId],
    );
    expect(rows.map((r) => [r.stage, r.status, r.approved])).toEqual([
      ["active", "approved", true],
      ["draft", "proposed", false],
      ["settled", "approved", true],
    ]);
    expect(workspace.contracts.map((c) => c.stage).sort()).toEqual(["active", "draft", "settled"]);
  });

  it("names two vendor organizations, each the vendor of a contract", async () => {
    const vendors = await db.query<{ organization_id: string }>(
      "SELECT organization_id FROM organizations WHERE kind = 'vendor' ORDER BY organization_id",
    );
    const named = [...new Set(workspace.contracts.map((c) => c.vendorId))].sort();
    expect(vendors.map((v) => v.organization_id)).toEqual(named);
    expect(named).toHaveLength(2);
  });

  it("keeps the active contract's data to mid-year and gives the draft none", async () => {
    const byStage = (stage: string) => workspace.contracts.find((c) => c.stage === stage)?.contractId ?? "";
    const [active] = await db.query<{ n: number; last: string }>(
      "SELECT count(*)::int AS n, max(session_date) AS last FROM service_sessions WHERE contract_id = $1",
      [byStage("active")],
    );
    expect(active?.n).toBeGreaterThan(0);
    expect((active?.last ?? "9999") <= MID_YEAR).toBe(true);
    const [draft] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM enrollments WHERE contract_id = $1)
            + (SELECT count(*) FROM service_sessions WHERE contract_id = $1) AS n`,
      [byStage("draft")],
    );
    expect(Number(draft?.n)).toBe(0);
  });

  it("issues one final statement of the settled contract, approved once, and none of the others", async () => {
    const statements = await db.query<{
      contract_id: string;
      statement_id: bigint;
      kind: string;
      final: boolean;
    }>("SELECT contract_id, statement_id, kind, (document->>'final')::boolean AS final FROM statements");
    const settled = workspace.contracts.find((c) => c.stage === "settled");
    expect(statements.map((s) => [s.contract_id, s.kind, s.final])).toEqual([
      [settled?.contractId, "final", true],
    ]);
    const reviews = await db.query<{ action: string; organization_id: string }>(
      "SELECT action, organization_id FROM statement_reviews WHERE statement_id = $1",
      [statements[0]?.statement_id ?? 0n],
    );
    expect(reviews).toEqual([{ action: "approve", organization_id: workspace.districtId }]);
    // It carries the data quality check a settlement run keeps, as every statement does.
    const [quality] = await db.query<{ data_quality: { provisional: boolean; findings: unknown[] } | null }>(
      "SELECT data_quality FROM statements WHERE statement_id = $1",
      [statements[0]?.statement_id ?? 0n],
    );
    expect(quality?.data_quality).not.toBeNull();
    expect(typeof quality?.data_quality?.provisional).toBe("boolean");
    expect(Array.isArray(quality?.data_quality?.findings)).toBe(true);
  });

  it("gives every role an account whose password verifies and whose membership has that role", async () => {
    const roles = workspace.users.map((u) => u.role).sort();
    expect(roles).toEqual([
      "auditor",
      "district_admin",
      "district_analyst",
      "platform_admin",
      "vendor_user",
      "vendor_user",
    ]);
    for (const user of workspace.users) {
      const [row] = await db.query<{ password_hash: string; role: string; organization_id: string }>(
        `SELECT u.password_hash, m.role, m.organization_id FROM users u JOIN memberships m USING (user_id)
          WHERE u.email = $1`,
        [user.email],
      );
      expect(await deps.hasher.verify(row?.password_hash ?? "", user.password)).toBe(true);
      expect(await deps.hasher.verify(row?.password_hash ?? "", `${user.password}x`)).toBe(false);
      expect([row?.role, row?.organization_id]).toEqual([user.role, user.organizationId]);
      const session = await signIn(
        { db, clock, hasher: deps.hasher, rules: DEFAULT_SESSION_RULES },
        { email: user.email, password: user.password, organizationId: null },
      );
      expect(session.kind === "signed-in" && [session.actor.role, session.needsSecondFactor]).toEqual([
        user.role,
        user.role === "district_admin" || user.role === "platform_admin",
      ]);
    }
  });

  it("enrols the administrators' second factor, and only theirs, with the secret it returns", async () => {
    for (const user of workspace.users) {
      const [row] = await db.query<{ totp_secret: string | null; totp_enabled_at: string | null }>(
        "SELECT totp_secret, totp_enabled_at FROM users WHERE email = $1",
        [user.email],
      );
      const admin = user.role === "district_admin" || user.role === "platform_admin";
      expect(row?.totp_enabled_at !== null).toBe(admin);
      expect(row?.totp_secret ?? undefined).toBe(user.totpSecret);
      if (user.totpSecret === undefined) continue;
      expect(user.totpUri).toMatch(/^otpauth:\/\/totp\//);
      expect(
        deps.totp.verify(row?.totp_secret ?? "", deps.totp.generate(user.totpSecret, AT), AT),
      ).not.toBeNull();
    }
  });

  it("gives no two accounts the same password", () => {
    const passwords = workspace.users.map((u) => u.password);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords) expect(p).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  });

  it("records what it created in the audit log as demo.seed, on an unbroken chain", async () => {
    const rows = await db.query<{ object_type: string; n: number }>(
      `SELECT object_type, count(*)::int AS n FROM audit_events WHERE action = 'demo.seed'
        GROUP BY object_type ORDER BY object_type`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.object_type, r.n]))).toEqual({
      contract: 3,
      "import-batch": 6,
      organization: 4,
      statement: 1,
      user: 6,
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("prints every account's e-mail and password, and the administrators' TOTP secrets", () => {
    const text = demoSignInText(workspace);
    for (const user of workspace.users) {
      expect(text).toContain(user.email);
      expect(text).toContain(user.password);
      if (user.totpSecret !== undefined) expect(text).toContain(user.totpSecret);
    }
    expect(text).toContain("authenticator");
  });
});
