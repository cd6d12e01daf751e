/**
 * Data rules: when an assessment window's results are due, whether they arrived, and
 * how fresh each kind of imported file is.
 *
 * Window deadlines. Terms name windows as the importers write them (`2024-fall`,
 * `2025-winter`, `2025-spring`, `2025-summer`: fall in the school year's first calendar
 * year, the others in its second; src/core/import/windows.ts). A window closes on a fixed
 * day of its year: fall on Nov 15, winter on Mar 1, spring on Jun 30, summer on Aug 31
 * (the latest close of the vendor calendars the importers read). Results are due
 * DATA_GRACE_DAYS after the close; a window named otherwise has no deadline and no alert.
 *
 * Missing data: once a window's results are due, with `withScore` of the contract's
 * `enrolled` students holding a result for it (dated on or before today), none is
 * critical and fewer than 80% a warning (`withScore * 100 < enrolled * 80`).
 */
import { daysBetween, parseIsoDate, type IsoDate } from "../date.js";
import { days, groupDigits, percentOf, sentenceDate, type Alert, type ContractRef } from "./alert.js";

export const DATA_GRACE_DAYS = 14;
export const COVERAGE_WARNING_PERCENT = 80;

const CLOSES: Readonly<Record<string, string>> = {
  fall: "11-15",
  winter: "03-01",
  spring: "06-30",
  summer: "08-31",
};

/** The day a window closes, from its name; null for a name outside the `YYYY-season` form. */
export function windowClosesOn(window: string): IsoDate | null {
  const match = /^(\d{4})-(fall|winter|spring|summer)$/.exec(window);
  if (match === null) return null;
  return parseIsoDate(`${match[1] ?? ""}-${CLOSES[match[2] ?? ""] ?? ""}`);
}

export interface WindowCoverage {
  /** The terms' name for the window ("fall") and what it stands for. */
  readonly name: string;
  readonly assessment: string;
  readonly subject: string;
  readonly window: string;
  readonly withScore: number;
}

export function assessmentDataAlert(
  ref: ContractRef,
  coverage: WindowCoverage,
  enrolled: number,
  today: IsoDate,
): Alert | null {
  const closes = windowClosesOn(coverage.window);
  if (closes === null || enrolled === 0) return null;
  const late = daysBetween(closes, today);
  if (late <= DATA_GRACE_DAYS) return null;
  const { withScore } = coverage;
  const what = `${coverage.assessment} ${coverage.subject} ${coverage.window} ("${coverage.name}")`;
  const closed = `the window closed on ${sentenceDate(closes)}, ${days(late)} ago`;
  if (withScore === 0)
    return {
      ...ref,
      code: "assessment-data-missing",
      severity: "critical",
      subject: coverage.name,
      message: `No ${what} results have been imported for any enrolled student; ${closed}.`,
      target: { page: "contract", section: "freshness" },
    };
  if (withScore * 100 >= enrolled * COVERAGE_WARNING_PERCENT) return null;
  return {
    ...ref,
    code: "assessment-data-missing",
    severity: "warning",
    subject: coverage.name,
    message:
      `Only ${groupDigits(withScore)} of ${groupDigits(enrolled)} enrolled students ` +
      `(${percentOf(withScore, enrolled)}%) have ${what} results; ${closed}.`,
    target: { page: "contract", section: "freshness" },
  };
}
