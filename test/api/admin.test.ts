import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { PASSWORD, anonymous, emailOf, openApiWorld, signInAs, type ApiWorld } from "./harness.js";
import { can } from "../../src/app/auth/roles.js";

const NEW_PASSWORD = "copper kettle whistles 3307 north";

interface Member {
  userId: string;
  email: string;
  role: string;
  passwordSet: boolean;
}

describe.each(TEST_STORES)("administration of members and organizations ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
  }, 60_000);
  afterAll(async () => world.close());

  const call = (method: string, path: string, body?: unknown) => anonymous(world)(method, path, body);
  const signIn = (email: string, password: string, organizationId?: string) =>
    call("POST", "/api/auth/sign-in", {
      email,
      password,
      ...(organizationId === undefined ? {} : { organizationId }),
    });

  async function members(organizationId: string): Promise<Member[]> {
    const admin = await signInAs(world, "district_admin", organizationId);
    return (await (await admin.request("GET", "/api/users")).json()) as Member[];
  }

  /** Sets the password of `email` through the link of the last mail it was sent. */
  async function acceptInvitation(email: string): Promise<void> {
    const mail = world.mailer.sent.filter((m) => m.to === email).at(-1);
    expect(mail?.text).toContain(`${world.deps.config.publicUrl}/reset-password?token=`);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    const response = await call("POST", "/api/auth/password-reset/confirm", {
      token,
      newPassword: NEW_PASSWORD,
    });
    expect(response.status).toBe(204);
  }

  it("lists the members of the administrator's own organization only", async () => {
    const listed = await members("d1");
    expect(listed.map((m) => m.email)).toEqual(
      ["auditor", "district_admin", "district_analyst"].map((r) => emailOf(r as "auditor", "d1")),
    );
    expect(JSON.stringify(listed)).not.toContain("@d2.test");
  });

  it("creates an account without a password and mails it a link to set one", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const email = "new.analyst@d1.test";
    const response = await admin.request("POST", "/api/users", {
      email: "New.Analyst@d1.test",
      displayName: "New Analyst",
      role: "district_analyst",
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      accountCreated: true,
      invitationSent: true,
      member: { email, role: "district_analyst", passwordSet: false },
    });
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(401);
    await acceptInvitation(email);
    const session = await signIn(email, NEW_PASSWORD);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ organizationId: "d1", role: "district_analyst" });
  });

  it("adds a membership to an existing account, once", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const email = emailOf("district_analyst", "d2");
    const body = { email, displayName: "ignored for an existing account", role: "auditor" };
    const response = await admin.request("POST", "/api/users", body);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ accountCreated: false, invitationSent: false });
    expect(world.mailer.sent.filter((m) => m.to === email)).toEqual([]);
    const there = await signIn(email, PASSWORD, "d1");
    expect(await there.json()).toMatchObject({ organizationId: "d1", role: "auditor" });
    const again = await admin.request("POST", "/api/users", body);
    expect(again.status).toBe(409);
  });

  it("removes a membership, ending the member's sessions in the organization and only there", async () => {
    const email = emailOf("district_analyst", "d2");
    const target = (await members("d1")).find((m) => m.email === email);
    expect(target).toBeDefined();
    const inD1 = await signIn(email, PASSWORD, "d1");
    const cookie = (inD1.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const inD2 = await signInAs(world, "district_analyst", "d2");
    const admin = await signInAs(world, "district_admin", "d1");
    expect((await admin.request("DELETE", `/api/users/${target?.userId}/membership`)).status).toBe(204);
    expect((await world.api.app.request("/api/session", { headers: { cookie } })).status).toBe(401);
    expect((await inD2.request("GET", "/api/session")).status).toBe(200);
    expect((await signIn(email, PASSWORD, "d1")).status).toBe(401);
    expect((await admin.request("DELETE", `/api/users/${target?.userId}/membership`)).status).toBe(404);
  });

  it("answers 404 for a member of another organization", async () => {
    const other = (await members("d2")).find((m) => m.role === "auditor");
    const admin = await signInAs(world, "district_admin", "d1");
    expect((await admin.request("DELETE", `/api/users/${other?.userId}/membership`)).status).toBe(404);
    expect((await members("d2")).map((m) => m.userId)).toContain(other?.userId);
  });

  it("keeps the organization's last administrator", async () => {
    const self = (await members("d1")).find((m) => m.role === "district_admin");
    const admin = await signInAs(world, "district_admin", "d1");
    const response = await admin.request("DELETE", `/api/users/${self?.userId}/membership`);
    expect(response.status).toBe(409);
  });

  it("refuses a role of another kind of organization, unknown fields and a bad e-mail, each with its path", async () => {
    const admin = await signInAs(world, "district_admin", "d1");
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "x@d1.test", displayName: "X", role: "vendor_user" }, "$.body.role"],
      [{ email: "x@d1.test", displayName: "X", role: "platform_admin" }, "$.body.role"],
      [{ email: "not an e-mail", displayName: "X", role: "auditor" }, "$.body.email"],
      [{ email: "x@d1.test", displayName: "X", role: "auditor", password: "p" }, "$.body"],
    ];
    for (const [body, path] of cases) {
      const response = await admin.request("POST", "/api/users", body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ problems: [{ path }] });
    }
  });

  it("lets only district administrators manage members", async () => {
    for (const [role, org] of [
      ["district_analyst", "d1"],
      ["auditor", "d1"],
      ["vendor_user", "v1"],
      ["platform_admin", "platform"],
    ] as const) {
      const client = await signInAs(world, role, org);
      expect((await client.request("GET", "/api/users")).status).toBe(403);
      const add = await client.request("POST", "/api/users", {
        email: "y@d1.test",
        displayName: "Y",
        role: "auditor",
      });
      expect(add.status).toBe(403);
    }
  });

  it("lets a platform administrator list organizations and create one with its first administrator", async () => {
    const operator = await signInAs(world, "platform_admin", "platform");
    const listed = (await (await operator.request("GET", "/api/organizations")).json()) as {
      organizationId: string;
      kind: string;
    }[];
    expect(listed.map((o) => `${o.organizationId}:${o.kind}`)).toEqual(
      expect.arrayContaining(["d1:district", "d2:district", "v1:vendor", "v2:vendor", "platform:platform"]),
    );
    const created = await operator.request("POST", "/api/organizations", {
      id: "d9",
      kind: "district",
      name: "District nine",
      firstMember: { email: "head@d9.test", displayName: "Head of d9" },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      organizationId: "d9",
      firstMember: { accountCreated: true, invitationSent: true, member: { role: "district_admin" } },
    });
    expect(await world.db.query("SELECT district_id FROM districts WHERE district_id = 'd9'")).toHaveLength(
      1,
    );
    await acceptInvitation("head@d9.test");
    const head = await signIn("head@d9.test", NEW_PASSWORD);
    expect(await head.json()).toMatchObject({
      organizationId: "d9",
      role: "district_admin",
      secondFactorDone: false,
    });
    const twice = await operator.request("POST", "/api/organizations", {
      id: "d9",
      kind: "vendor",
      name: "Again",
    });
    expect(twice.status).toBe(409);
    const platform = await operator.request("POST", "/api/organizations", {
      id: "p2",
      kind: "platform",
      name: "P",
    });
    expect(platform.status).toBe(400);
    const analyst = await signInAs(world, "district_admin", "d1");
    expect((await analyst.request("GET", "/api/organizations")).status).toBe(403);
  });

  it("shows a platform administrator no district data: no route that reads contracts or students is open to the role", async () => {
    const operator = await signInAs(world, "platform_admin", "platform");
    expect((await operator.request("GET", "/api/contracts")).status).toBe(403);
    expect((await operator.request("GET", "/api/districts/d1/contracts/c1")).status).toBe(403);
    const open = world.api.routes.filter(
      (r) => r.access.kind === "capability" && can("platform_admin", r.access.capability),
    );
    expect(open.map((r) => r.operationId).sort()).toEqual(["createOrganization", "listOrganizations"]);
  });

  it("audits every change by id, never by e-mail or name", async () => {
    const rows = await world.db.query<{
      action: string;
      district_id: string | null;
      detail: string;
      object_id: string;
    }>(
      "SELECT action, district_id, detail, object_id FROM audit_events WHERE action LIKE 'user.%' OR action LIKE 'membership.%' OR action LIKE 'organization.%'",
    );
    const actions = rows.map((r) => r.action);
    for (const action of ["user.create", "membership.add", "membership.remove", "organization.create"])
      expect(actions).toContain(action);
    expect(rows.find((r) => r.action === "organization.create")?.district_id).toBe("d9");
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain("Head of d9");
    expect(text).not.toContain("New Analyst");
  });
});
