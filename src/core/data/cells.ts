/**
 * Cell parsers for canonical CSV files. Each returns the value or a `CellError` that
 * says why; nothing is coerced (`"12abc"` is not 12, `"1,000"` is not 1000).
 */
import { parseIsoDate, type IsoDate } from "../date.js";
import { parseDecimal, compare, fromInt } from "../ratio.js";
import { parseMoney, type Cents } from "../money.js";
import type { Grade } from "../terms/types.js";

export class CellError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** Surrounding spaces of every cell are ignored (data-v1). */
export function trimCell(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  const a = raw.charCodeAt(0);
  const b = raw.charCodeAt(n - 1);
  return a === 32 || a === 9 || b === 32 || b === 9 ? raw.trim() : raw;
}

export function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

export function parseDateCell(value: string): IsoDate | CellError {
  return (
    parseIsoDate(value) ?? new CellError("bad-date", `${show(value)} is not a date in the form YYYY-MM-DD`)
  );
}

const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);

export function parseBooleanCell(value: string): boolean | CellError {
  // The spellings files use most, without a lowercase copy: this runs for millions of sessions.
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  const lower = value.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return new CellError("bad-boolean", `${show(value)} is not a boolean (true/false, t/f, yes/no, y/n, 1/0)`);
}

/** Whole number in [min, max], digits only (a leading `-` allowed when min < 0). */
export function parseIntegerCell(value: string, min: number, max: number): number | CellError {
  const n = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  if (n === i || n - i > 15) return new CellError("bad-integer", `${show(value)} is not a whole number`);
  let result = 0;
  for (; i < n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return new CellError("bad-integer", `${show(value)} is not a whole number`);
    result = result * 10 + d;
  }
  if (value.charCodeAt(0) === 45) result = -result;
  if (result < min || result > max) {
    return new CellError("out-of-range", `${value} is outside ${min}..${max}`);
  }
  return result;
}

const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * A decimal kept as its validated text (turned into an exact ratio where it is used).
 * The form is checked with a pattern; only a value near a range bound is compared
 * exactly, so millions of scores are validated without big-integer arithmetic.
 */
export function parseDecimalCell(value: string, range?: { min: number; max: number }): string | CellError {
  if (!DECIMAL_TEXT.test(value)) {
    return new CellError(
      "bad-decimal",
      `${show(value)} is not a decimal number (digits, an optional "." and no separators)`,
    );
  }
  if (range !== undefined && !withinRange(value, range.min, range.max)) {
    return new CellError("out-of-range", `${value} is outside ${range.min}..${range.max}`);
  }
  return value;
}

function withinRange(value: string, min: number, max: number): boolean {
  const approx = Number(value);
  if (approx > min + 1e-6 && approx < max - 1e-6) return true;
  const exact = parseDecimal(value);
  return exact !== null && compare(exact, fromInt(min)) >= 0 && compare(exact, fromInt(max)) <= 0;
}

export function parsePercentCell(value: string): string | CellError {
  return parseDecimalCell(value, { min: 0, max: 100 });
}

export function parseMoneyCell(value: string): Cents | CellError {
  const parsed = parseMoney(value, { allowNegative: true });
  if (typeof parsed === "bigint") return parsed;
  return new CellError(
    "bad-money",
    `${show(value)} is not an amount with at most 2 decimals, like "1250.00"`,
  );
}

const GRADES: ReadonlyMap<string, Grade> = new Map<string, Grade>([
  ["PK", "PK"],
  ["K", "K"],
  ["KG", "K"],
  ...Array.from({ length: 12 }, (_, i): [string, Grade][] => {
    const g = String(i + 1) as Grade;
    return [
      [g, g],
      [g.padStart(2, "0"), g],
    ];
  }).flat(),
]);

/** `K`, `1`..`12`; also `KG`, `01`..`12` and `PK`, normalised (case-insensitive). */
export function parseGradeCell(value: string): Grade | CellError {
  return (
    GRADES.get(value.toUpperCase()) ??
    new CellError("bad-grade", `${show(value)} is not a grade (PK, K, 1..12)`)
  );
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A US calendar date `MM/DD/YYYY` (NWEA) or `M/D/YYYY` (i-Ready), as `YYYY-MM-DD`.
 * Only a real day is accepted: `02/30/2024` and `13/45/2024` are errors, not rolled over.
 */
export function parseUsDateCell(value: string): IsoDate | CellError {
  const m = US_DATE.exec(value);
  const iso = m === null ? null : parseIsoDate(`${m[3]}-${m[1]?.padStart(2, "0")}-${m[2]?.padStart(2, "0")}`);
  return iso ?? new CellError("bad-date", `${show(value)} is not a date in the form MM/DD/YYYY`);
}

/** An optional clock time after a date: `14:05`, `14:05:09.852`, `2:05:09 PM`, with an optional zone. */
const TIME_PART = /^(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The calendar date of a timestamp as written (`2023-08-21T17:28:05.852Z`,
 * `2023-08-21 12:28:05`, `8/21/2023 12:28:05 PM`, or a bare date). The date is taken
 * as written, never shifted between time zones: callers choose the column whose date
 * is the one they mean (a local timestamp rather than a UTC one).
 */
export function parseTimestampDateCell(value: string): IsoDate | CellError {
  const space = value.indexOf(" ");
  const iso = /^\d{4}-/.test(value);
  const cut = iso ? 10 : space < 0 ? value.length : space;
  const date = iso ? parseIsoDate(value.slice(0, cut)) : parseUsDateCell(value.slice(0, cut));
  if (date !== null && !(date instanceof CellError) && TIME_PART.test(value.slice(cut))) return date;
  return new CellError(
    "bad-date",
    `${show(value)} is not a date or timestamp (YYYY-MM-DD or MM/DD/YYYY, optionally followed by a time)`,
  );
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time (`YYYY-MM-DD`, optionally `T` or a space, `HH:MM`,
 * optional `:SS[.fff]` and an optional `Z` / `±HH:MM` offset), as exports write
 * session and test times. Returns the calendar date as written and the second of the
 * day (null for a bare date); no time-zone conversion is made, so `...T23:30-05:00`
 * stays on its own day. Anything else (`9/8/2026`, `2026-9-8`) is rejected.
 */
export function parseDateTimeCell(value: string): { date: IsoDate; secondOfDay: number | null } | CellError {
  const m = DATE_TIME.exec(value);
  const date = m?.[1] === undefined ? null : parseIsoDate(m[1]);
  if (m === null || date === null) {
    return new CellError(
      "bad-date",
      `${show(value)} is not an ISO 8601 date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)`,
    );
  }
  if (m[2] === undefined) return { date, secondOfDay: null };
  const secondOfDay = clockSeconds(m[2], m[3] ?? "", m[4] ?? "00");
  return secondOfDay === null
    ? new CellError("bad-date", `${show(value)} has a time of day outside 00:00..23:59:59`)
    : { date, secondOfDay };
}

/** A clock time `HH:MM` or `HH:MM:SS` (24-hour) as the second of the day. */
export function parseClockCell(value: string): number | CellError {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const seconds = m === null ? null : clockSeconds(m[1] ?? "", m[2] ?? "", m[3] ?? "00");
  return seconds ?? new CellError("bad-time", `${show(value)} is not a time of day HH:MM or HH:MM:SS`);
}

function clockSeconds(hh: string, mm: string, ss: string): number | null {
  const h = Number(hh);
  const m = Number(mm);
  const s = Number(ss);
  return h < 24 && m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
}
