/**
 * GET /api/alerts: the alerts of the acting organization's active contracts as of the
 * clock's day. The story: on Oct 15, 2024 contract c9 has 451 students enrolled of 1,200
 * planned (critical); the world's other contracts have none enrolled of 4. A vendor sees
 * its own contracts' alerts only; a district its own district's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { TEST_STORES } from "../db/stores.js";
import { TestClock, openApiWorld, signInAs, termsFor, type ApiWorld } from "./harness.js";

interface AlertItem {
  code: string;
  severity: string;
  districtId: string;
  contractId: string;
  contractTitle: string;
  subject: string;
  message: string;
  target: Record<string, string>;
}

const dir = mkdtempSync(join(tmpdir(), "accord-alerts-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seedC9(world: ApiWorld, root: string): Promise<void> {
  const terms = {
    ...termsFor("d1", "c9", "v1"),
    title: "Reading tutoring at scale",
    period: { start: "2024-09-01", end: "2025-05-31" },
    expectedStudents: 1200,
    eligibility: { grades: ["8"] },
  };
  const text = JSON.stringify(terms, null, 2);
  const recorded = await recordContract(world.db, {
    source: { path: "c9.json", text, document: JSON.parse(text) as unknown, syntaxError: null },
    districtId: "d1",
    recordedBy: "test",
    reason: "signed",
  });
  if (recorded.kind === "invalid") throw new Error(JSON.stringify(recorded.problems));
  const ids = Array.from({ length: 451 }, (_, i) => `S${String(i + 1).padStart(4, "0")}`);
  await writeFile(
    join(root, "students.csv"),
    "student_id,school_id,grade\n" + ids.map((id) => `${id},sch1,8\n`).join(""),
  );
  await writeFile(
    join(root, "enrollments.csv"),
    "contract_id,student_id,enrolled_on\n" + ids.map((id) => `c9,${id},2024-09-10\n`).join(""),
  );
  for (const kind of ["students", "enrollments"]) {
    const result = await importCanonicalFile(world.db, importFile(join(root, `${kind}.csv`)), {
      districtId: "d1",
      format: null,
      importedBy: "test",
    });
    if (result.kind !== "imported" || result.rejected > 0)
      throw new Error(`${kind}: ${JSON.stringify(result)}`);
  }
}

describe.each(TEST_STORES)("alerts API ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store, { clock: new TestClock(Date.parse("2024-10-15T15:00:00Z")) });
    const root = join(dir, store.name);
    const { mkdir } = await import("node:fs/promises");
    await mkdir(root, { recursive: true });
    await seedC9(world, root);
  }, 120_000);
  afterAll(async () => world.close());

  async function alertsOf(role: "district_admin" | "vendor_user" | "auditor", org: string) {
    const client = await signInAs(world, role, org);
    const response = await client.request("GET", "/api/alerts");
    expect(response.status).toBe(200);
    return (await response.json()) as { asOf: string; items: AlertItem[]; unsettled: unknown[] };
  }

  it("alarms on 451 enrolled of 1,200 planned in October, most severe first", async () => {
    const list = await alertsOf("district_admin", "d1");
    expect(list.asOf).toBe("2024-10-15");
    expect(list.unsettled).toEqual([]);
    expect(list.items.find((a) => a.contractId === "c9" && a.code === "enrolment-behind")).toEqual({
      code: "enrolment-behind",
      severity: "critical",
      districtId: "d1",
      contractId: "c9",
      contractTitle: "Reading tutoring at scale",
      subject: "enrolment",
      message:
        "Enrolment is behind plan: 451 students enrolled of 880 expected by Oct 15, 2024 (of 1,200 planned), 51% of pace.",
      target: { page: "contract", section: "progress" },
    });
    // c1 and c2 (period from Sep 3): none enrolled of 2 expected, and their "enroll" obligation at risk.
    expect(list.items.map((a) => [a.contractId, a.code, a.severity])).toEqual([
      ["c1", "enrolment-behind", "critical"],
      ["c2", "enrolment-behind", "critical"],
      ["c9", "enrolment-behind", "critical"],
      ["c1", "obligation-at-risk", "warning"],
      ["c2", "obligation-at-risk", "warning"],
    ]);
  });

  it("gives a vendor the alerts of its own contracts only, across districts", async () => {
    const v1 = await alertsOf("vendor_user", "v1");
    expect([...new Set(v1.items.map((a) => `${a.districtId}/${a.contractId}`))].sort()).toEqual([
      "d1/c1",
      "d1/c9",
      "d2/c3",
    ]);
    const v2 = await alertsOf("vendor_user", "v2");
    expect([...new Set(v2.items.map((a) => a.contractId))]).toEqual(["c2"]);
    const d2 = await alertsOf("auditor", "d2");
    expect([...new Set(d2.items.map((a) => a.contractId))]).toEqual(["c3"]);
  });

  it("leaves out contracts that are not active", async () => {
    await world.db.query(
      "UPDATE contracts SET stage = 'closed' WHERE district_id = 'd1' AND contract_id = 'c9'",
    );
    const list = await alertsOf("district_admin", "d1");
    expect(list.items.some((a) => a.contractId === "c9")).toBe(false);
    await world.db.query(
      "UPDATE contracts SET stage = 'active' WHERE district_id = 'd1' AND contract_id = 'c9'",
    );
  });

  it("refuses a platform administrator, who is party to no contract", async () => {
    const client = await signInAs(world, "platform_admin" as never, "platform");
    expect((await client.request("GET", "/api/alerts")).status).toBe(403);
  });
});
