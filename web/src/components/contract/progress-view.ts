/** Words and numbers of the contract page's progress, freshness and obligations, for people. */
import { formatRatePercent } from "../../lib/money.js";
import type { FreshnessEntry, ObligationProgress } from "../../lib/api/contract.js";
import { count } from "./terms-summary.js";

export const KIND_LABELS: Readonly<Record<string, string>> = {
  students: "Roster (students)",
  enrollments: "Enrollments",
  assessments: "Assessments",
  sessions: "Sessions",
  obligations: "Obligation statuses",
  payments: "Payments",
};

/** The whole percentage `part / whole`, rounded down; "–" when there is no whole. */
export function percentText(part: number, whole: number): string {
  return whole <= 0 ? "–" : `${Math.floor((part * 100) / whole)}%`;
}

/** "0.529545" -> "53.0%". */
export function rateText(rate: string): string {
  return formatRatePercent(rate, 1);
}

export function ageText(ageDays: number | null, vendor = false): string {
  if (ageDays === null) return vendor ? "Not shown" : "Never imported";
  if (ageDays <= 0) return "Today";
  return ageDays === 1 ? "1 day ago" : `${count(ageDays)} days ago`;
}

/**
 * A freshness entry in words. A vendor sees only the imports it made itself, so a kind
 * it never imported is the district's to keep fresh, not "missing" to the vendor.
 */
export function freshnessState(entry: FreshnessEntry, vendor = false): { label: string; kind: string } {
  if (vendor && entry.batchId === null) return { label: "District's import, not shown", kind: "none" };
  if (entry.staleAfterDays === null)
    return { label: entry.batchId === null ? "None yet" : "Recorded", kind: "none" };
  if (entry.batchId === null) return { label: "Missing", kind: "stale" };
  return entry.stale
    ? { label: `Stale (over ${entry.staleAfterDays} days)`, kind: "stale" }
    : { label: "Fresh", kind: "fresh" };
}

const STATUS: Readonly<Record<ObligationProgress["status"], string>> = {
  met: "Met",
  notMet: "Not met",
  pending: "Pending",
};

export function obligationStatusLabel(status: ObligationProgress["status"]): string {
  return STATUS[status];
}

/** What an obligation measures, with today's count against its pace and minimum. */
export function obligationMeasureText(o: ObligationProgress): string {
  if (o.measure === "manual") return "Recorded by the district";
  const what = o.measure === "enrolledStudents" ? "eligible students enrolled" : "students served";
  const pace = o.paceByNow === null ? "" : `, ${count(o.paceByNow)} expected by now`;
  return `${count(o.value ?? 0)} ${what} of ${count(o.min ?? 0)} required${pace}`;
}

/** Enrolment against the plan: "on pace", "behind pace" or, once the ramp is over, against the plan itself. */
export function enrolmentText(e: {
  expectedStudents: number;
  expectedByNow: number;
  enrolled: number;
}): string {
  const pace = e.enrolled >= e.expectedByNow ? "on pace" : "behind pace";
  return `${count(e.enrolled)} of ${count(e.expectedStudents)} planned (${percentText(e.enrolled, e.expectedStudents)}); ${count(e.expectedByNow)} expected by now: ${pace}`;
}

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.floor(bytes / 1024)} KB`;
  return `${Math.floor(bytes / (1024 * 1024))} MB`;
}
