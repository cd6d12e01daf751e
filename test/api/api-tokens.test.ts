import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { anonymous, openApiWorld, signInAs, type ApiWorld, type Client } from "./harness.js";

interface NewToken {
  tokenId: string;
  token: string;
  role: string;
  expiresAt: string | null;
}

const DAY_MS = 86_400_000;

describe.each(TEST_STORES)("API tokens ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
  }, 60_000);
  afterAll(async () => world.close());

  /** Requests with only `Authorization: Bearer`: no cookie, no CSRF token. */
  const bearer = (token: string) => (method: string, path: string, body?: unknown) =>
    anonymous(world)(method, path, body, { authorization: `Bearer ${token}` });

  async function create(client: Client, body: Record<string, unknown>): Promise<NewToken> {
    const response = await client.request("POST", "/api/tokens", body);
    expect(response.status).toBe(201);
    return (await response.json()) as NewToken;
  }

  it("shows the secret once, stores only its SHA-256 and lists tokens without secrets", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const created = await create(vendor, { name: "session upload" });
    expect(created).toMatchObject({ role: "vendor_user", expiresAt: null, name: "session upload" });
    expect(created.token).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    const [row] = await world.db.query<{ token_sha256: string; organization_id: string }>(
      "SELECT token_sha256, organization_id FROM api_tokens WHERE token_id = $1",
      [created.tokenId],
    );
    expect(row).toEqual({
      token_sha256: createHash("sha256").update(created.token).digest("hex"),
      organization_id: "v1",
    });
    const listed = await (await vendor.request("GET", "/api/tokens")).text();
    expect(listed).toContain(created.tokenId);
    expect(listed).not.toContain(created.token);
    expect(listed).not.toContain('"token"');
  });

  it("authenticates with Authorization: Bearer, needs no CSRF token, and is refused once revoked", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const { token, tokenId } = await create(vendor, { name: "integration" });
    const asToken = bearer(token);
    const contracts = (await (await asToken("GET", "/api/contracts")).json()) as {
      items: { contractId: string }[];
    };
    expect(contracts.items.map((c) => c.contractId)).toEqual(["c1", "c3"]);
    // An integration that finds its token leaked revokes it with the token itself.
    expect((await asToken("DELETE", `/api/tokens/${tokenId}`)).status).toBe(204);
    const refused = await asToken("GET", "/api/contracts");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "unauthenticated" });
    const listed = (await (await vendor.request("GET", "/api/tokens")).json()) as {
      tokenId: string;
      revokedAt: string | null;
      lastUsedAt: string | null;
    }[];
    const listedToken = listed.find((t) => t.tokenId === tokenId);
    expect(listedToken?.revokedAt).toBe(world.clock.now().toISOString().replace("Z", "000Z"));
    expect(listedToken?.lastUsedAt).toBe(world.clock.now().toISOString().replace("Z", "000Z"));
  });

  it("lets a district administrator revoke the district's token, which then stops working", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const created = await create(admin, { name: "sis export", role: "district_analyst" });
    expect((await bearer(created.token)("GET", "/api/districts/d1/contracts/c1")).status).toBe(200);
    expect((await admin.request("DELETE", `/api/tokens/${created.tokenId}`)).status).toBe(204);
    expect((await bearer(created.token)("GET", "/api/districts/d1/contracts/c1")).status).toBe(401);
  });

  it("works through its last day (UTC) and is refused after it", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const today = world.clock.now().toISOString().slice(0, 10);
    const created = await create(admin, { name: "one day", expiresOn: today });
    expect(created.expiresAt).toBe(
      `${new Date(Date.parse(today) + DAY_MS).toISOString().slice(0, 10)}T00:00:00.000000Z`,
    );
    const asToken = bearer(created.token);
    expect((await asToken("GET", "/api/contracts")).status).toBe(200);
    world.clock.advance(Date.parse(today) + DAY_MS - world.clock.now().getTime());
    expect((await asToken("GET", "/api/contracts")).status).toBe(401);
    const yesterday = new Date(Date.parse(today) - DAY_MS).toISOString().slice(0, 10);
    const admin2 = await signInAs(world, "district_admin", "d1");
    const past = await admin2.request("POST", "/api/tokens", { name: "late", expiresOn: yesterday });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ problems: [{ path: "$.body.expiresOn", code: "date-past" }] });
    const notADay = await admin2.request("POST", "/api/tokens", { name: "late", expiresOn: "2025-02-30" });
    expect(notADay.status).toBe(400);
    expect(await notADay.json()).toMatchObject({ problems: [{ path: "$.body.expiresOn" }] });
  });

  it("gives a token only a role of its organization's kind", async () => {
    const admin = await signInAs(world, "district_admin", "d2");
    expect((await create(admin, { name: "auditing", role: "auditor" })).role).toBe("auditor");
    expect((await create(admin, { name: "default" })).role).toBe("district_analyst");
    const vendor = await signInAs(world, "vendor_user", "v2");
    for (const [client, role] of [
      [admin, "vendor_user"],
      [admin, "platform_admin"],
      [vendor, "district_analyst"],
    ] as const) {
      const response = await client.request("POST", "/api/tokens", { name: "x", role });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        problems: [{ path: "$.body.role", code: "role-not-allowed" }],
      });
    }
  });

  it("keeps tokens to their organization: another's token is not found", async () => {
    const v1 = await signInAs(world, "vendor_user", "v1");
    const { tokenId } = await create(v1, { name: "mine" });
    const v2 = await signInAs(world, "vendor_user", "v2");
    expect((await v2.request("DELETE", `/api/tokens/${tokenId}`)).status).toBe(404);
    const d1 = await signInAs(world, "district_admin", "d1");
    expect((await d1.request("DELETE", `/api/tokens/${tokenId}`)).status).toBe(404);
    const listed = (await (await v2.request("GET", "/api/tokens")).json()) as { tokenId: string }[];
    expect(listed.map((t) => t.tokenId)).not.toContain(tokenId);
  });

  it("lets only district administrators and vendor users manage tokens", async () => {
    for (const [role, org] of [
      ["district_analyst", "d1"],
      ["auditor", "d1"],
      ["platform_admin", "platform"],
    ] as const) {
      const client = await signInAs(world, role, org);
      expect((await client.request("GET", "/api/tokens")).status).toBe(403);
      expect((await client.request("POST", "/api/tokens", { name: "x" })).status).toBe(403);
    }
  });

  it("lets a token neither create tokens nor revoke another", async () => {
    const vendor = await signInAs(world, "vendor_user", "v1");
    const a = await create(vendor, { name: "a" });
    const b = await create(vendor, { name: "b" });
    expect((await bearer(a.token)("POST", "/api/tokens", { name: "c" })).status).toBe(403);
    expect((await bearer(a.token)("DELETE", `/api/tokens/${b.tokenId}`)).status).toBe(403);
    expect((await bearer(b.token)("GET", "/api/contracts")).status).toBe(200);
  });

  it("audits every creation and revocation without the secret", async () => {
    const rows = await world.db.query<{ action: string; object_id: string; detail: string }>(
      "SELECT action, object_id, detail FROM audit_events WHERE action LIKE 'api-token.%'",
    );
    const created = await world.db.query<{ n: number }>("SELECT count(*)::int AS n FROM api_tokens");
    const revoked = await world.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM api_tokens WHERE revoked_at IS NOT NULL",
    );
    expect(rows.filter((r) => r.action === "api-token.create")).toHaveLength(created[0]?.n ?? -1);
    expect(rows.filter((r) => r.action === "api-token.revoke")).toHaveLength(revoked[0]?.n ?? -1);
    expect(JSON.stringify(rows)).not.toContain("acc_");
  });
});
