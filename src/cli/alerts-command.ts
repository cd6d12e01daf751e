/**
 * `accord alerts send [--dry-run]`: one run of the alert mail (src/app/alert-mail/), for
 * cron. Mail goes to ACCORD_SMTP_URL, else (embedded store) into the store's outbox
 * folder as .eml files, as `accord serve` does. Links point at ACCORD_PUBLIC_URL.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Mailer } from "../app/ports/auth.js";
import { systemClock } from "../app/ports/clock.js";
import { ANOTHER_RUN, sendAlertMail, type AlertMailReport } from "../app/alert-mail/send-alert-mail.js";
import { DEFAULT_ALERT_TIME_ZONE } from "../app/alert-mail/local-time.js";
import { ConfigError, readServeSettings } from "../api/server-config.js";
import { smtpMailer } from "../adapters/mail/smtp-mailer.js";
import { outboxMailer } from "../adapters/mail/outbox-mailer.js";
import { EXIT_INTERNAL, EXIT_OK, UsageError, say } from "./io.js";
import { withStore, type Env } from "./store.js";

export const ALERTS_HELP = `Usage: accord alerts send [--dry-run]

Mails every organization's members the alerts they have not been mailed yet, as their
notification preferences say (immediately, or in the daily digest after their digest hour
in ACCORD_ALERT_TIME_ZONE, default ${DEFAULT_ALERT_TIME_ZONE}). An alert is mailed once
while it stays active; a failed send is retried by the next run. Run it from cron (every
15 minutes, say) or let accord serve run it (ACCORD_ALERT_MAIL_MINUTES). Runs never
overlap: on PostgreSQL a run started while another is going (cron or the server) says
"another send is running" and exits 0. The embedded store is one process's (this
command is refused while accord serve holds it): let the server send, or stop it first.

Mail goes to ACCORD_SMTP_URL (smtp://host:port), else into the outbox folder of the
embedded store as .eml files. Links in the mails start with ACCORD_PUBLIC_URL.

  --dry-run   list the mails a run would send; send and record nothing

Exit code 1 when a mail could not be sent (it stays pending for the next run).
`;

/** One line per mail, without addresses. */
export function reportLines(report: AlertMailReport): string[] {
  if (report.busy) return [`accord alerts: ${ANOTHER_RUN}`];
  const lines = report.mails.map(
    (m) => `${m.outcome}\t${m.kind}\t${m.organizationId}\t${m.userId}\t${m.alerts}\t${m.subject}`,
  );
  const count = (outcome: string) => report.mails.filter((m) => m.outcome === outcome).length;
  lines.push(
    `accord alerts: ${report.organizations} organization(s); ${count("sent")} sent, ${count("failed")} failed` +
      (count("would-send") > 0 ? `, ${count("would-send")} would be sent` : ""),
  );
  return lines;
}

export async function alertsCommand(args: string[], env: Env = process.env): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    process.stdout.write(ALERTS_HELP);
    return EXIT_OK;
  }
  if (sub !== "send") throw new UsageError(`accord alerts: unknown subcommand ${JSON.stringify(sub ?? "")}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(ALERTS_HELP);
    return EXIT_OK;
  }
  let settings;
  try {
    settings = readServeSettings(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(`accord alerts: ${error.message}`);
    return EXIT_INTERNAL;
  }
  const { storeConfig } = await import("../adapters/db/open-store.js");
  const store = storeConfig(env);
  const mailer: Mailer =
    settings.smtpUrl === null
      ? outboxMailer(join(store.kind === "pglite" ? store.dataDir : ".", "outbox"))
      : smtpMailer(settings.smtpUrl, settings.config.mailFrom);
  const report = await withStore(env, (db) =>
    sendAlertMail(
      {
        db,
        clock: systemClock,
        mailer,
        baseUrl: settings.config.publicUrl,
        timeZone: settings.config.alertTimeZone ?? DEFAULT_ALERT_TIME_ZONE,
      },
      { dryRun: values["dry-run"] },
    ),
  );
  for (const line of reportLines(report)) process.stdout.write(`${line}\n`);
  return report.mails.some((m) => m.outcome === "failed") ? EXIT_INTERNAL : EXIT_OK;
}
