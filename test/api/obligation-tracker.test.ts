import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

interface HistoryEntry {
  entryId: string;
  status: string;
  evidence: string | null;
  source: string;
  batchId: string;
  recordedBy: string;
  recordedByName: string | null;
  recordedAt: string;
}

interface Obligation {
  obligationId: string;
  status: string | null;
  owner: { name: string; email: string | null } | null;
  dueOn: string;
  dueOnSource: string;
  daysLeft: number | null;
  history: HistoryEntry[];
}

const C1 = "/api/districts/d1/contracts/c1/obligations";
const PLAN = `${C1}/same-tutor/plan`;
/** The demo terms' period ends on 2025-05-23; the test clock reads 2025-01-15. */
const PERIOD_END = "2025-05-23";

async function listed(client: Client, id: string, path = C1): Promise<Obligation> {
  const response = await client.request("GET", path);
  expect(response.status).toBe(200);
  const found = ((await response.json()) as { items: Obligation[] }).items.find((o) => o.obligationId === id);
  if (found === undefined) throw new Error(`no obligation ${id}`);
  return found;
}

function importObligations(client: Client, csv: string): Promise<Response> {
  return client.request(
    "POST",
    "/api/districts/d1/imports?fileName=obligations.csv&format=obligations",
    csv,
    {
      "content-type": "text/csv",
      "idempotency-key": randomUUID(),
    },
  );
}

describe.each(TEST_STORES)("obligations tracker API ($name)", (store) => {
  let world: ApiWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await openApiWorld(store);
    admin = await signInAs(world, "district_admin", "d1");
  }, 120_000);
  afterAll(async () => world.close());

  it("shows every obligation due at the period's end, with no owner and no history, before a plan is set", async () => {
    expect(await listed(admin, "same-tutor")).toMatchObject({
      owner: null,
      dueOn: PERIOD_END,
      dueOnSource: "periodEnd",
      daysLeft: 128,
      history: [],
    });
  });

  it("sets an obligation's owner and due date, audited; the same plan again records nothing", async () => {
    const plan = { owner: { name: "Dana Ruiz", email: "dana@tutors.example" }, dueOn: "2025-03-31" };
    const response = await admin.request("PUT", PLAN, plan);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      obligationId: "same-tutor",
      owner: { name: "Dana Ruiz", email: "dana@tutors.example" },
      dueOn: "2025-03-31",
      dueOnSource: "plan",
      daysLeft: 75,
    });
    expect((await admin.request("PUT", PLAN, plan)).status).toBe(200);
    const audit = await world.db.query<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE action = 'obligation.plan'",
    );
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { contractId: "c1", obligationId: "same-tutor", owner: "Dana Ruiz", dueOn: "2025-03-31" },
    ]);
    const analyst = await signInAs(world, "district_analyst", "d1");
    const enroll = await analyst.request("PUT", `${C1}/enroll/plan`, {
      owner: { name: "Sam Okafor" },
      dueOn: "2024-10-31",
    });
    expect(enroll.status).toBe(200);
    expect(await enroll.json()).toMatchObject({ owner: { name: "Sam Okafor", email: null }, daysLeft: -76 });
  });

  it("clears a plan back to the period's end", async () => {
    await admin.request("PUT", `${C1}/enroll/plan`, { owner: { name: "Sam Okafor" }, dueOn: "2024-10-31" });
    const cleared = await admin.request("PUT", `${C1}/enroll/plan`, { owner: null, dueOn: null });
    expect(await cleared.json()).toMatchObject({ owner: null, dueOn: PERIOD_END, dueOnSource: "periodEnd" });
    expect(await world.db.query("SELECT 1 FROM obligation_plans WHERE obligation_id = 'enroll'")).toEqual([]);
  });

  it("says where a plan is wrong: a missing or blank name, a bad e-mail, an unreal day, a day outside the period", async () => {
    const bad = await admin.request("PUT", PLAN, {
      owner: { name: "  ", email: "dana" },
      dueOn: "2025-02-30",
    });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths.sort()).toEqual(["$.body.dueOn", "$.body.owner.email", "$.body.owner.name"]);
    const missing = await admin.request("PUT", PLAN, { owner: null });
    expect(await missing.json()).toMatchObject({ problems: [{ path: "$.body.dueOn" }] });
    const extra = await admin.request("PUT", PLAN, { owner: null, dueOn: null, party: "district" });
    expect(extra.status).toBe(400);
    const outside = await admin.request("PUT", PLAN, { owner: null, dueOn: "2025-06-30" });
    expect(outside.status).toBe(400);
    expect(await outside.json()).toMatchObject({
      problems: [
        {
          path: "$.body.dueOn",
          code: "outside-period",
          message: "the due date must be within the contract period, 2024-09-03 to 2025-05-23",
        },
      ],
    });
    expect((await listed(admin, "same-tutor")).dueOn).toBe("2025-03-31");
  });

  it("lets a vendor name the owner of its own obligations, but not move a due date or plan the district's", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const own = await vendor.request("PUT", PLAN, { owner: { name: "Lee Park" }, dueOn: "2025-03-31" });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ owner: { name: "Lee Park" }, dueOn: "2025-03-31" });
    const moved = await vendor.request("PUT", PLAN, { owner: { name: "Lee Park" }, dueOn: "2025-05-01" });
    expect(moved.status).toBe(403);
    const district = await vendor.request("PUT", `${C1}/enroll/plan`, {
      owner: { name: "Lee" },
      dueOn: null,
    });
    expect(district.status).toBe(403);
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await v2.request("PUT", PLAN, { owner: null, dueOn: null })).status).toBe(404);
    const d2 = await signInAs(world, "district_admin", "d2");
    expect((await d2.request("PUT", PLAN, { owner: null, dueOn: null })).status).toBe(404);
    expect((await admin.request("PUT", `${C1}/no-such/plan`, { owner: null, dueOn: null })).status).toBe(404);
  });

  it("keeps the auditor read-only: it sees plans and history but sets no plan", async () => {
    const auditor = await signInAs(world, "auditor", "d1");
    expect((await auditor.request("PUT", PLAN, { owner: null, dueOn: null })).status).toBe(403);
    expect(await listed(auditor, "same-tutor")).toMatchObject({ owner: { name: "Lee Park" } });
  });

  it("raises due-soon and not-met alerts on the plan's due date rather than the period's end", async () => {
    const alerts = async () =>
      (
        (await (await admin.request("GET", "/api/alerts")).json()) as {
          items: { code: string; contractId: string; subject: string; message: string }[];
        }
      ).items.filter((a) => a.contractId === "c1" && a.code.startsWith("obligation-"));
    expect((await alerts()).map((a) => a.code)).not.toContain("obligation-due-soon");
    await admin.request("PUT", PLAN, { owner: { name: "Lee Park" }, dueOn: "2025-02-10" });
    await admin.request("PUT", `${C1}/enroll/plan`, { owner: null, dueOn: "2024-12-31" });
    expect(await alerts()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: "obligation-due-soon",
          subject: "same-tutor",
          message: expect.stringContaining("is due on Feb 10, 2025, in 26 days") as unknown,
        }),
        expect.objectContaining({
          code: "obligation-not-met",
          subject: "enroll",
          message: expect.stringContaining("required by Dec 31, 2024") as unknown,
        }),
      ]),
    );
    const progress = (await (
      await admin.request("GET", "/api/districts/d1/contracts/c1/progress")
    ).json()) as {
      obligations: { obligationId: string; dueOn: string }[];
    };
    expect(progress.obligations.map((o) => [o.obligationId, o.dueOn])).toEqual([
      ["enroll", "2024-12-31"],
      ["same-tutor", "2025-02-10"],
    ]);
  });

  it("appends a manual status change to the history, newest first; the same status again adds nothing", async () => {
    await admin.request("PUT", `${C1}/same-tutor`, { status: "notMet", evidence: "two tutors in week 3" });
    await admin.request("PUT", `${C1}/same-tutor`, { status: "met", evidence: "roster fixed" });
    await admin.request("PUT", `${C1}/same-tutor`, { status: "met", evidence: "roster fixed" });
    const o = await listed(admin, "same-tutor");
    expect(o.daysLeft).toBeNull();
    expect(o.history).toMatchObject([
      { status: "met", evidence: "roster fixed", source: "manual", recordedByName: "district_admin of d1" },
      { status: "notMet", evidence: "two tutors in week 3", source: "manual" },
    ]);
    expect(Number(o.history[0]?.entryId)).toBeGreaterThan(Number(o.history[1]?.entryId));
    await expect(world.db.query("DELETE FROM obligation_status_history")).rejects.toThrow(/immutable/);
  });

  it("appends a changed row of an obligations file to the history; an unchanged row adds nothing", async () => {
    const first = await importObligations(
      admin,
      "contract_id,obligation_id,status,evidence\nc1,same-tutor,notMet,monitor visit\n",
    );
    expect(first.status).toBe(201);
    const { batchId } = (await first.json()) as { batchId: string };
    const o = await listed(admin, "same-tutor");
    expect(o.history).toHaveLength(3);
    expect(o.history[0]).toMatchObject({
      status: "notMet",
      evidence: "monitor visit",
      source: "import",
      batchId,
      recordedByName: "district_admin of d1",
    });
    const second = await importObligations(
      admin,
      "contract_id,obligation_id,status,evidence\nc1,same-tutor,notMet,monitor visit\nc2,same-tutor,met,\n",
    );
    expect(second.status).toBe(201);
    expect((await listed(admin, "same-tutor")).history).toHaveLength(3);
    const c2 = await listed(admin, "same-tutor", "/api/districts/d1/contracts/c2/obligations");
    expect(c2.history).toMatchObject([{ status: "met", source: "import" }]);
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await listed(vendor, "same-tutor")).history).toHaveLength(3);
  });
});
