import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { PASSWORD, anonymous, emailOf, openApiWorld, type ApiWorld } from "./harness.js";

const WRONG = "not the password at all 4471";

describe.each(TEST_STORES)("sign-in with a password ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
  }, 60_000);
  afterAll(async () => world.close());

  const signIn = (email: string, password: string) =>
    anonymous(world)("POST", "/api/auth/sign-in", { email, password });

  /** A browser that signed in: its cookie and CSRF token. */
  async function browser(email: string) {
    const response = await signIn(email, PASSWORD);
    expect(response.status).toBe(200);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const send = (method: string, path: string, headers: Record<string, string> = {}) =>
      world.api.app.request(path, { method, headers: { cookie, ...headers } });
    return {
      get: (path: string) => send("GET", path),
      post: (path: string, headers: Record<string, string> = { "x-csrf-token": csrfToken }) =>
        send("POST", path, headers),
    };
  }

  it("answers 200 with an HttpOnly, SameSite=Lax session cookie and a CSRF token for the right password", async () => {
    const response = await signIn(emailOf("district_analyst", "d1"), PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^accord_session=[^;]{20,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const body = (await response.json()) as { csrfToken: string; role: string; organizationId: string };
    expect(body).toMatchObject({ role: "district_analyst", organizationId: "d1" });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    const session = await world.api.app.request("/api/session", {
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(session.status).toBe(200);
  });

  it("answers a wrong password and an unknown e-mail with the same 401 and no cookie", async () => {
    const wrong = await signIn(emailOf("district_analyst", "d1"), WRONG);
    const unknown = await signIn("nobody@nowhere.test", WRONG);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("refuses the 11th attempt in 5 minutes with 429 and Retry-After, even with the right password, until the window passes", async () => {
    const email = emailOf("auditor", "d2");
    for (let i = 0; i < 10; i++) expect((await signIn(email, `${WRONG} ${i}`)).status).toBe(401);
    const refused = await signIn(email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "too-many-requests" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(300);
    // The throttle is the e-mail's: another account of the district signs in meanwhile.
    expect((await signIn(emailOf("district_analyst", "d2"), PASSWORD)).status).toBe(200);
    world.clock.advance(retryAfter * 1000 - 2000);
    expect((await signIn(email, PASSWORD)).status).toBe(429);
    world.clock.advance(2000);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("refuses a POST without the session's X-CSRF-Token (403 csrf-token-invalid)", async () => {
    const b = await browser(emailOf("district_analyst", "d1"));
    const attempts: Record<string, string>[] = [{}, { "x-csrf-token": "forged" }];
    for (const headers of attempts) {
      const response = await b.post("/api/auth/sign-out", headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "csrf-token-invalid" });
    }
    expect((await b.get("/api/session")).status).toBe(200);
  });

  it("ends a session idle for longer than the idle timeout", async () => {
    const { idleMs } = world.deps.config.sessionRules;
    const b = await browser(emailOf("district_analyst", "d1"));
    world.clock.advance(idleMs - 1000);
    expect((await b.get("/api/session")).status).toBe(200);
    world.clock.advance(idleMs + 1);
    const response = await b.get("/api/session");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "unauthenticated" });
  });

  it("ends a session at the absolute timeout however active it stays", async () => {
    const { idleMs, absoluteMs } = world.deps.config.sessionRules;
    const b = await browser(emailOf("district_analyst", "d1"));
    const step = idleMs / 2;
    let elapsed = 0;
    while (elapsed + step < absoluteMs) {
      world.clock.advance(step);
      elapsed += step;
      expect((await b.get("/api/session")).status).toBe(200);
    }
    const rest = absoluteMs - elapsed + 1;
    expect(rest).toBeLessThan(idleMs);
    world.clock.advance(rest);
    expect((await b.get("/api/session")).status).toBe(401);
  });

  it("ends the session at sign-out", async () => {
    const b = await browser(emailOf("district_analyst", "d1"));
    const response = await b.post("/api/auth/sign-out");
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^accord_session=;/);
    expect((await b.get("/api/session")).status).toBe(401);
  });

  it("writes sign-in, failed sign-in and sign-out to the audit log, never a password or an e-mail", async () => {
    const email = emailOf("district_admin", "d2");
    expect((await signIn(email, WRONG)).status).toBe(401);
    const b = await browser(email);
    expect((await b.post("/api/auth/sign-out")).status).toBe(204);
    const rows = await world.db.query<{ action: string }>(
      "SELECT * FROM audit_events WHERE action LIKE 'session.%' ORDER BY seq",
    );
    expect(rows.map((r) => r.action).slice(-3)).toEqual([
      "session.sign-in-failed",
      "session.sign-in",
      "session.sign-out",
    ]);
    const everything = JSON.stringify(await world.db.query("SELECT * FROM audit_events"), (_k, v: unknown) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    for (const secret of [PASSWORD, WRONG, email, email.toUpperCase(), "nobody@nowhere.test"])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/[\w.-]+@[\w-]+\.test/);
  });
});
