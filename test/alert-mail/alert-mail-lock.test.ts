/**
 * Two alert mail runs at once (cron's `accord alerts send` and the server's interval)
 * send each mail once: the second finds the store's lock held, sends nothing and says so.
 * On PostgreSQL the second run goes through a pool of its own, as another process would;
 * on PGlite (one process's store) through the same store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import type { Mailer } from "../../src/app/ports/auth.js";
import { openPostgres } from "../../src/adapters/db/postgres-db.js";
import { smtpMailer } from "../../src/adapters/mail/smtp-mailer.js";
import { sendAlertMail, type AlertMailDeps } from "../../src/app/alert-mail/send-alert-mail.js";
import { reportLines } from "../../src/cli/alerts-command.js";
import { TEST_STORES } from "../db/stores.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";
import { TestClock, openApiWorld, type ApiWorld } from "../api/harness.js";

describe.each(TEST_STORES)("alert mail runs at once ($name)", (store) => {
  let world: ApiWorld;
  let sink: SmtpSink;
  let other: Db;

  beforeAll(async () => {
    sink = await startSmtpSink();
    world = await openApiWorld(store, { clock: new TestClock(Date.parse("2024-10-15T15:00:00Z")) });
    if (store.name === "postgres") {
      const [row] = await world.db.query<{ schema: string }>("SELECT current_schema() AS schema");
      other = await openPostgres(process.env["TEST_DATABASE_URL"] ?? "", {
        schema: row?.schema ?? "",
        maxConnections: 2,
      });
    } else other = world.db;
  }, 120_000);
  afterAll(async () => {
    if (other !== world.db) await other.close();
    await world.close();
    await sink.close();
  });

  it("sends each mail once: the run started while another holds the lock sends nothing", async () => {
    const relay = smtpMailer(sink.url, "Accord <alerts@accord.example.org>");
    let secondDone: () => void = () => {};
    const second = new Promise<void>((resolve) => (secondDone = resolve));
    let firstSend: () => void = () => {};
    const sending = new Promise<void>((resolve) => (firstSend = resolve));
    // The first run's first mail waits until the second run has come and gone.
    let held = false;
    const holding: Mailer = {
      async send(message) {
        if (!held) {
          held = true;
          firstSend();
          await second;
        }
        await relay.send(message);
      },
    };
    const deps = (db: Db, mailer: Mailer): AlertMailDeps => ({
      db,
      clock: world.clock,
      mailer,
      baseUrl: "https://accord.example.org",
      timeZone: "America/Chicago",
    });
    const firstRun = sendAlertMail(deps(world.db, holding));
    await sending;
    const secondReport = await sendAlertMail(deps(other, relay));
    secondDone();
    const firstReport = await firstRun;

    expect(secondReport).toEqual({ organizations: 0, mails: [], busy: true });
    expect(reportLines(secondReport)).toEqual([
      "accord alerts: another send is running; this one sent nothing",
    ]);
    expect(firstReport.busy).toBe(false);
    const sent = firstReport.mails.filter((m) => m.outcome === "sent");
    expect(sent.length).toBeGreaterThan(1);
    expect(sink.messages).toHaveLength(sent.length);
    const keys = sink.messages.map((m) => `${m.to.join(",")} ${m.subject}`);
    expect(new Set(keys).size).toBe(keys.length);

    // The lock is released with the run: the next run goes ahead (and has nothing new to send).
    world.clock.advance(15 * 60_000);
    const next = await sendAlertMail(deps(other, relay));
    expect([next.busy, next.mails]).toEqual([false, []]);
  }, 120_000);
});
