/**
 * Formatting helpers for synthetic rows: every value leaves the generator as the exact
 * string written to the CSV file, so the writer only joins and quotes.
 */
import { type IsoDate, dateOfDayNumber, dayNumber } from "../date.js";

/** Day numbers (days since 1970-01-01) back to `YYYY-MM-DD`. */
export const isoFromDayNumber: (days: number) => IsoDate = dateOfDayNumber;

export function day(date: string): number {
  return dayNumber(date as IsoDate);
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/**
 * `YYYY-MM-DD` for a day number, from a table over the school year: millions of session
 * rows reuse a few hundred date strings instead of formatting each one.
 */
export class DayFormatter {
  private readonly first: number;
  private readonly table: string[] = [];

  constructor(from: string, to: string) {
    this.first = day(from);
    for (let d = this.first; d <= day(to); d++) this.table.push(isoFromDayNumber(d));
  }

  format(days: number): string {
    return this.table[days - this.first] ?? isoFromDayNumber(days);
  }
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Decimal string with one digit after the point, rounded half away from zero (`7.85` -> `7.9`). */
export function tenths(value: number): string {
  const scaled = Math.floor(Math.abs(value) * 10 + 0.5);
  const sign = value < 0 && scaled !== 0 ? "-" : "";
  return `${sign}${Math.floor(scaled / 10)}.${scaled % 10}`;
}

/** Nearest integer, halves away from zero; for synthetic measurements, not money. */
export function nearest(value: number): number {
  return value < 0 ? -Math.floor(-value + 0.5) : Math.floor(value + 0.5);
}

export function bool(value: boolean): string {
  return value ? "true" : "false";
}

export function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}

/** `"K"`, `"3"`; grade index 0 is kindergarten. */
export function gradeLabel(grade: number): string {
  return grade === 0 ? "K" : String(grade);
}

/** `"grade 4"`, `"grades K-3"`, for titles. */
export function gradeSpan(grades: readonly number[]): string {
  const first = grades[0] ?? 0;
  const last = grades[grades.length - 1] ?? first;
  return first === last ? `grade ${gradeLabel(first)}` : `grades ${gradeLabel(first)}-${gradeLabel(last)}`;
}

/** `"acme-tutoring"` from `"Acme Tutoring"`. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
