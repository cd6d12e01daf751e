/**
 * Dates for people, by string work only: a YYYY-MM-DD date is a calendar day, and going
 * through `Date` would shift it by the browser's time zone.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-09-03" -> "Sep 3, 2024"; anything else is shown as it came. */
export function formatIsoDate(date: string): string {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (match === null) return date;
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  if (name === undefined) return date;
  return `${name} ${Number(day)}, ${year}`;
}

/** "2026-11-22T21:30:34.29Z" -> "Nov 22, 2026, 21:30 UTC": the server's timestamps are UTC. */
export function formatTimestamp(timestamp: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(?:Z|\+00:00)$/.exec(timestamp);
  if (match === null) return timestamp;
  return `${formatIsoDate(match[1] ?? "")}, ${match[2] ?? ""} UTC`;
}

export function formatPeriod(start: string, end: string): string {
  return `${formatIsoDate(start)} – ${formatIsoDate(end)}`;
}
