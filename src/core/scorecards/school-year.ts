/**
 * The year a contract belongs to, from the start of its service period. A school year
 * and a district's fiscal year both run from July 1 to June 30 here: a period starting on
 * 2024-09-03 is school year "2024-2025" and fiscal year 2025 (named by the year it ends).
 * A district whose fiscal year starts on another day is not yet modelled.
 */
import type { IsoDate } from "../date.js";

/** First month (1-12) of the school and fiscal year. */
export const YEAR_START_MONTH = 7;

function startYear(periodStart: IsoDate): number {
  const year = Number(periodStart.slice(0, 4));
  const month = Number(periodStart.slice(5, 7));
  return month >= YEAR_START_MONTH ? year : year - 1;
}

/** "2024-2025" for a period starting between 2024-07-01 and 2025-06-30. */
export function schoolYearOf(periodStart: IsoDate): string {
  const year = startYear(periodStart);
  return `${year}-${year + 1}`;
}

/** 2025 for a period starting between 2024-07-01 and 2025-06-30. */
export function fiscalYearOf(periodStart: IsoDate): number {
  return startYear(periodStart) + 1;
}

/** A school year label "YYYY-YYYY" whose second year follows the first. */
export function isSchoolYear(text: string): boolean {
  const m = /^(\d{4})-(\d{4})$/.exec(text);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
}
