/**
 * The one set of type parsers both drivers use, keyed by PostgreSQL type OID. Both
 * drivers hand these the text form of a value. Without them node-postgres turns a
 * `date` into a local-time Date (the wrong day west of UTC) and `int8` into a string,
 * and PGlite turns a `date` into UTC midnight and `int8` into a number or bigint.
 * No parser here ever builds a local-time value.
 */

export const OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

export type TextParser = (text: string) => unknown;

const TIMESTAMP_TEXT =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/** `2024-03-10 08:30:00.5-06` -> `2024-03-10T14:30:00.500000Z`. Other text (infinity, BC) is returned as is. */
export function parseTimestamptz(text: string): string {
  const m = TIMESTAMP_TEXT.exec(text);
  if (m === null || m[8] === undefined) return text;
  const sign = m[8] === "-" ? -1 : 1;
  const offsetSeconds = sign * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  // Date.UTC maps years 0-99 to 19xx, so the year is set on its own; only UTC fields are used.
  const t = new Date(0);
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  t.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]) - offsetSeconds, 0);
  return `${t.toISOString().slice(0, -5)}.${(m[7] ?? "").padEnd(6, "0")}Z`;
}

/** `2024-03-10 08:30:00.5` -> `2024-03-10T08:30:00.500000` (a wall-clock time, no zone). */
export function parseTimestamp(text: string): string {
  const m = TIMESTAMP_TEXT.exec(text);
  if (m === null || m[8] !== undefined) return text;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${(m[7] ?? "").padEnd(6, "0")}`;
}

export const TYPE_PARSERS: ReadonlyMap<number, TextParser> = new Map<number, TextParser>([
  // With DateStyle ISO (set on every connection) a date's text is already YYYY-MM-DD.
  [OID.DATE, (text) => text],
  [OID.INT8, (text) => BigInt(text)],
  // Exact decimal text, trailing zeros kept: callers turn it into cents or a ratio.
  [OID.NUMERIC, (text) => text],
  [OID.TIMESTAMPTZ, parseTimestamptz],
  [OID.TIMESTAMP, parseTimestamp],
]);

/** Session settings both stores run with, so text forms (and `::date` of a timestamptz) agree. */
export const SESSION_SETTINGS: readonly (readonly [string, string])[] = [
  ["TimeZone", "UTC"],
  ["DateStyle", "ISO, YMD"],
  ["IntervalStyle", "iso_8601"],
];
