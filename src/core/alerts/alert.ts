/**
 * An alert: something about a contract that a person should look at now, with how
 * urgent it is, one plain sentence and the page that shows it. Alerts are computed by
 * pure rules (this folder) from the terms, counts, dates and the clock's date; nothing
 * is stored, so an alert is gone as soon as its cause is.
 */
import type { IsoDate } from "../date.js";

/** `critical`: money or an obligation is at stake now; `warning`: falling behind; `info`: to do. */
export type Severity = "critical" | "warning" | "info";

export const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];

export type AlertCode =
  | "enrolment-behind"
  | "dosage-behind"
  | "assessment-data-missing"
  | "obligation-due-soon"
  | "obligation-overdue"
  | "obligation-at-risk"
  | "obligation-not-met"
  | "statement-awaiting-approval"
  | "action-item-overdue";

/** The page an alert links to; the web app turns it into an address. */
export type AlertTarget =
  | { readonly page: "contract"; readonly section: "progress" | "obligations" | "freshness" }
  | { readonly page: "outcomes" }
  | { readonly page: "statement"; readonly statementId: string }
  | { readonly page: "check-in"; readonly checkInId: string };

export interface Alert {
  readonly code: AlertCode;
  readonly severity: Severity;
  readonly districtId: string;
  readonly contractId: string;
  /** What the alert is about within the contract (a metric, window, obligation or statement id). */
  readonly subject: string;
  readonly message: string;
  readonly target: AlertTarget;
}

export interface ContractRef {
  readonly districtId: string;
  readonly contractId: string;
}

/** Critical first, then warning, then info; within one severity the order given is kept. */
export function bySeverity(alerts: readonly Alert[]): Alert[] {
  return SEVERITIES.flatMap((s) => alerts.filter((a) => a.severity === s));
}

/** 1200 -> "1,200": counts in sentences. */
export function groupDigits(value: number): string {
  const digits = String(Math.abs(Math.trunc(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return value < 0 ? `-${grouped}` : grouped;
}

/** The whole percentage of `part / whole` rounded down (0 when whole is 0), for sentences only. */
export function percentOf(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.floor((part * 100) / whole);
}

/** "1 day", "3 days". */
export function days(n: number): string {
  return n === 1 ? "1 day" : `${groupDigits(n)} days`;
}

export type { IsoDate };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-10-15" -> "Oct 15, 2024", for sentences. */
export function sentenceDate(date: IsoDate): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1] ?? "?"} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}
