/**
 * Data quality checks on assessment rows: students missing a window, rapid guessing,
 * test dates outside their window's season, implausible growth between the windows of
 * a growth metric. Thresholds (documented in docs/ARCHITECTURE.md):
 *
 * - `missing-window` is an error when more than 5% of the enrolled students lack a score
 *   in a window that others were tested in; a window nobody was tested in yet is
 *   `window-not-tested` (info before the period end, an error from it on).
 * - `rapid-guess`: rows whose `rapid_guess_percent` exceeds the contract's
 *   `maxRapidGuessPercent`, or 30 when the terms set none (the level at which test
 *   publishers flag a test event as disengaged); an error above 10% of the window's rows.
 * - Window seasons, from the name `YYYY-season` (src/core/import/windows.ts): fall is
 *   Aug 1 - Dec 15 of YYYY, winter Dec 1 of YYYY-1 - Feb end of YYYY, spring Mar 1 -
 *   Jun 30, summer Jun 1 - Aug 31. Other names cannot be checked (`window-dates-unknown`).
 * - `implausible-growth`: per growth metric and grade with at least 10 students having
 *   both scores, a growth farther than 3 standard deviations from the grade's mean.
 *   Growth statistics are floating point: they flag rows, they never price them.
 */
import type { AssessmentRecord } from "../data/records.js";
import { parseIsoDate, type IsoDate } from "../date.js";
import type { AssessmentWindow, Grade } from "../terms/types.js";
import { inWindow, pickScore } from "../settlement/scores.js";
import { compare, parseDecimal, fromInt, type Ratio } from "../ratio.js";
import { finding, type FindingSink } from "./data-quality-finding.js";

export const MISSING_WINDOW_ERROR_SHARE = 0.05;
export const DEFAULT_RAPID_GUESS_PERCENT = 30;
export const RAPID_GUESS_ERROR_SHARE = 0.1;
export const GROWTH_OUTLIER_SD = 3;
export const GROWTH_MIN_GRADE_SIZE = 10;

export interface WindowCheckInput {
  readonly windows: readonly AssessmentWindow[];
  readonly asOf: IsoDate;
  readonly periodEnd: IsoDate;
  readonly maxRapidGuessPercent: Ratio | null;
  /** Enrolled students (as of asOf) with their grade. */
  readonly enrolled: ReadonlyMap<string, Grade>;
  /** Rows of enrolled students, per student. */
  readonly tests: ReadonlyMap<string, readonly AssessmentRecord[]>;
  readonly growthPairs: readonly { readonly metricId: string; readonly from: string; readonly to: string }[];
}

/** The season dates of a window named `YYYY-season`, or null. */
export function windowSeason(name: string): { readonly from: IsoDate; readonly to: IsoDate } | null {
  const m = /^(\d{4})-(fall|winter|spring|summer)$/.exec(name);
  if (m === null) return null;
  const y = Number(m[1]);
  const pad = (year: number) => String(year).padStart(4, "0");
  const d = (text: string) => parseIsoDate(text) as IsoDate;
  switch (m[2]) {
    case "fall":
      return { from: d(`${pad(y)}-08-01`), to: d(`${pad(y)}-12-15`) };
    case "winter": {
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return { from: d(`${pad(y - 1)}-12-01`), to: d(`${pad(y)}-02-${leap ? "29" : "28"}`) };
    }
    case "spring":
      return { from: d(`${pad(y)}-03-01`), to: d(`${pad(y)}-06-30`) };
    default:
      return { from: d(`${pad(y)}-06-01`), to: d(`${pad(y)}-08-31`) };
  }
}

export function checkWindows(input: WindowCheckInput, out: FindingSink): void {
  const rapidMax = input.maxRapidGuessPercent ?? fromInt(DEFAULT_RAPID_GUESS_PERCENT);
  for (const w of input.windows) {
    const tested = new Set<string>();
    let rows = 0;
    const rapid: string[] = [];
    const outside: string[] = [];
    const season = windowSeason(w.window);
    for (const [studentId, list] of input.tests) {
      for (const row of list) {
        if (row.testDate > input.asOf || !inWindow(row, w)) continue;
        rows++;
        tested.add(studentId);
        const guess = row.rapidGuessPercent === null ? null : parseDecimal(row.rapidGuessPercent);
        if (guess !== null && compare(guess, rapidMax) > 0) rapid.push(studentId);
        if (season !== null && (row.testDate < season.from || row.testDate > season.to))
          outside.push(studentId);
      }
    }
    const label = `window ${w.name} (${w.assessment} ${w.subject} ${w.window})`;
    if (tested.size === 0) {
      const due = input.asOf >= input.periodEnd;
      out.push(
        finding(
          "window-not-tested",
          due ? "error" : "info",
          0,
          [],
          w.name,
          `${label}: no enrolled student has a score yet`,
        ),
      );
    } else {
      const missing = [...input.enrolled.keys()].filter((id) => !tested.has(id));
      if (missing.length > 0) {
        const share = missing.length / input.enrolled.size;
        out.push(
          finding(
            "missing-window",
            share > MISSING_WINDOW_ERROR_SHARE ? "error" : "warning",
            missing.length,
            missing,
            w.name,
            `${label}: ${missing.length} of ${input.enrolled.size} enrolled students have no score`,
          ),
        );
      }
    }
    if (rapid.length > 0) {
      const share = rapid.length / rows;
      out.push(
        finding(
          "rapid-guess",
          share > RAPID_GUESS_ERROR_SHARE ? "error" : "warning",
          rapid.length,
          rapid,
          w.name,
          `${label}: ${rapid.length} of ${rows} test rows have a rapid-guess percent above ${rapidText(rapidMax)}`,
        ),
      );
    }
    if (season === null) {
      out.push(
        finding(
          "window-dates-unknown",
          "info",
          0,
          [],
          w.name,
          `${label}: not named YYYY-season, test dates not checked`,
        ),
      );
    } else if (outside.length > 0) {
      out.push(
        finding(
          "test-date-outside-window",
          "warning",
          outside.length,
          outside,
          w.name,
          `${label}: ${outside.length} test rows dated outside ${season.from} .. ${season.to}`,
        ),
      );
    }
  }
  checkGrowth(input, out);
}

function rapidText(r: Ratio): string {
  return r.d === 1n ? `${r.n}%` : `${Number(r.n) / Number(r.d)}%`;
}

/** Growth outliers per growth metric and grade. */
function checkGrowth(input: WindowCheckInput, out: FindingSink): void {
  const byName = new Map(input.windows.map((w) => [w.name, w]));
  const seen = new Set<string>();
  for (const pair of input.growthPairs) {
    const key = `${pair.from}\u0000${pair.to}`;
    const from = byName.get(pair.from);
    const to = byName.get(pair.to);
    if (seen.has(key) || from === undefined || to === undefined) continue;
    seen.add(key);
    const byGrade = new Map<Grade, { id: string; growth: number }[]>();
    for (const [id, grade] of input.enrolled) {
      const rows = input.tests.get(id) ?? [];
      const a = pickScore(rows, from, input.asOf, input.maxRapidGuessPercent);
      const b = pickScore(rows, to, input.asOf, input.maxRapidGuessPercent);
      if (a === null || b === null) continue;
      const list = byGrade.get(grade) ?? [];
      list.push({ id, growth: Number(b.scaleScore) - Number(a.scaleScore) });
      byGrade.set(grade, list);
    }
    const flagged: string[] = [];
    for (const list of byGrade.values()) {
      if (list.length < GROWTH_MIN_GRADE_SIZE) continue;
      const mean = list.reduce((s, x) => s + x.growth, 0) / list.length;
      const sd = Math.sqrt(list.reduce((s, x) => s + (x.growth - mean) ** 2, 0) / list.length);
      if (sd === 0) continue;
      for (const x of list) if (Math.abs(x.growth - mean) > GROWTH_OUTLIER_SD * sd) flagged.push(x.id);
    }
    if (flagged.length > 0)
      out.push(
        finding(
          "implausible-growth",
          "warning",
          flagged.length,
          flagged,
          pair.metricId,
          `metric ${pair.metricId}: ${flagged.length} ${flagged.length === 1 ? "student" : "students"} grew more than ${GROWTH_OUTLIER_SD} standard deviations from their grade's mean (${pair.from} to ${pair.to})`,
        ),
      );
  }
}
