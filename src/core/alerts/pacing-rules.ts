/**
 * Pacing alerts: enrolment behind the plan, and students behind the dosage a metric asks.
 *
 * Enrolment: on a day where pacing applies (pacing.ts), with `expected` the students the
 * plan expects by then, `enrolled < 60% of expected` is critical and `enrolled < 90%` a
 * warning (exactly: `enrolled * 100 < expected * 60`, `< expected * 90`).
 *
 * Dosage: for a dosage metric, a student is on pace when their attended sessions and
 * minutes reach the metric's minimums spread evenly over the period (`paceByNow`). With
 * `target` the share of students the metric should reach (a pool metric's `targetRate`,
 * else one half), `onPace / eligible < target` is a warning and `< target / 2` critical.
 */
import type { Metric } from "../terms/types.js";
import { ratio, type Ratio } from "../ratio.js";
import type { IsoDate } from "../date.js";
import { groupDigits, percentOf, sentenceDate, type Alert, type ContractRef } from "./alert.js";
import { expectedEnrolment, paceByNow, pacingApplies, type Period } from "./pacing.js";

export const ENROLMENT_WARNING_PERCENT = 90;
export const ENROLMENT_CRITICAL_PERCENT = 60;
/** The share of students a per-student dosage metric should have on pace. */
export const DEFAULT_DOSAGE_TARGET: Ratio = ratio(1n, 2n);

export interface EnrolmentFacts {
  readonly period: Period;
  readonly expectedStudents: number;
  readonly enrolled: number;
  readonly today: IsoDate;
}

export function enrolmentAlert(ref: ContractRef, facts: EnrolmentFacts): Alert | null {
  const { period, expectedStudents, enrolled } = facts;
  const today = facts.today;
  if (!pacingApplies(period, today)) return null;
  const expected = expectedEnrolment(period, expectedStudents, today);
  const severity =
    enrolled * 100 < expected * ENROLMENT_CRITICAL_PERCENT
      ? "critical"
      : enrolled * 100 < expected * ENROLMENT_WARNING_PERCENT
        ? "warning"
        : null;
  if (severity === null) return null;
  const whole = expected === expectedStudents ? "" : ` (of ${groupDigits(expectedStudents)} planned)`;
  return {
    ...ref,
    code: "enrolment-behind",
    severity,
    subject: "enrolment",
    message:
      `Enrolment is behind plan: ${groupDigits(enrolled)} students enrolled of ` +
      `${groupDigits(expected)} expected by ${sentenceDate(today)}${whole}, ${percentOf(enrolled, expected)}% of pace.`,
    target: { page: "contract", section: "progress" },
  };
}

export interface DosageRequirement {
  readonly minSessions: number;
  readonly minMinutes: number;
}

/** The sessions and minutes a dosage metric asks of a student by `today`. */
export function dosageByNow(
  measure: { readonly minSessions: number | null; readonly minMinutes: number | null },
  period: Period,
  today: IsoDate,
): DosageRequirement {
  return {
    minSessions: paceByNow(period, measure.minSessions ?? 0, today),
    minMinutes: paceByNow(period, measure.minMinutes ?? 0, today),
  };
}

/** Eligible students whose attended sessions and minutes reach `required`. */
export function studentsOnPace(
  students: readonly { readonly eligible: boolean; readonly sessions: number; readonly minutes: number }[],
  required: DosageRequirement,
): number {
  return students.filter(
    (s) => s.eligible && s.sessions >= required.minSessions && s.minutes >= required.minMinutes,
  ).length;
}

/** The share of students a dosage metric should have on pace. */
export function dosageTarget(metric: Metric): Ratio {
  return metric.pay.kind === "pool" ? metric.pay.targetRate : DEFAULT_DOSAGE_TARGET;
}

export interface DosageFacts {
  readonly period: Period;
  readonly today: IsoDate;
  readonly metric: { readonly id: string; readonly label: string };
  readonly required: DosageRequirement;
  readonly target: Ratio;
  readonly eligible: number;
  readonly onPace: number;
}

export function dosageAlert(ref: ContractRef, facts: DosageFacts): Alert | null {
  const today = facts.today;
  const { eligible, onPace, target } = facts;
  if (!pacingApplies(facts.period, today) || eligible === 0) return null;
  const left = BigInt(onPace) * target.d;
  const right = target.n * BigInt(eligible);
  const severity = left * 2n < right ? "critical" : left < right ? "warning" : null;
  if (severity === null) return null;
  const need = [
    facts.required.minSessions > 0 ? `${groupDigits(facts.required.minSessions)} sessions` : null,
    facts.required.minMinutes > 0 ? `${groupDigits(facts.required.minMinutes)} minutes` : null,
  ]
    .filter((s) => s !== null)
    .join(" and ");
  return {
    ...ref,
    code: "dosage-behind",
    severity,
    subject: facts.metric.id,
    message:
      `Dosage is behind pace for "${facts.metric.label}": ${groupDigits(onPace)} of ${groupDigits(eligible)} ` +
      `eligible students (${percentOf(onPace, eligible)}%) have ${need === "" ? "any service" : need} by ${sentenceDate(today)}, ` +
      `below the target of ${(target.n * 100n) / target.d}%.`,
    target: { page: "outcomes" },
  };
}
