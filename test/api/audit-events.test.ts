import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { openApiWorld, signInAs, type ApiWorld } from "./harness.js";

interface Page {
  items: {
    seq: string;
    action: string;
    organizationId: string | null;
    districtId: string | null;
    actorUserId: string | null;
    actorName: string | null;
  }[];
  nextCursor: string | null;
}

describe.each(TEST_STORES)("audit events API ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
    await signInAs(world, "district_analyst", "d2");
    await signInAs(world, "vendor_user", "v1");
    await signInAs(world, "district_analyst", "d1");
  });
  afterAll(async () => world.close());

  it("shows an auditor its district's entries, newest first, and none of another district's", async () => {
    const auditor = await signInAs(world, "auditor", "d1");
    const page = (await (await auditor.request("GET", "/api/audit-events")).json()) as Page;
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(page.items.every((e) => e.organizationId === "d1" || e.districtId === "d1")).toBe(true);
    const seqs = page.items.map((e) => BigInt(e.seq));
    expect([...seqs].sort((a, b) => (a < b ? 1 : -1))).toEqual(seqs);
  });

  it("filters by action and user, and pages with a cursor", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const signIns = (await (
      await admin.request("GET", "/api/audit-events?action=session.sign-in&limit=1")
    ).json()) as Page;
    expect(signIns.items).toHaveLength(1);
    expect(signIns.items[0]?.action).toBe("session.sign-in");
    expect(signIns.nextCursor).not.toBeNull();
    const next = (await (
      await admin.request(
        "GET",
        `/api/audit-events?action=session.sign-in&limit=1&cursor=${signIns.nextCursor}`,
      )
    ).json()) as Page;
    expect(BigInt(next.items[0]?.seq ?? "0")).toBeLessThan(BigInt(signIns.items[0]?.seq ?? "0"));
    const user = signIns.items[0]?.actorUserId ?? "";
    const mine = (await (await admin.request("GET", `/api/audit-events?user=${user}`)).json()) as Page;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actorUserId === user)).toBe(true);
    const [named] = await world.db.query<{ display_name: string }>(
      "SELECT display_name FROM users WHERE user_id = $1",
      [user],
    );
    expect(named?.display_name).toBeTruthy();
    expect(mine.items.every((e) => e.actorName === named?.display_name)).toBe(true);
  });

  it("refuses the audit log to analysts and vendors (403), and a bad time filter (400)", async () => {
    const analyst = await signInAs(world, "district_analyst", "d1");
    expect((await analyst.request("GET", "/api/audit-events")).status).toBe(403);
    const vendor = await signInAs(world, "vendor_user", "v1");
    expect((await vendor.request("GET", "/api/audit-events")).status).toBe(403);
    const auditor = await signInAs(world, "auditor", "d1");
    const bad = await auditor.request("GET", "/api/audit-events?from=yesterday");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ problems: [{ path: "$.query.from" }] });
  });
});
