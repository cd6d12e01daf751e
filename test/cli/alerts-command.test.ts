/**
 * `accord alerts send [--dry-run]` on an embedded store, mailing through a local SMTP
 * server: a contract whose period began 60 days ago has none of its 400 planned students
 * enrolled, so its district administrator is mailed at once; a dry run lists that mail
 * and sends nothing; a second run sends it no more.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/adapters/db/open-store.js";
import { addMembership, createOrganization, createUser } from "../../src/app/auth/create-account.js";
import { recordContract } from "../../src/app/record-contract.js";
import { termsFor } from "../api/harness.js";
import { runAccord } from "../support/capture-output.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";

const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
const SUBJECT = "Enrolment behind plan: Tutoring at the clock's time \u2014 0 of 400 students";

describe("accord alerts send", () => {
  let dir: string;
  let sink: SmtpSink;
  let userId: string;
  const accord = (args: string[]) =>
    runAccord(args, {
      ACCORD_DATA_DIR: dir,
      ACCORD_SMTP_URL: sink.url,
      ACCORD_PUBLIC_URL: "https://accord.example.org",
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "accord-alerts-cli-"));
    sink = await startSmtpSink();
    const db = await openStore({ ACCORD_DATA_DIR: dir });
    try {
      const terms = {
        ...termsFor("d1", "c1", "v1"),
        title: "Tutoring at the clock's time",
        period: { start: day(-60), end: day(200) },
        expectedStudents: 400,
      };
      const text = JSON.stringify(terms, null, 2);
      const recorded = await recordContract(db, {
        source: { path: "c1.json", text, document: JSON.parse(text) as unknown, syntaxError: null },
        districtId: "d1",
        recordedBy: "test",
        reason: "signed",
      });
      if (recorded.kind === "invalid") throw new Error(JSON.stringify(recorded.problems));
      userId = await db.transaction(async (tx) => {
        await createOrganization(tx, { id: "d1", kind: "district", name: "District One" });
        const id = await createUser(tx, { email: "admin@d1.test", displayName: "Admin", passwordHash: null });
        await addMembership(tx, id, "d1", "district_admin");
        return id;
      });
    } finally {
      await db.close();
    }
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists in a dry run the mail a run would send, and sends nothing", async () => {
    const result = await accord(["alerts", "send", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`would-send\timmediate\td1\t${userId}\t1\t${SUBJECT}\n`);
    expect(sink.messages).toEqual([]);
  });

  it("mails the administrator once, and not again on the next run", async () => {
    const first = await accord(["alerts", "send"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`sent\timmediate\td1\t${userId}\t1\t${SUBJECT}\n`);
    const mail = await sink.waitFor((m) => m.subject === SUBJECT);
    expect(mail.to).toEqual(["admin@d1.test"]);
    expect(mail.text).toContain("https://accord.example.org/contracts/d1/c1#progress");
    const count = sink.messages.length;
    const second = await accord(["alerts", "send"]);
    expect(second.code).toBe(0);
    expect(second.out).toBe("accord alerts: 1 organization(s); 0 sent, 0 failed\n");
    expect(sink.messages.length).toBe(count);
  });

  it("refuses an unknown subcommand", async () => {
    expect((await accord(["alerts", "mail"])).code).toBe(2);
  });
});
