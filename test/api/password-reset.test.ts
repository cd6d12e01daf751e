import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_STORES } from "../db/stores.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";
import { smtpMailer } from "../../src/adapters/mail/smtp-mailer.js";
import {
  PASSWORD,
  TEST_CONFIG,
  anonymous,
  emailOf,
  openApiWorld,
  signInAs,
  type ApiWorld,
} from "./harness.js";

const NEW_PASSWORD = "quiet meadow lantern 5821 orbit";
const HOUR_MS = 3_600_000;

describe.each(TEST_STORES)("passwords: reset by mail and change ($name)", (store) => {
  let sink: SmtpSink;
  let world: ApiWorld;
  beforeAll(async () => {
    sink = await startSmtpSink();
    world = await openApiWorld(store, { mailer: smtpMailer(sink.url, TEST_CONFIG.mailFrom) });
  }, 60_000);
  afterAll(async () => {
    await world.close();
    await sink.close();
  });

  const call = (method: string, path: string, body?: unknown) => anonymous(world)(method, path, body);
  const signIn = (email: string, password: string) => call("POST", "/api/auth/sign-in", { email, password });

  /** Asks for a reset of `email` and reads the token from the mail the SMTP server received. */
  async function mailedToken(email: string): Promise<string> {
    const before = sink.messages.length;
    expect((await call("POST", "/api/auth/password-reset", { email })).status).toBe(202);
    const mail = await sink.waitFor((m) => m.to.includes(email) && sink.messages.indexOf(m) >= before);
    expect(mail.subject).toBe("Reset your Accord password");
    const link = new RegExp(`${TEST_CONFIG.publicUrl}/reset-password\\?token=([A-Za-z0-9_-]{43})\\n`).exec(
      mail.text,
    );
    expect(link).not.toBeNull();
    return link?.[1] ?? "";
  }

  it("answers 202 alike whether or not the e-mail has an account, and keeps only the token's SHA-256", async () => {
    const email = emailOf("district_analyst", "d2");
    const unknown = await call("POST", "/api/auth/password-reset", { email: "nobody@nowhere.test" });
    expect(unknown.status).toBe(202);
    const known = await call("POST", "/api/auth/password-reset", { email: email.toUpperCase() });
    expect(known.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    const mail = await sink.waitFor((m) => m.to.includes(email));
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? "";
    const rows = await world.db.query<{ token_sha256: string; created_at: string; expires_at: string }>(
      "SELECT token_sha256, created_at, expires_at FROM password_resets",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_sha256).toBe(createHash("sha256").update(token).digest("hex"));
    expect(Date.parse(rows[0]?.expires_at ?? "") - Date.parse(rows[0]?.created_at ?? "")).toBe(HOUR_MS);
    expect(JSON.stringify(await world.db.query("SELECT * FROM password_resets"))).not.toContain(token);
    expect(sink.messages.filter((m) => m.to.includes("nobody@nowhere.test"))).toEqual([]);
  });

  it("sets a new password with the mailed token once, and ends every session of the account", async () => {
    const email = emailOf("district_analyst", "d1");
    const session = await signInAs(world, "district_analyst", "d1");
    const token = await mailedToken(email);
    const weak = await call("POST", "/api/auth/password-reset/confirm", {
      token,
      newPassword: "password1234",
    });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({
      problems: [{ path: "$.body.newPassword", code: "password-common" }],
    });
    const done = await call("POST", "/api/auth/password-reset/confirm", { token, newPassword: NEW_PASSWORD });
    expect(done.status).toBe(204);
    expect((await session.request("GET", "/api/session")).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    const again = await call("POST", "/api/auth/password-reset/confirm", {
      token,
      newPassword: `${NEW_PASSWORD} 2`,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      problems: [{ path: "$.body.token", code: "reset-token-invalid" }],
    });
    const [hash] = await world.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE email = $1",
      [email],
    );
    expect(hash?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a token after its hour", async () => {
    const token = await mailedToken(emailOf("auditor", "d1"));
    world.clock.advance(HOUR_MS + 1000);
    const late = await call("POST", "/api/auth/password-reset/confirm", { token, newPassword: NEW_PASSWORD });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({
      problems: [{ path: "$.body.token", code: "reset-token-invalid" }],
    });
    expect((await signIn(emailOf("auditor", "d1"), PASSWORD)).status).toBe(200);
  });

  it("sends an account at most three reset links an hour", async () => {
    const email = emailOf("auditor", "d2");
    for (let i = 0; i < 4; i++)
      expect((await call("POST", "/api/auth/password-reset", { email })).status).toBe(202);
    await sink.waitFor(
      (m) => sink.messages.filter((x) => x.to.includes(email)).length >= 3 && m.to.includes(email),
    );
    const [open] = await world.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM password_resets WHERE user_id = (SELECT user_id FROM users WHERE email = $1)",
      [email],
    );
    expect(open?.n).toBe(3);
  });

  it("changes the password with the current one, ending the account's other sessions", async () => {
    const email = emailOf("vendor_user", "v1");
    const other = await signInAs(world, "vendor_user", "v1");
    const me = await signInAs(world, "vendor_user", "v1");
    const wrong = await me.request("POST", "/api/auth/password", {
      currentPassword: "not it at all 9981",
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      problems: [{ path: "$.body.currentPassword", code: "password-wrong" }],
    });
    const short = await me.request("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ path: "$.body.newPassword", code: "password-too-short" }),
      ]),
    });
    const unknownField = await me.request("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(unknownField.status).toBe(400);
    const done = await me.request("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(done.status).toBe(204);
    expect((await me.request("GET", "/api/session")).status).toBe(200);
    expect((await other.request("GET", "/api/session")).status).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    const actions = await world.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE action LIKE 'account.password%' ORDER BY seq",
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "account.password-reset",
        "account.password-change-failed",
        "account.password-change",
      ]),
    );
  });

  it("counts wrong current passwords against the sign-in throttle", async () => {
    const me = await signInAs(world, "vendor_user", "v2");
    for (let i = 0; i < 10; i++) {
      const response = await me.request("POST", "/api/auth/password", {
        currentPassword: `guess number ${i} of many`,
        newPassword: NEW_PASSWORD,
      });
      expect(response.status).toBe(400);
    }
    const refused = await me.request("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await signIn(emailOf("vendor_user", "v2"), PASSWORD)).status).toBe(429);
  });
});
