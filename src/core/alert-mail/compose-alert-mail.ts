/**
 * The e-mails alerts are sent in: one alert at once, or the day's digest. Plain text and a
 * simple HTML part with the same content. They carry only what the alert carries:
 * contract titles, aggregate counts, dates and ids of metrics, windows, obligations and
 * statements; never a student's name or personal values (the alert rules state only
 * aggregates). Each links to the page that shows the alert and to the preferences page,
 * and (when sent) carries a one-click unsubscribe link for the kinds it is about.
 */
import type { AlertCode, Severity } from "../alerts/alert.js";
import type { MailAlert } from "./plan-deliveries.js";
import { ALERT_KINDS, ALERT_KIND_LABELS } from "./preferences.js";

export interface AlertMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The web app's path of the preferences page (web/src/lib/routes.ts). */
export const NOTIFICATIONS_PATH = "/account/notifications";

const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: "Critical",
  warning: "Warning",
  info: "To do",
};

/** The section ids of the contract page (web/src/lib/api/alerts.ts). */
const SECTIONS = { progress: "progress", obligations: "obligations", freshness: "data-freshness" } as const;

const seg = encodeURIComponent;

/** The web app's path of the page that shows `alert`. */
export function alertPath(alert: Pick<MailAlert, "districtId" | "contractId" | "target">): string {
  const contract = `/contracts/${seg(alert.districtId)}/${seg(alert.contractId)}`;
  switch (alert.target.page) {
    case "contract":
      return `${contract}#${SECTIONS[alert.target.section]}`;
    case "outcomes":
      return `${contract}/outcomes`;
    case "statement":
      return `${contract}/statements/${seg(alert.target.statementId)}`;
    case "check-in":
      return `${contract}/check-ins/${seg(alert.target.checkInId)}`;
  }
}

/** One line: header values must not carry line breaks. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** "Enrolment behind plan: Reading tutoring — 451 of 1,200 students". */
export function alertSubject(alert: MailAlert): string {
  const head = `${ALERT_KIND_LABELS[alert.code]}: ${oneLine(alert.contractTitle)}`;
  return alert.headline === null ? head : `${head} \u2014 ${alert.headline}`;
}

/**
 * The kinds of alert a mail is about, in the settings page's order: what its one-click
 * unsubscribe link turns off (the person's other kinds stay as they are).
 */
export function mailKinds(alerts: readonly Pick<MailAlert, "code">[]): AlertCode[] {
  return ALERT_KINDS.filter((kind) => alerts.some((a) => a.code === kind));
}

function kindList(kinds: readonly AlertCode[]): string {
  return kinds.map((k) => ALERT_KIND_LABELS[k]).join(", ");
}

/** The one-click unsubscribe of a mail: its URL (List-Unsubscribe) and the kinds it turns off. */
export interface Unsubscribe {
  readonly url: string;
  readonly kinds: readonly AlertCode[];
}

function unsubscribeText(unsubscribe: Unsubscribe): string {
  return (
    `Stop e-mails about ${kindList(unsubscribe.kinds)} (your other alert e-mails stay as they are): ` +
    unsubscribe.url
  );
}

function footerText(baseUrl: string, unsubscribe: Unsubscribe | null): string {
  return (
    "You receive this because of your alert e-mail preferences in Accord. " +
    `Change them or turn these e-mails off: ${baseUrl}${NOTIFICATIONS_PATH}` +
    (unsubscribe === null ? "" : `\n${unsubscribeText(unsubscribe)}`)
  );
}

function footerHtml(baseUrl: string, unsubscribe: Unsubscribe | null): string {
  const href = escapeHtml(`${baseUrl}${NOTIFICATIONS_PATH}`);
  const stop =
    unsubscribe === null
      ? ""
      : ` <a href="${escapeHtml(unsubscribe.url)}">Stop e-mails about ${escapeHtml(kindList(unsubscribe.kinds))}</a> (your other alert e-mails stay as they are).`;
  return (
    '<p style="color:#555;font-size:smaller">You receive this because of your alert e-mail preferences in Accord. ' +
    `<a href="${href}">Change them or turn these e-mails off</a>.${stop}</p>`
  );
}

function page(body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>\n`;
}

/**
 * The mail of one alert sent at once. `baseUrl` has no trailing slash; `unsubscribeUrl`
 * stops mails of this alert's kind (none in a dry run's preview).
 */
export function immediateMail(
  alert: MailAlert,
  baseUrl: string,
  unsubscribeUrl: string | null = null,
): AlertMail {
  const unsubscribe = unsubscribeUrl === null ? null : { url: unsubscribeUrl, kinds: [alert.code] };
  const link = `${baseUrl}${alertPath(alert)}`;
  const title = oneLine(alert.contractTitle);
  const text = [
    alert.message,
    "",
    `Contract: ${title} (${alert.districtId}/${alert.contractId})`,
    `Severity: ${SEVERITY_LABELS[alert.severity]}`,
    "",
    `Open it in Accord: ${link}`,
    "",
    "-- ",
    footerText(baseUrl, unsubscribe),
    "",
  ].join("\n");
  const html = page(
    [
      `<p>${escapeHtml(alert.message)}</p>`,
      `<p>Contract: <strong>${escapeHtml(title)}</strong> (${escapeHtml(`${alert.districtId}/${alert.contractId}`)})<br>`,
      `Severity: ${SEVERITY_LABELS[alert.severity]}</p>`,
      `<p><a href="${escapeHtml(link)}">Open it in Accord</a></p>`,
      footerHtml(baseUrl, unsubscribe),
    ].join("\n"),
  );
  return { subject: alertSubject(alert), text, html };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The daily digest: every alert in `alerts` (most severe first, as given), grouped by
 * contract in the order the contracts first appear. `unsubscribeUrl` stops mails of the
 * kinds in this digest (mailKinds).
 */
export function digestMail(
  alerts: readonly MailAlert[],
  context: {
    readonly baseUrl: string;
    readonly organizationName: string;
    readonly localDay: string;
    readonly unsubscribeUrl?: string | null;
  },
): AlertMail {
  const unsubscribe =
    context.unsubscribeUrl === undefined || context.unsubscribeUrl === null
      ? null
      : { url: context.unsubscribeUrl, kinds: mailKinds(alerts) };
  const groups = new Map<string, MailAlert[]>();
  for (const alert of alerts) {
    const key = JSON.stringify([alert.districtId, alert.contractId]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [alert]);
    else group.push(alert);
  }
  const organization = oneLine(context.organizationName);
  const subject = `Accord daily digest for ${organization}: ${plural(alerts.length, "new alert", "new alerts")}`;
  const textParts: string[] = [
    `${plural(alerts.length, "new alert", "new alerts")} on ${plural(groups.size, "contract", "contracts")} (${context.localDay}).`,
    "",
  ];
  const htmlParts: string[] = [
    `<p>${escapeHtml(`${plural(alerts.length, "new alert", "new alerts")} on ${plural(groups.size, "contract", "contracts")} (${context.localDay}).`)}</p>`,
  ];
  for (const group of groups.values()) {
    const first = group[0];
    if (first === undefined) continue;
    const title = oneLine(first.contractTitle);
    textParts.push(`${title} (${first.districtId}/${first.contractId})`);
    htmlParts.push(
      `<h2 style="font-size:medium">${escapeHtml(title)} (${escapeHtml(`${first.districtId}/${first.contractId}`)})</h2>`,
      "<ul>",
    );
    for (const alert of group) {
      const link = `${context.baseUrl}${alertPath(alert)}`;
      textParts.push(`- ${SEVERITY_LABELS[alert.severity]}: ${alert.message}`, `  ${link}`);
      htmlParts.push(
        `<li>${SEVERITY_LABELS[alert.severity]}: ${escapeHtml(alert.message)} <a href="${escapeHtml(link)}">Open</a></li>`,
      );
    }
    textParts.push("");
    htmlParts.push("</ul>");
  }
  textParts.push("-- ", footerText(context.baseUrl, unsubscribe), "");
  htmlParts.push(footerHtml(context.baseUrl, unsubscribe));
  return { subject, text: textParts.join("\n"), html: page(htmlParts.join("\n")) };
}
