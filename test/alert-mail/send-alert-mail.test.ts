/**
 * Alert mail end to end through a real SMTP client and a local SMTP server, on both
 * stores. On Oct 15, 2024 (10:00 in Chicago, past the default 07:00 digest hour) d1 has
 * five alerts: enrolment behind on c1, c2 and c9 (451 of 1,200, critical), obligation at
 * risk on c1 and c2; d2 has c3's. Before the first run, d2's administrator turns every
 * kind off and d2's analyst's mail relay refuses (the relay recovers for the second run).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mailer } from "../../src/app/ports/auth.js";
import { smtpMailer } from "../../src/adapters/mail/smtp-mailer.js";
import { actAs } from "../../src/app/act-as.js";
import { saveAlertPreferences } from "../../src/app/alert-mail/alert-preferences.js";
import {
  sendAlertMail,
  type AlertMailDeps,
  type AlertMailReport,
} from "../../src/app/alert-mail/send-alert-mail.js";
import { ALERT_KINDS } from "../../src/core/alert-mail/preferences.js";
import { TEST_STORES } from "../db/stores.js";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink.js";
import { TestClock, emailOf, openApiWorld, type ApiWorld } from "../api/harness.js";
import { C9_STUDENT_IDS, STUDENT_NAMES, seedC9 } from "./alert-mail-world.js";

const dir = mkdtempSync(join(tmpdir(), "accord-alert-mail-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = "https://accord.example.org";
const C9_SUBJECT = "Enrolment behind plan: Reading tutoring at scale \u2014 451 of 1,200 students";

/** The contracts a mail links to, as `district/contract`. */
function linkedContracts(mail: ReceivedMail): string[] {
  const found = [...mail.text.matchAll(/\/contracts\/([^/\s#]+)\/([^/\s#]+)/g)].map((m) => `${m[1]}/${m[2]}`);
  return [...new Set(found)].sort();
}

describe.each(TEST_STORES)("alert mail ($name)", (store) => {
  let world: ApiWorld;
  let sink: SmtpSink;
  let deps: AlertMailDeps;
  let first: AlertMailReport;
  let firstMails: ReceivedMail[];
  const refused = new Set<string>();

  const mailsTo = (mails: readonly ReceivedMail[], address: string) =>
    mails.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    sink = await startSmtpSink();
    world = await openApiWorld(store, { clock: new TestClock(Date.parse("2024-10-15T15:00:00Z")) });
    await seedC9(world, join(dir, store.name));
    const relay = smtpMailer(sink.url, "Accord <alerts@accord.example.org>");
    const mailer: Mailer = {
      async send(message) {
        if (refused.has(message.to))
          throw Object.assign(new Error(`relay refused ${message.to}`), { code: "ECONNECTION" });
        await relay.send(message);
      },
    };
    deps = { db: world.db, clock: world.clock, mailer, baseUrl: BASE, timeZone: "America/Chicago" };
    const d2Admin = await world.db.query<{ user_id: string }>("SELECT user_id FROM users WHERE email = $1", [
      emailOf("district_admin", "d2"),
    ]);
    await actAs(world.db, { organizationId: "d2", orgKind: "district" }, (tx) =>
      saveAlertPreferences(
        tx,
        { userId: d2Admin[0]?.user_id ?? "", organizationId: "d2", role: "district_admin" },
        { deliveries: Object.fromEntries(ALERT_KINDS.map((k) => [k, "off"])), digestHour: 7 },
        world.clock.now(),
      ),
    );
    refused.add(emailOf("district_analyst", "d2"));
    first = await sendAlertMail(deps);
    firstMails = [...sink.messages];
  }, 180_000);
  afterAll(async () => {
    await world.close();
    await sink.close();
  });

  it("mails the district administrator the enrolment alert of c9 at once, with its links", () => {
    const admin = mailsTo(firstMails, emailOf("district_admin", "d1"));
    const c9 = admin.filter((m) => m.subject === C9_SUBJECT);
    expect(c9).toHaveLength(1);
    const mail = c9[0] as ReceivedMail;
    expect(mail.text).toContain(
      "Enrolment is behind plan: 451 students enrolled of 880 expected by Oct 15, 2024 (of 1,200 planned), 51% of pace.",
    );
    expect(mail.text).toContain(`Open it in Accord: ${BASE}/contracts/d1/c9#progress`);
    expect(mail.text).toContain(`${BASE}/account/notifications`);
    expect(mail.html).toContain(`<a href="${BASE}/contracts/d1/c9#progress">Open it in Accord</a>`);
    expect(mail.html).toContain(`<a href="${BASE}/account/notifications">`);
    // Immediate: the three enrolment alerts; the two obligations at risk in the digest.
    expect(admin.map((m) => m.subject).sort()).toEqual([
      "Accord daily digest for District d1: 2 new alerts",
      "Enrolment behind plan: Reading tutoring at scale \u2014 451 of 1,200 students",
      "Enrolment behind plan: Tutoring c1 \u2014 0 of 4 students",
      "Enrolment behind plan: Tutoring c2 \u2014 0 of 4 students",
    ]);
  });

  it("bundles a digest: the analyst gets one mail with all five alerts of d1", () => {
    const analyst = mailsTo(firstMails, emailOf("district_analyst", "d1"));
    expect(analyst.map((m) => m.subject)).toEqual(["Accord daily digest for District d1: 5 new alerts"]);
    const text = analyst[0]?.text ?? "";
    expect(text).toContain("5 new alerts on 3 contracts (2024-10-15).");
    expect(text.match(/^- (Critical|Warning|To do): /gm)).toHaveLength(5);
    expect(text).toContain(
      "- Critical: Enrolment is behind plan: 451 students enrolled of 880 expected by Oct 15, 2024 (of 1,200 planned), 51% of pace.",
    );
    expect(linkedContracts(analyst[0] as ReceivedMail)).toEqual(["d1/c1", "d1/c2", "d1/c9"]);
  });

  it("mails a vendor only about its own contracts", () => {
    const v1 = mailsTo(firstMails, emailOf("vendor_user", "v1"));
    const v2 = mailsTo(firstMails, emailOf("vendor_user", "v2"));
    expect(v1.length).toBeGreaterThan(0);
    expect(v2.length).toBeGreaterThan(0);
    expect([...new Set(v1.flatMap(linkedContracts))].sort()).toEqual(["d1/c1", "d1/c9", "d2/c3"]);
    expect([...new Set(v2.flatMap(linkedContracts))].sort()).toEqual(["d1/c2"]);
    expect(v2.map((m) => m.subject).sort()).toEqual([
      "Accord daily digest for Vendor v2: 1 new alert",
      "Enrolment behind plan: Tutoring c2 \u2014 0 of 4 students",
    ]);
  });

  it("sends nothing to whoever has turned alerts off (d2's administrator) or keeps the default off (auditors)", () => {
    expect(mailsTo(firstMails, emailOf("district_admin", "d2"))).toEqual([]);
    expect(mailsTo(firstMails, emailOf("auditor", "d1"))).toEqual([]);
    expect(mailsTo(firstMails, emailOf("auditor", "d2"))).toEqual([]);
  });

  it("puts no student name or id in any mail", () => {
    expect(firstMails.length).toBeGreaterThan(5);
    for (const mail of firstMails) {
      const all = `${mail.subject}\n${mail.text}\n${mail.html ?? ""}`;
      for (const name of STUDENT_NAMES) expect(all).not.toContain(name);
      for (const id of C9_STUDENT_IDS.slice(0, 20)) expect(all).not.toContain(id);
    }
  });

  it("records a refused mail and sends it the next run; what was sent is not sent again", async () => {
    const analyst = emailOf("district_analyst", "d2");
    expect(first.mails.filter((m) => m.outcome === "failed").map((m) => [m.organizationId, m.kind])).toEqual([
      ["d2", "digest"],
    ]);
    const pending = await world.db.query<{ status: string; attempts: number; last_error: string | null }>(
      `SELECT d.status, d.attempts, d.last_error FROM alert_deliveries d JOIN users u ON u.user_id = d.user_id
        WHERE u.email = $1`,
      [analyst],
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(
      pending.every(
        (r) => r.status === "pending" && Number(r.attempts) === 1 && r.last_error === "ECONNECTION",
      ),
    ).toBe(true);
    refused.clear();
    world.clock.advance(15 * 60_000);
    const second = await sendAlertMail(deps);
    expect(second.mails.map((m) => [m.organizationId, m.kind, m.outcome])).toEqual([
      ["d2", "digest", "sent"],
    ]);
    const retried = mailsTo(sink.messages.slice(firstMails.length), analyst);
    expect(retried.map((m) => m.subject)).toEqual([
      `Accord daily digest for District d2: ${pending.length} new alert${pending.length === 1 ? "" : "s"}`,
    ]);
    expect(
      sink.messages.filter((m) => m.subject === C9_SUBJECT && m.to.includes(emailOf("district_admin", "d1"))),
    ).toHaveLength(1);
  });

  it("mails an alert again after it cleared and came back", async () => {
    const admin = emailOf("district_admin", "d1");
    const c9Mails = () =>
      sink.messages.filter((m) => m.subject === C9_SUBJECT && m.to.includes(admin)).length;
    await world.db.query(
      "UPDATE contracts SET stage = 'closed' WHERE district_id = 'd1' AND contract_id = 'c9'",
    );
    world.clock.advance(15 * 60_000);
    const closed = await sendAlertMail(deps);
    expect(closed.mails).toEqual([]);
    const left = await world.db.query(
      "SELECT 1 FROM alert_deliveries WHERE district_id = 'd1' AND contract_id = 'c9'",
    );
    expect(left).toEqual([]);
    await world.db.query(
      "UPDATE contracts SET stage = 'active' WHERE district_id = 'd1' AND contract_id = 'c9'",
    );
    world.clock.advance(15 * 60_000);
    const back = await sendAlertMail(deps);
    expect(
      back.mails.filter((m) => m.subject === C9_SUBJECT).map((m) => [m.organizationId, m.outcome]),
    ).toEqual([
      ["d1", "sent"],
      ["v1", "sent"],
    ]);
    expect(c9Mails()).toBe(2);
  });

  it("lists in a dry run what a run would send, and sends and records nothing", async () => {
    await world.db.query("DELETE FROM alert_deliveries WHERE district_id = 'd1' AND contract_id = 'c1'");
    const before = sink.messages.length;
    const dry = await sendAlertMail(deps, { dryRun: true });
    expect(dry.mails.length).toBeGreaterThan(0);
    expect(dry.mails.every((m) => m.outcome === "would-send")).toBe(true);
    expect(
      dry.mails.some((m) => m.subject === "Enrolment behind plan: Tutoring c1 \u2014 0 of 4 students"),
    ).toBe(true);
    expect(sink.messages.length).toBe(before);
    const rows = await world.db.query(
      "SELECT 1 FROM alert_deliveries WHERE district_id = 'd1' AND contract_id = 'c1'",
    );
    expect(rows).toEqual([]);
  });
});
