/**
 * A local SMTP server for tests: it accepts every message on 127.0.0.1 without TLS or
 * authentication and keeps what it received, so a test can send through the real
 * smtpMailer and read the mail back. Messages are parsed just enough for a single-part
 * text mail as nodemailer writes it (RFC 2047 subjects, quoted-printable or base64 bodies);
 * mailparser is not installed and a test has no need for multipart or attachments.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** Envelope sender and recipients, as the client gave them in MAIL FROM and RCPT TO. */
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The text/html part of a multipart/alternative mail. */
  readonly html?: string;
  readonly raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string;
  readonly messages: readonly ReceivedMail[];
  /** The first message, received or still to come, for which `predicate` holds. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const listeners = new Set<(mail: ReceivedMail) => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const { mailFrom, rcptTo } = session.envelope;
        const mail = parseMail(
          Buffer.concat(chunks).toString("utf8"),
          mailFrom === false ? "" : mailFrom.address,
          rcptTo.map((r) => r.address),
        );
        messages.push(mail);
        for (const listener of listeners) listener(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const listener = (mail: ReceivedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          const subjects = messages.map((m) => JSON.stringify(m.subject)).join(", ") || "none";
          reject(new Error(`No matching mail within ${timeoutMs} ms; received: ${subjects}`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function parseMail(raw: string, from: string, to: readonly string[]): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const subject = decodeWords(headers.get("subject") ?? "");
  const boundary = /^multipart\/alternative;.*boundary="?([^";]+)"?/i.exec(
    headers.get("content-type") ?? "",
  )?.[1];
  if (boundary !== undefined) {
    // One level of text/plain and text/html parts, as nodemailer writes a text + html mail.
    const parts = body.split(`--${boundary}`).map((part) => parseMail(part.replace(/^\r\n/, ""), from, to));
    const plain = parts.find((p) => /text\/plain/i.test(p.raw.slice(0, p.raw.indexOf("\r\n\r\n"))));
    const html = parts.find((p) => /text\/html/i.test(p.raw.slice(0, p.raw.indexOf("\r\n\r\n"))));
    return {
      from,
      to,
      subject,
      text: plain?.text ?? "",
      ...(html === undefined ? {} : { html: html.text }),
      raw,
    };
  }
  return { from, to, subject, text: decodeBody(body, encoding).replace(/\r\n/g, "\n"), raw };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "base64") return Buffer.from(body, "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body.replace(/=\r\n/g, ""));
  return body;
}

/** `=C3=A9` are bytes of UTF-8; a literal `%` is escaped first so only those bytes decode. */
function decodeQuotedPrintable(text: string): string {
  return decodeURIComponent(text.replace(/%/g, "%25").replace(/=([0-9A-F]{2})/gi, "%$1"));
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); whitespace between them goes. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}
