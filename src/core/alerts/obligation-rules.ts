/**
 * Obligation alerts. Terms (obc-terms/1) give an obligation no date of its own: every
 * obligation is decided by the settlement at the end of the period, so its **due date is
 * the period's end** unless district staff set an earlier one (the obligation's plan,
 * `dueOn`). A measured obligation with an earlier due date is paced towards that date.
 *
 * - A manual obligation with no status recorded is **overdue** after its due date
 *   (critical when it has a consequence, else a warning) and **due soon** within
 *   DUE_SOON_DAYS before it (a warning with a consequence, else info).
 * - An obligation whose status is or would be `notMet` (a manual one recorded so; a
 *   measured one below its minimum after the due date) is **not met**: critical with a
 *   consequence, else a warning.
 * - A measured obligation is **at risk** (a warning) while pacing applies when its
 *   current count is below the pace towards its minimum: for `enrolledStudents` the
 *   enrolment ramp, for `servedStudents` the even pace over the period (pacing.ts).
 */
import { daysBetween, type IsoDate } from "../date.js";
import type { Consequence, ObligationMeasure, Party } from "../terms/types.js";
import { days, groupDigits, sentenceDate, type Alert, type ContractRef, type Severity } from "./alert.js";
import { expectedEnrolment, paceByNow, pacingApplies, type Period } from "./pacing.js";

export const DUE_SOON_DAYS = 30;

export interface ObligationFacts {
  readonly id: string;
  readonly party: Party;
  readonly description: string;
  readonly measure: ObligationMeasure;
  readonly consequence: Consequence;
  /** Manual obligations: the recorded status, null when none is. */
  readonly recorded: "met" | "notMet" | null;
  /** Measured obligations: the current count (eligible enrolled or served students). */
  readonly value: number | null;
  /** The due date set in the obligation's plan (within the period); absent or null: the period's end. */
  readonly dueOn?: IsoDate | null;
}

const PARTY: Readonly<Record<Party, string>> = { district: "The district", vendor: "The vendor" };

function stakes(consequence: Consequence, high: Severity, low: Severity): Severity {
  return consequence.kind === "none" ? low : high;
}

function alert(
  ref: ContractRef,
  o: ObligationFacts,
  code: Alert["code"],
  severity: Severity,
  message: string,
): Alert {
  return {
    ...ref,
    code,
    severity,
    subject: o.id,
    message,
    target: { page: "contract", section: "obligations" },
  };
}

/** The count a measured obligation should have reached by `today`. */
export function obligationPace(measure: ObligationMeasure, period: Period, today: IsoDate): number | null {
  if (measure.kind === "enrolledStudents") return expectedEnrolment(period, measure.min, today);
  if (measure.kind === "servedStudents") return paceByNow(period, measure.min, today);
  return null;
}

export function obligationAlert(
  ref: ContractRef,
  o: ObligationFacts,
  period: Period,
  today: IsoDate,
): Alert | null {
  const due = o.dueOn ?? period.end;
  const left = daysBetween(today, due);
  const what = `${PARTY[o.party]}'s obligation "${o.description}"`;
  if (o.measure.kind === "manual") {
    if (o.recorded === "met") return null;
    if (o.recorded === "notMet")
      return alert(
        ref,
        o,
        "obligation-not-met",
        stakes(o.consequence, "critical", "warning"),
        `${what} is recorded as not met.`,
      );
    if (left < 0)
      return alert(
        ref,
        o,
        "obligation-overdue",
        stakes(o.consequence, "critical", "warning"),
        `${what} was due on ${sentenceDate(due)} and has no status recorded, ${days(-left)} later.`,
      );
    if (left <= DUE_SOON_DAYS)
      return alert(
        ref,
        o,
        "obligation-due-soon",
        stakes(o.consequence, "warning", "info"),
        `${what} is due on ${sentenceDate(due)}, in ${days(left)}, and has no status recorded yet.`,
      );
    return null;
  }
  const value = o.value ?? 0;
  const min = o.measure.min;
  const counted = o.measure.kind === "enrolledStudents" ? "eligible students enrolled" : "students served";
  if (value >= min) return null;
  if (left < 0)
    return alert(
      ref,
      o,
      "obligation-not-met",
      stakes(o.consequence, "critical", "warning"),
      `${what} was not met: ${groupDigits(value)} ${counted} of the ${groupDigits(min)} required by ${sentenceDate(due)}.`,
    );
  const paced: Period = { start: period.start, end: due };
  const pace = obligationPace(o.measure, paced, today) ?? 0;
  if (!pacingApplies(paced, today) || value >= pace) return null;
  return alert(
    ref,
    o,
    "obligation-at-risk",
    "warning",
    `${what} is at risk: ${groupDigits(value)} ${counted}, below the ${groupDigits(pace)} expected by ` +
      `${sentenceDate(today)} on the way to ${groupDigits(min)} by ${sentenceDate(due)}.`,
  );
}
