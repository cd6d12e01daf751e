/**
 * One-click unsubscribe (RFC 8058) end to end, on both stores: an alert mail sent through
 * a real SMTP client carries List-Unsubscribe with an HTTPS link and List-Unsubscribe-Post;
 * reading the link shows a confirmation page and changes nothing; POSTing to it, as a
 * mail program does, without sign-in, turns off that kind of alert for the recipient only
 * (the other kinds stay) and is audited; a wrong token gets 404 and an expired one 410,
 * neither telling whose it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../../src/adapters/mail/smtp-mailer.js";
import { actAs } from "../../src/app/act-as.js";
import { readAlertPreferences } from "../../src/app/alert-mail/alert-preferences.js";
import { sendAlertMail } from "../../src/app/alert-mail/send-alert-mail.js";
import { TEST_STORES } from "../db/stores.js";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.js";
import { TestClock, emailOf, openApiWorld, type ApiWorld } from "../api/harness.js";

const BASE = "https://accord.example.org";
const C1_SUBJECT = "Enrolment behind plan: Tutoring c1 \u2014 0 of 4 students";
const ONE_CLICK = {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "List-Unsubscribe=One-Click",
};

/** The mail's header fields, unfolded, by lower-case name. */
function headers(mail: ReceivedMail): Map<string, string> {
  const head = mail.raw.split(/\r?\n\r?\n/)[0] ?? "";
  const fields = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return fields;
}

describe.each(TEST_STORES)("one-click unsubscribe from alert mail ($name)", (store) => {
  let world: ApiWorld;
  let sink: SmtpSink;
  let mail: ReceivedMail;
  let link: string;
  let userId: string;
  const admin = emailOf("district_admin", "d1");
  const request = (path: string, init: RequestInit = {}) => world.api.app.request(path, init);
  const preferences = () =>
    actAs(world.db, { organizationId: "d1", orgKind: "district" }, (tx) =>
      readAlertPreferences(tx, { userId, organizationId: "d1", role: "district_admin" }),
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    world = await openApiWorld(store, { clock: new TestClock(Date.parse("2024-10-15T15:00:00Z")) });
    const [user] = await world.db.query<{ user_id: string }>("SELECT user_id FROM users WHERE email = $1", [
      admin,
    ]);
    userId = user?.user_id ?? "";
    await sendAlertMail({
      db: world.db,
      clock: world.clock,
      mailer: smtpMailer(sink.url, "Accord <alerts@accord.example.org>"),
      baseUrl: BASE,
      timeZone: "America/Chicago",
    });
    const found = sink.messages.find((m) => m.subject === C1_SUBJECT && m.to.includes(admin));
    if (found === undefined) throw new Error("no c1 enrolment mail to d1's administrator");
    mail = found;
    link = /^<(https:\/\/[^>]+)>$/.exec(headers(mail).get("list-unsubscribe") ?? "")?.[1] ?? "";
  }, 120_000);
  afterAll(async () => {
    await world.close();
    await sink.close();
  });

  it("puts List-Unsubscribe (an HTTPS link with an unguessable token) and List-Unsubscribe-Post in every mail", () => {
    expect(link).toMatch(/^https:\/\/accord\.example\.org\/api\/alert-mail\/unsubscribe\/[A-Za-z0-9_-]{43}$/);
    expect(headers(mail).get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(
      `Stop e-mails about Enrolment behind plan (your other alert e-mails stay as they are): ${link}`,
    );
    const links = sink.messages.map((m) => headers(m).get("list-unsubscribe"));
    expect(links.every((l) => l !== undefined && l.startsWith(`<${BASE}/api/alert-mail/unsubscribe/`))).toBe(
      true,
    );
    expect(new Set(links).size).toBe(links.length);
    const digest = sink.messages.find(
      (m) => m.to.includes(admin) && m.subject.startsWith("Accord daily digest"),
    );
    expect(digest?.text).toContain("Stop e-mails about Obligation at risk (your other alert e-mails stay");
  });

  it("shows a confirmation page with a button on GET, with no scripts, and changes nothing", async () => {
    const before = await preferences();
    const page = await request(link.slice(BASE.length));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const body = await page.text();
    expect(body).toContain("turns off e-mails about <strong>Enrolment behind plan</strong>");
    expect(body).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(body).toContain('<button type="submit">Stop these e-mails</button>');
    expect(body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(await preferences()).toEqual(before);
  });

  it("turns off that kind for that person on a POST without sign-in, keeps the others, and audits it", async () => {
    const before = await preferences();
    expect(before.deliveries["enrolment-behind"]).toBe("immediate");
    const answer = await request(link.slice(BASE.length), ONE_CLICK);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(
      "You will no longer get e-mails about <strong>Enrolment behind plan</strong>",
    );
    const after = await preferences();
    expect(after.deliveries).toEqual({ ...before.deliveries, "enrolment-behind": "off" });
    expect(after.digestHour).toBe(before.digestHour);
    const audit = await world.db.query<{
      actor_user_id: string | null;
      organization_id: string;
      detail: string;
    }>(
      `SELECT actor_user_id, organization_id, detail FROM audit_events
        WHERE action = 'alert-preferences.unsubscribe' AND object_id = $1`,
      [userId],
    );
    expect(audit.map((a) => [a.actor_user_id, a.organization_id, JSON.parse(a.detail) as unknown])).toEqual([
      [null, "d1", { turnedOff: ["enrolment-behind"], via: "one-click link" }],
    ]);
    // A mail program may repeat the POST: the same answer, nothing more changes.
    expect((await request(link.slice(BASE.length), ONE_CLICK)).status).toBe(200);
    expect(await preferences()).toEqual(after);
    // Another member of d1 is not touched.
    const [analyst] = await world.db.query(
      "SELECT deliveries FROM alert_preferences a JOIN users u USING (user_id) WHERE u.email = $1",
      [emailOf("district_analyst", "d1")],
    );
    expect(analyst?.["deliveries"] ?? {}).toEqual({});
  });

  it("answers 404 to a wrong token, 410 to an expired one (naming no one) and 400 to text that is no token", async () => {
    const wrong = link.replace(/[A-Za-z0-9_-]{43}$/, "A".repeat(43)).slice(BASE.length);
    for (const init of [{}, ONE_CLICK]) {
      const malformed = await request("/api/alert-mail/unsubscribe/not-a-token", init);
      expect(malformed.status).toBe(400);
      const problem = (await malformed.json()) as { problems: { path: string }[] };
      expect(problem.problems.map((p) => p.path)).toEqual(["$.param.token"]);
    }
    for (const path of [wrong])
      for (const init of [{}, ONE_CLICK]) {
        const answer = await request(path, init);
        expect(answer.status).toBe(404);
        const body = await answer.text();
        expect(body).toContain("This link is not valid");
        for (const secret of [admin, "District d1", "Enrolment behind plan"])
          expect(body).not.toContain(secret);
      }
    world.clock.advance(91 * 86_400_000);
    const expired = await request(link.slice(BASE.length), ONE_CLICK);
    expect(expired.status).toBe(410);
    const body = await expired.text();
    expect(body).toContain("This link has expired");
    for (const secret of [admin, "District d1", "Enrolment behind plan"]) expect(body).not.toContain(secret);
  });
});
