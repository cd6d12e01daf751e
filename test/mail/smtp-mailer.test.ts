import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost, smtpMailer, smtpTransportOptions } from "../../src/adapters/mail/smtp-mailer.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

describe("smtp mailer", () => {
  it("delivers the recipient, subject and text to the SMTP server", async () => {
    const mailer = smtpMailer(sink.url, "Accord <accord@springfield.k12.il.us>");
    await mailer.send({
      to: "mjones@springfield.k12.il.us",
      subject: "Reset your Accord password",
      text: "Open this link within 30 minutes:\nhttps://accord.example/reset?token=abc%2Fdef\n",
    });
    const mail = await sink.waitFor((m) => m.subject === "Reset your Accord password");
    expect(mail.from).toBe("accord@springfield.k12.il.us");
    expect(mail.to).toEqual(["mjones@springfield.k12.il.us"]);
    expect(mail.text).toBe(
      "Open this link within 30 minutes:\nhttps://accord.example/reset?token=abc%2Fdef\n",
    );
  });

  it("carries non-ASCII subjects and long lines intact", async () => {
    const mailer = smtpMailer(sink.url, "accord@springfield.k12.il.us");
    // SMTP data ends with a line break, so a body without one comes back with one: end with it.
    const text = `Bonjour Hélène, ${"le lien de réinitialisation est ci-dessous. ".repeat(4)}\n`;
    await mailer.send({ to: "helene@springfield.k12.il.us", subject: "Réinitialiser – Accord", text });
    const mail = await sink.waitFor((m) => m.to.includes("helene@springfield.k12.il.us"));
    expect(mail.subject).toBe("Réinitialiser – Accord");
    expect(mail.text).toBe(text);
  });

  it("fails the send when the server cannot be reached", async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const mailer = smtpMailer(closed.url, "accord@springfield.k12.il.us");
    await expect(mailer.send({ to: "a@b.org", subject: "s", text: "t" })).rejects.toThrow();
  });

  it("refuses a URL that is not smtp:// or smtps://", () => {
    expect(() => smtpMailer("http://127.0.0.1:25", "accord@b.org")).toThrow(/smtp:\/\/ or smtps:\/\//);
  });

  it("requires STARTTLS on smtp:// to any host but this machine", () => {
    const loopback = ["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.10", "[::1]"];
    expect(loopback.filter((h) => !isLoopbackHost(h))).toEqual([]);
    const remote = ["mail.district.org", "10.0.0.5", "128.0.0.1", "localhost.evil.org", "[::2]"];
    expect(remote.filter(isLoopbackHost)).toEqual([]);
    expect(smtpTransportOptions("smtp://127.0.0.1:2525").requireTLS).toBe(false);
    expect(smtpTransportOptions("smtp://mail.district.org:587").requireTLS).toBe(true);
    // smtps:// is TLS from the first byte; there is nothing to upgrade.
    expect(smtpTransportOptions("smtps://mail.district.org:465").requireTLS).toBe(false);
  });

  it("fails rather than send in clear when TLS is required and the server offers none", async () => {
    // The URL's query overrides the options, which is also the operator's way out.
    const mailer = smtpMailer(`${sink.url}?requireTLS=true`, "accord@springfield.k12.il.us");
    await expect(mailer.send({ to: "a@b.org", subject: "clear", text: "t" })).rejects.toThrow(/STARTTLS/i);
    expect(sink.messages.map((m) => m.subject)).not.toContain("clear");
  });
});
