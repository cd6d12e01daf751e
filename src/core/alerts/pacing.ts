/**
 * Where a contract should be by a given day. Terms give a plan (`expectedStudents`, a
 * service period, dosage minimums) but no calendar for reaching it, so the plan's pace is
 * defined here, once:
 *
 * - **Enrolment** ramps up evenly over the first ENROLMENT_RAMP_DAYS days of the period:
 *   by day `d` (the start is day 0) the plan expects `floor(expectedStudents * min(d, 60) / 60)`
 *   students, and all of them from day 60 on.
 * - **Service** (sessions, minutes, served students) accrues evenly over the whole period:
 *   by day `d` of a period of `n` days (start and end both counted), `floor(total * (d + 1) / n)`.
 *
 * Integers only: counts are whole students and sessions, rounded down, so the pace never
 * asks for more than the plan.
 */
import { daysBetween, type IsoDate } from "../date.js";

/** Enrolment is expected to be complete this many days after the period starts. */
export const ENROLMENT_RAMP_DAYS = 60;
/** No pacing alert during the first days of a period: a slow first fortnight is normal. */
export const PACING_GRACE_DAYS = 14;

export interface Period {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** Days from the period's start to `today` (0 on the first day; negative before it). */
export function dayOfPeriod(period: Period, today: IsoDate): number {
  return daysBetween(period.start, today);
}

/** The period's length in days, both ends counted (>= 1 for a valid period). */
export function periodDays(period: Period): number {
  return daysBetween(period.start, period.end) + 1;
}

/** The students the plan expects enrolled by `today` (0 before the start). */
export function expectedEnrolment(period: Period, expectedStudents: number, today: IsoDate): number {
  const day = dayOfPeriod(period, today);
  if (day < 0) return 0;
  return Math.floor((expectedStudents * Math.min(day, ENROLMENT_RAMP_DAYS)) / ENROLMENT_RAMP_DAYS);
}

/** Days of the period elapsed by `today`, counting today: 0 before the start, periodDays after the end. */
export function elapsedDays(period: Period, today: IsoDate): number {
  const day = dayOfPeriod(period, today);
  return Math.max(0, Math.min(day + 1, periodDays(period)));
}

/** `total` spread evenly over the period: the part due by `today`, rounded down. */
export function paceByNow(period: Period, total: number, today: IsoDate): number {
  return Math.floor((total * elapsedDays(period, today)) / periodDays(period));
}

/** Whether pacing rules apply on `today`: past the grace days, and the period not over. */
export function pacingApplies(period: Period, today: IsoDate): boolean {
  return dayOfPeriod(period, today) >= PACING_GRACE_DAYS && today <= period.end;
}
