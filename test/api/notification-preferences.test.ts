/**
 * GET and PUT /api/account/notification-preferences: one's own alert e-mail preferences
 * for the membership signed in with, the role's defaults where nothing is chosen, bad
 * choices refused with the JSON path of each problem, and the change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld } from "./harness.js";

interface Preferences {
  kinds: { kind: string; label: string; delivery: string; roleDefault: string }[];
  digestHour: number;
  timeZone: string;
}

const PATH = "/api/account/notification-preferences";
const deliveriesOf = (p: Preferences) => Object.fromEntries(p.kinds.map((k) => [k.kind, k.delivery]));

describe.each(TEST_STORES)("notification preferences API ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
  }, 60_000);
  afterAll(async () => world.close());

  it("gives a district administrator the role's defaults: critical kinds at once, the rest in the digest", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const response = await admin.request("GET", PATH);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Preferences;
    expect(body.digestHour).toBe(7);
    expect(body.timeZone).toBe("America/New_York");
    expect(body.kinds[0]).toEqual({
      kind: "enrolment-behind",
      label: "Enrolment behind plan",
      delivery: "immediate",
      roleDefault: "immediate",
    });
    expect(deliveriesOf(body)).toMatchObject({
      "enrolment-behind": "immediate",
      "dosage-behind": "immediate",
      "assessment-data-missing": "immediate",
      "obligation-due-soon": "digest",
      "obligation-overdue": "immediate",
      "obligation-at-risk": "digest",
      "obligation-not-met": "immediate",
      "statement-awaiting-approval": "digest",
    });
  });

  it("gives an auditor everything off and a vendor nothing about the district's data deliveries", async () => {
    const auditor = (await (
      await signInAs(world, "auditor", "d1")
    )
      .request("GET", PATH)
      .then((r) => r.json())) as Preferences;
    expect(new Set(auditor.kinds.map((k) => k.delivery))).toEqual(new Set(["off"]));
    const vendor = (await (
      await signInAs(world, "vendor_user", "v1")
    )
      .request("GET", PATH)
      .then((r) => r.json())) as Preferences;
    expect(deliveriesOf(vendor)["assessment-data-missing"]).toBe("off");
    expect(deliveriesOf(vendor)["enrolment-behind"]).toBe("immediate");
  });

  it("saves one's choices, keeps the defaults of kinds left out, and audits the change", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    const put = await analyst.request("PUT", PATH, {
      deliveries: { "enrolment-behind": "immediate", "statement-awaiting-approval": "off" },
      digestHour: 16,
    });
    expect(put.status).toBe(200);
    const saved = (await put.json()) as Preferences;
    expect(saved.digestHour).toBe(16);
    expect(deliveriesOf(saved)["enrolment-behind"]).toBe("immediate");
    expect(deliveriesOf(saved)["statement-awaiting-approval"]).toBe("off");
    expect(deliveriesOf(saved)["dosage-behind"]).toBe("digest");
    const again = (await (await analyst.request("GET", PATH)).json()) as Preferences;
    expect(again).toEqual(saved);
    // Another person of the same organization keeps their own defaults.
    const admin = (await (
      await signInAs(world, "district_admin", "d1")
    )
      .request("GET", PATH)
      .then((r) => r.json())) as Preferences;
    expect(deliveriesOf(admin)["statement-awaiting-approval"]).toBe("digest");
    const audit = await world.db.query<{ action: string; detail: unknown }>(
      "SELECT action, detail FROM audit_events WHERE action = 'alert-preferences.update' AND organization_id = 'd1'",
    );
    expect(audit).toHaveLength(1);
    const detail: unknown = audit[0]?.detail;
    expect(typeof detail === "string" ? JSON.parse(detail) : detail).toEqual({
      deliveries: { "enrolment-behind": "immediate", "statement-awaiting-approval": "off" },
      digestHour: 16,
    });
  });

  it("refuses an unknown kind, an unknown delivery and an hour out of range, each with its path", async () => {
    const analyst = await signInAs(world, "district_analyst", "d2");
    const response = await analyst.request("PUT", PATH, {
      deliveries: { "enrolment-behind": "weekly", "weather-warning": "off" },
      digestHour: 24,
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as {
      code: string;
      problems: { path: string; message: string }[];
    };
    expect(problem.code).toBe("invalid-request");
    expect(problem.problems.map((p) => p.path).sort()).toEqual([
      "$.body.deliveries",
      '$.body.deliveries["enrolment-behind"]',
      "$.body.digestHour",
    ]);
    expect(problem.problems.find((p) => p.path === "$.body.digestHour")?.message).toBe(
      "an hour from 0 to 23",
    );
    expect(problem.problems.find((p) => p.path === "$.body.deliveries")?.message).toContain(
      "weather-warning",
    );
    const unchanged = (await (await analyst.request("GET", PATH)).json()) as Preferences;
    expect(unchanged.digestHour).toBe(7);
  });

  it("forgets a member's preferences when the member is removed from the organization", async () => {
    const analyst = await signInAs(world, "district_analyst", "d2");
    expect((await analyst.request("PUT", PATH, { deliveries: {}, digestHour: 9 })).status).toBe(200);
    const [row] = await world.db.query<{ user_id: string }>(
      "SELECT user_id FROM alert_preferences WHERE organization_id = 'd2'",
    );
    const admin = await signInAs(world, "district_admin", "d2");
    expect((await admin.request("DELETE", `/api/users/${row?.user_id}/membership`)).status).toBe(204);
    expect(await world.db.query("SELECT 1 FROM alert_preferences WHERE organization_id = 'd2'")).toEqual([]);
  });

  it("refuses a platform administrator, who gets no alerts", async () => {
    const operator = await signInAs(world, "platform_admin", "platform");
    expect((await operator.request("GET", PATH)).status).toBe(403);
  });
});
