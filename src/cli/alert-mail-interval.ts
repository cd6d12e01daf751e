/**
 * The server's alert mail runs: every `minutes`, one run of sendAlertMail, never two at
 * once (a run still going when the next is due makes that one skip; a run of cron's
 * `accord alerts send` holding the store's lock makes this one send nothing). A run that throws
 * (the store unreachable) is logged and the next run tries again.
 */
import { ANOTHER_RUN, sendAlertMail, type AlertMailDeps } from "../app/alert-mail/send-alert-mail.js";

/** Starts the runs; the function returned stops them and waits for a run in progress. */
export function startAlertMailInterval(
  deps: AlertMailDeps,
  minutes: number,
  log: (line: string) => void,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const runOnce = () => {
    if (running !== null) return;
    running = sendAlertMail(deps)
      .then((report) => {
        if (report.busy) {
          log(`accord serve: alert mail: ${ANOTHER_RUN}`);
          return;
        }
        const sent = report.mails.filter((m) => m.outcome === "sent").length;
        const failed = report.mails.filter((m) => m.outcome === "failed").length;
        if (sent > 0 || failed > 0)
          log(`accord serve: alert mail: ${sent} sent, ${failed} failed (retried next run)`);
      })
      .catch((error: unknown) => {
        log(`accord serve: alert mail run failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(runOnce, minutes * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    if (running !== null) await running;
  };
}
