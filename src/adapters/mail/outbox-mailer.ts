/**
 * Mail that stays on disk: each message becomes an RFC 5322 `.eml` file in one folder. The
 * embedded demo uses it when no SMTP server is configured, so somebody trying Accord on a
 * laptop can still open the password-reset mail (any mail program opens `.eml` files) and
 * follow its link. nodemailer composes the file, so headers and non-ASCII text are encoded
 * exactly as they would be on the wire.
 *
 * Files are named `<time>-<n>.eml`: the time is ISO 8601 in UTC, basic format
 * (`20240310T080015.123Z`), because the extended format's colons are not allowed in Windows
 * file names; `n` counts this mailer's messages, so names sort in sending order and two
 * mails in the same millisecond do not collide. A file is never overwritten.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import type { Mailer } from "../../app/ports/auth.js";
import { systemClock, type Clock } from "../../app/ports/clock.js";

export interface OutboxOptions {
  /** The From header; RFC 5322 requires one. */
  readonly from?: string;
  /** The Date header and the file name's time. */
  readonly clock?: Clock;
}

export const OUTBOX_FROM = "Accord <accord@localhost>";

/** `20240310T080015.123Z`: ISO 8601 basic format, UTC. */
export function fileTime(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "");
}

export function outboxMailer(dir: string, options: OutboxOptions = {}): Mailer {
  const from = options.from ?? OUTBOX_FROM;
  const clock = options.clock ?? systemClock;
  // CRLF line ends, as RFC 5322 requires and mail programs expect of an .eml file.
  const composer = createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  let count = 0;

  return {
    async send({ to, subject, text, html, headers }) {
      const date = clock.now();
      const info = await composer.sendMail({
        from,
        to,
        subject,
        text,
        date,
        ...(html === undefined ? {} : { html }),
        ...(headers === undefined ? {} : { headers: { ...headers } }),
      });
      if (!Buffer.isBuffer(info.message))
        throw new Error("nodemailer returned a stream despite buffer: true");
      await mkdir(dir, { recursive: true });
      for (;;) {
        count += 1;
        try {
          await writeFile(join(dir, `${fileTime(date)}-${count}.eml`), info.message, { flag: "wx" });
          return;
        } catch (error) {
          // Another process writing to the same outbox took this name; take the next.
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
      }
    },
  };
}
