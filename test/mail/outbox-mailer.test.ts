import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileTime, outboxMailer } from "../../src/adapters/mail/outbox-mailer.js";
import { parseMail } from "../support/smtp-sink.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "accord-outbox-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

// A fixed UTC instant: the file name and Date header must not depend on the test's TZ.
const at = new Date("2024-03-10T08:00:15.123Z");
const clock = { now: () => at };
const reset = {
  to: "mjones@springfield.k12.il.us",
  subject: "Réinitialiser votre mot de passe",
  text: "Open this link within 30 minutes:\nhttps://accord.example/reset?token=abc\n",
};

describe("outbox mailer", () => {
  it("writes each message as an .eml file named by UTC time and count, creating the folder", async () => {
    const dir = join(root, "outbox", "nested");
    const mailer = outboxMailer(dir, { clock });
    await mailer.send(reset);
    await mailer.send({ ...reset, subject: "Second" });
    expect((await readdir(dir)).sort()).toEqual(["20240310T080015.123Z-1.eml", "20240310T080015.123Z-2.eml"]);
  });

  it("writes an RFC 5322 message a mail program can read back", async () => {
    await outboxMailer(root, { clock, from: "Accord <accord@springfield.k12.il.us>" }).send(reset);
    const raw = await readFile(join(root, "20240310T080015.123Z-1.eml"), "utf8");
    expect(raw).toContain("From: Accord <accord@springfield.k12.il.us>\r\n");
    expect(raw).toContain("To: mjones@springfield.k12.il.us\r\n");
    expect(raw).toContain("Date: Sun, 10 Mar 2024 08:00:15 +0000\r\n");
    expect(raw).toMatch(/^Message-ID: <.+@springfield\.k12\.il\.us>\r$/m);
    // Every line ends with CRLF, as RFC 5322 requires.
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const mail = parseMail(raw, "", []);
    expect(mail.subject).toBe(reset.subject);
    expect(mail.text).toBe(reset.text);
  });

  it("gives the demo a From header when none is configured", async () => {
    await outboxMailer(root, { clock }).send(reset);
    const raw = await readFile(join(root, "20240310T080015.123Z-1.eml"), "utf8");
    expect(raw).toContain("From: Accord <accord@localhost>\r\n");
  });

  it("never overwrites a file another mailer wrote to the same folder", async () => {
    await outboxMailer(root, { clock }).send({ ...reset, subject: "first" });
    await outboxMailer(root, { clock }).send({ ...reset, subject: "second" });
    const files = (await readdir(root)).sort();
    expect(files).toEqual(["20240310T080015.123Z-1.eml", "20240310T080015.123Z-2.eml"]);
    const subjects = await Promise.all(
      files.map(async (f) => parseMail(await readFile(join(root, f), "utf8"), "", []).subject),
    );
    expect(subjects).toEqual(["first", "second"]);
  });

  it("names files in UTC, ISO 8601 basic format, with no colons", () => {
    expect(fileTime(new Date("2024-11-03T06:30:00Z"))).toBe("20241103T063000.000Z");
  });
});
