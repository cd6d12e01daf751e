/**
 * Statement alerts: a statement that stands (no later run replaced it) and has no review
 * yet is **awaiting approval**. A final statement is a warning from the day it is issued
 * (the contract cannot settle without it); an interim one is info, and a warning once it
 * has waited more than REVIEW_WAIT_DAYS.
 */
import { daysBetween, type IsoDate } from "../date.js";
import { days, sentenceDate, type Alert, type ContractRef } from "./alert.js";

export const REVIEW_WAIT_DAYS = 14;

export interface StatementFacts {
  readonly statementId: string;
  readonly kind: "interim" | "final";
  readonly status: "issued" | "approved" | "disputed";
  readonly superseded: boolean;
  readonly asOf: IsoDate;
  readonly issuedOn: IsoDate;
  /** The total as people read it ("$411,300.00"). */
  readonly totalText: string;
}

export function statementAlert(ref: ContractRef, s: StatementFacts, today: IsoDate): Alert | null {
  if (s.status !== "issued" || s.superseded) return null;
  const waited = Math.max(0, daysBetween(s.issuedOn, today));
  const severity = s.kind === "final" || waited > REVIEW_WAIT_DAYS ? "warning" : "info";
  const kind = s.kind === "final" ? "Final" : "Interim";
  return {
    ...ref,
    code: "statement-awaiting-approval",
    severity,
    subject: s.statementId,
    message:
      `${kind} statement ${s.statementId} (as of ${sentenceDate(s.asOf)}, total ${s.totalText}) ` +
      `is awaiting approval; issued ${waited === 0 ? "today" : `${days(waited)} ago`}.`,
    target: { page: "statement", statementId: s.statementId },
  };
}
