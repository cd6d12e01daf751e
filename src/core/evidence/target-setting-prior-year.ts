/**
 * Draft terms moved onto a prior year's data: the same contract shape with its period
 * and window names shifted back by whole years, and the id of the contract whose stored
 * population stands in for the draft's (a like-performing population of another school
 * year). Window names have their four-digit years shifted (`2025-spring` ->
 * `2024-spring`, `2024-2025` -> `2023-2024`); dates keep month and day (Feb 29 becomes
 * Feb 28 in a common year).
 */
import { daysInMonth, type IsoDate } from "../date.js";
import type { Terms } from "../terms/types.js";

export function shiftDate(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) - years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  const pad = (v: number, width: number) => String(v).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

export function shiftWindowName(window: string, years: number): string {
  return window.replace(/(?<!\d)(\d{4})(?!\d)/g, (y) => String(Number(y) - years).padStart(4, "0"));
}

/** Whole school years from `prior`'s period start to `draft`'s (by calendar year of the start). */
export function yearsBetween(prior: Terms, draft: Terms): number {
  return Number(draft.period.start.slice(0, 4)) - Number(prior.period.start.slice(0, 4));
}

/** `terms` shifted back `years` years and renamed to `contractId`, the population's contract. */
export function onPriorYear(terms: Terms, contractId: string, years: number): Terms {
  return {
    ...terms,
    contractId,
    period: { start: shiftDate(terms.period.start, years), end: shiftDate(terms.period.end, years) },
    windows: terms.windows.map((w) => ({ ...w, window: shiftWindowName(w.window, years) })),
  };
}
