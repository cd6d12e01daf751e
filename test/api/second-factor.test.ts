import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { PASSWORD, anonymous, emailOf, openApiWorld, type ApiWorld } from "./harness.js";

const STEP_MS = 30_000;

describe.each(TEST_STORES)("second factor of administrators ($name)", (store) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(store);
  }, 60_000);
  afterAll(async () => world.close());

  /** Signs in with the password only (the harness's signInAs would mark the second factor done). */
  async function browser(email: string) {
    const response = await anonymous(world)("POST", "/api/auth/sign-in", { email, password: PASSWORD });
    expect(response.status).toBe(200);
    const jar = { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
    const session = (await response.json()) as { csrfToken: string; secondFactorDone: boolean };
    /** Like a browser, keeps the session cookie the server sets (it is replaced when the code is given). */
    const request = async (method: string, path: string, body?: unknown) => {
      const answer = await world.api.app.request(path, {
        method,
        headers: {
          cookie: jar.cookie,
          "x-csrf-token": session.csrfToken,
          "content-type": "application/json",
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const set = answer.headers.get("set-cookie");
      if (set?.startsWith("accord_session=") === true) jar.cookie = set.split(";")[0] ?? "";
      return answer;
    };
    return { session, request, jar };
  }

  const code = (secret: string) => world.deps.totp.generate(secret, world.clock.now());

  /** Enrols and confirms an authenticator app for `email`; returns its secret. */
  async function enrolled(email: string): Promise<string> {
    const b = await browser(email);
    const enrolment = (await (await b.request("POST", "/api/auth/totp/enroll")).json()) as { secret: string };
    expect((await b.request("POST", "/api/auth/totp/confirm", { code: code(enrolment.secret) })).status).toBe(
      204,
    );
    return enrolment.secret;
  }

  it("keeps a new administrator's session to enrolment until an authenticator app is confirmed", async () => {
    const b = await browser(emailOf("district_admin", "d1"));
    expect(b.session.secondFactorDone).toBe(false);
    const blocked = await b.request("GET", "/api/contracts");
    expect(blocked.status).toBe(401);
    expect(await blocked.json()).toMatchObject({ code: "second-factor-required" });
    expect((await b.request("GET", "/api/session")).status).toBe(200);

    const enrolment = await b.request("POST", "/api/auth/totp/enroll");
    expect(enrolment.status).toBe(200);
    const { secret, uri } = (await enrolment.json()) as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const [stored] = await world.db.query<{ totp_secret: string; totp_enabled_at: string | null }>(
      "SELECT totp_secret, totp_enabled_at FROM users WHERE email = $1",
      [emailOf("district_admin", "d1")],
    );
    expect(stored).toEqual({ totp_secret: secret, totp_enabled_at: null });
    expect((await b.request("GET", "/api/contracts")).status).toBe(401);

    const wrong = await b.request("POST", "/api/auth/totp/confirm", {
      code: "000000" === code(secret) ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      problems: [{ path: "$.body.code", code: "totp-code-wrong" }],
    });
    const before = b.jar.cookie;
    expect((await b.request("POST", "/api/auth/totp/confirm", { code: code(secret) })).status).toBe(204);
    expect((await b.request("GET", "/api/contracts")).status).toBe(200);
    // The session got a new token with the code: the one seen before opens nothing.
    expect(b.jar.cookie).not.toBe(before);
    const stale = await world.api.app.request("/api/contracts", { headers: { cookie: before } });
    expect(stale.status).toBe(401);
    expect(await (await b.request("GET", "/api/session")).json()).toMatchObject({
      secondFactorDone: true,
      secondFactorEnrolled: true,
    });
    const again = await b.request("POST", "/api/auth/totp/enroll");
    expect(again.status).toBe(409);
  });

  it("asks an enrolled administrator's next session for a code and refuses a code of a step already used", async () => {
    const email = emailOf("district_admin", "d2");
    const secret = await enrolled(email);
    const b = await browser(email);
    expect(b.session.secondFactorDone).toBe(false);
    // The code that confirmed the enrolment, seen over a shoulder: its step is used.
    const replay = await b.request("POST", "/api/auth/totp/verify", { code: code(secret) });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: "second-factor-required" });
    world.clock.advance(STEP_MS);
    const fresh = code(secret);
    expect((await b.request("POST", "/api/auth/totp/verify", { code: fresh })).status).toBe(204);
    expect((await b.request("GET", "/api/contracts")).status).toBe(200);
    // Another session cannot use the same code either.
    const other = await browser(email);
    expect((await other.request("POST", "/api/auth/totp/verify", { code: fresh })).status).toBe(401);
    expect((await other.request("GET", "/api/contracts")).status).toBe(401);
  });

  it("ends the session at the fifth wrong code", async () => {
    const email = emailOf("platform_admin", "platform");
    const secret = await enrolled(email);
    world.clock.advance(STEP_MS);
    const b = await browser(email);
    const wrong = code(secret) === "123456" ? "654321" : "123456";
    for (let i = 1; i <= 4; i++) {
      const response = await b.request("POST", "/api/auth/totp/verify", { code: wrong });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "second-factor-required" });
    }
    const fifth = await b.request("POST", "/api/auth/totp/verify", { code: wrong });
    expect(fifth.status).toBe(401);
    expect(await fifth.json()).toMatchObject({ code: "unauthenticated" });
    expect((await b.request("GET", "/api/session")).status).toBe(401);
    expect((await b.request("POST", "/api/auth/totp/verify", { code: code(secret) })).status).toBe(401);
    const [failures] = await world.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'session.second-factor-failed' AND actor_user_id = (SELECT user_id FROM users WHERE email = $1)",
      [email],
    );
    expect(failures?.n).toBe(5);
  });

  it("gives no second factor to other roles, whose sessions need none", async () => {
    const b = await browser(emailOf("district_analyst", "d1"));
    expect(b.session.secondFactorDone).toBe(true);
    expect((await b.request("POST", "/api/auth/totp/enroll")).status).toBe(403);
    expect((await b.request("POST", "/api/auth/totp/verify", { code: "123456" })).status).toBe(409);
  });

  it("refuses a code that is not six digits with its JSON path", async () => {
    const b = await browser(emailOf("district_admin", "d1"));
    const response = await b.request("POST", "/api/auth/totp/verify", { code: "12 34 56" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ problems: [{ path: "$.body.code" }] });
  });

  it("audits enrolment and codes, and never writes a secret or a code to the log", async () => {
    const secrets = await world.db.query<{ totp_secret: string }>(
      "SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL",
    );
    expect(secrets.length).toBe(3);
    const rows = await world.db.query<{ action: string; detail: string }>(
      "SELECT action, detail FROM audit_events",
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      "account.second-factor-enroll",
      "account.second-factor-confirm",
      "session.second-factor",
      "session.second-factor-failed",
    ])
      expect(actions).toContain(action);
    const text = JSON.stringify(rows);
    for (const { totp_secret } of secrets) expect(text).not.toContain(totp_secret);
  });
});
