/**
 * The calendar day and hour of an instant in a time zone (IANA name), for the daily digest.
 * Accord keeps no time zone per district yet, so the digest hour is read in one configured
 * zone (ACCORD_ALERT_TIME_ZONE, default DEFAULT_ALERT_TIME_ZONE).
 */

/** The zone the digest hour is read in when none is configured. */
export const DEFAULT_ALERT_TIME_ZONE = "America/New_York";

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `{ day: "2024-10-15", hour: 7 }` for `at` in `timeZone`. */
export function localDayAndHour(at: Date, timeZone: string): { readonly day: string; readonly hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) };
}
