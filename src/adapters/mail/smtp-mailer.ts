/**
 * Mail through the district's SMTP relay, with nodemailer. The relay is named by one URL
 * (`smtp://host:587`, `smtps://user:pass@host:465`), so an operator sets one variable.
 * Password-reset links must not cross a network in clear text: on `smtp://` to another
 * host the connection has to upgrade with STARTTLS or the send fails. Only a relay on
 * this machine (loopback) may be spoken to in clear, which is what a local sink and the
 * tests use. An operator who knowingly accepts clear text adds `?requireTLS=false`,
 * since nodemailer lets the URL's query override these options.
 */
import { createTransport } from "nodemailer";
import type { Mailer } from "../../app/ports/auth.js";

// nodemailer waits 2 minutes to connect and 10 idle by default; a sign-in page cannot.
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** nodemailer's options for `url`; throws for a URL that names no SMTP server. */
export function smtpTransportOptions(url: string) {
  const parsed = new URL(url);
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error(`The mail server URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  return {
    url,
    requireTLS: parsed.protocol === "smtp:" && !isLoopbackHost(parsed.hostname),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  };
}

/** `from` is the envelope and header sender, e.g. `Accord <accord@district.org>`. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(smtpTransportOptions(url));
  return {
    async send({ to, subject, text, html, headers }) {
      await transport.sendMail({
        from,
        to,
        subject,
        text,
        ...(html === undefined ? {} : { html }),
        ...(headers === undefined ? {} : { headers: { ...headers } }),
      });
    },
  };
}
