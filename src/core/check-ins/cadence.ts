/**
 * A contract's check-in cadence and the meeting days it generates. Dates are calendar
 * days (`IsoDate`), computed with integers over src/core/date.ts: no time of day, so no
 * time zone or daylight-saving change can move a meeting.
 *
 * - `every N week(s)`: start, start + 7N days, ... (weekly, biweekly).
 * - `every N month(s)`: the start's day of the month, every N months from the start's
 *   month; a month without that day gets its last day (Jan 31 monthly: Feb 28 or 29,
 *   Mar 31, Apr 30, ...). Each date is computed from the start, never from the previous
 *   meeting, so a short month does not pull the later ones earlier.
 *
 * Meetings run from `startsOn` to `endsOn` inclusive.
 */
import { addDays, daysInMonth, type IsoDate } from "../date.js";

export type CadenceUnit = "week" | "month";

export interface Cadence {
  /** 1 to 12. */
  readonly every: number;
  readonly unit: CadenceUnit;
}

/** At most this many meetings per schedule (weekly over 4 years): a bound, not a plan. */
export const MAX_SCHEDULED = 209;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `date` moved by whole months, its day clamped to the last day of the month reached. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, daysInMonth(y, m)), 2)}` as IsoDate;
}

/** The n-th meeting day (0 = the start) of a cadence. */
export function nthMeeting(startsOn: IsoDate, cadence: Cadence, n: number): IsoDate {
  return cadence.unit === "week"
    ? addDays(startsOn, 7 * cadence.every * n)
    : addMonths(startsOn, cadence.every * n);
}

/**
 * The meeting days of a cadence from `startsOn` to `endsOn` inclusive, in order (empty
 * when the end is before the start); one more than MAX_SCHEDULED at most, which the
 * caller refuses rather than cut short.
 */
export function meetingDays(cadence: Cadence, startsOn: IsoDate, endsOn: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = 0; out.length <= MAX_SCHEDULED; n++) {
    const day = nthMeeting(startsOn, cadence, n);
    if (day > endsOn) break;
    out.push(day);
  }
  return out;
}

/** "every 2 weeks", "every month", "every 3 months". */
export function cadenceText(cadence: Cadence): string {
  return cadence.every === 1 ? `every ${cadence.unit}` : `every ${cadence.every} ${cadence.unit}s`;
}
