/**
 * Mid-year forecast: the final statement the contract is heading for, as a range, from
 * the middle-of-year (MOY) scores and the dosage delivered so far. Computed from the
 * data as it is on request, so every import moves it.
 *
 * Method (also in docs/ARCHITECTURE.md):
 * - Scores. For each window a metric reads at the end (a growth metric's `to`, a
 *   proficiency metric's window) that a student has no score in yet, a projected row is
 *   made from the student's MOY score: growth accrues in proportion to calendar time, so
 *   the projected end-of-year score is `moy + (moy - baseline) x (R - 1) x s`, where
 *   `R = days(baseline test -> period end) / days(baseline test -> MOY test)` and the
 *   baseline is the `from` window of a growth metric ending in that window (else the
 *   first growth metric's). `s` is 0.75 (low), 1 (expected), 1.25 (high): the growth still
 *   to come is uncertain by a quarter either way. Without a baseline score the MOY score
 *   itself is carried forward; the MOY row's performance level is kept. A student with no
 *   MOY score gets no projection (the metric then counts the student as missing).
 * - Dosage. Sessions, minutes and sessions with the main tutor so far are extended at
 *   the pace to date: `so far + (so far x (P / E - 1)) x s`, rounded down, where E is the
 *   days of the period elapsed (to asOf) and P its days in all; a student with no session
 *   yet stays at none.
 * - Each scenario is then settled by the real engine as of the period end; low uses the
 *   low factor for both, high the high one. From the period end on, every scenario is the
 *   statement itself.
 */
import type { AssessmentWindow, Terms } from "../terms/types.js";
import type { ContractData, Enrolled } from "../data/data-set.js";
import type { AssessmentRecord } from "../data/records.js";
import type { SessionStats } from "../data/session-log.js";
import { daysBetween, minDate, type IsoDate } from "../date.js";
import { settle } from "../settlement/settle.js";
import { pickScore, scoreOf } from "../settlement/scores.js";
import type { Statement } from "../settlement/statement.js";
import { add, formatTrimmed, mul, ratio, sub, type Ratio } from "../ratio.js";

export type Scenario = "low" | "expected" | "high";
export const SCENARIOS: readonly Scenario[] = ["low", "expected", "high"];
/** The factor on the growth and the sessions still to come, per scenario. */
export const SCENARIO_FACTOR: Readonly<Record<Scenario, Ratio>> = {
  low: ratio(3n, 4n),
  expected: ratio(1n),
  high: ratio(5n, 4n),
};

export interface Forecast {
  readonly asOf: IsoDate;
  /** Null when the terms have no growth metric to take it from: scores are then not projected. */
  readonly moyWindow: AssessmentWindow | null;
  /** Students given at least one projected end-of-year score. */
  readonly projectedStudents: number;
  /** Days of the period elapsed to asOf, and in all. */
  readonly elapsedDays: number;
  readonly periodDays: number;
  readonly current: Statement;
  readonly scenarios: Readonly<Record<Scenario, Statement>>;
}

/**
 * The MOY window: the winter window of the first growth metric's `to` (`2025-spring` ->
 * `2025-winter`); null when there is no growth metric or its `to` is not named
 * `YYYY-fall|spring|summer`.
 */
export function defaultMoyWindow(terms: Terms): AssessmentWindow | null {
  const growth = terms.outcomes.metrics.find((m) => m.measure.kind === "growth")?.measure;
  const to = growth?.kind === "growth" ? terms.windows.find((w) => w.name === growth.to) : undefined;
  if (to === undefined) return null;
  const winter = to.window.replace(/^(\d{4})-(fall|spring|summer)$/, "$1-winter");
  if (winter === to.window) return null;
  return (
    terms.windows.find((w) => w.window === winter && w.assessment === to.assessment) ?? {
      ...to,
      name: "moy",
      window: winter,
    }
  );
}

/**
 * The terms a loader reads the data with, so that the MOY rows are kept (a data set keeps
 * only the rows of the windows its terms name). Settlement itself reads the terms as they are.
 */
export function withMoyWindow(terms: Terms, moy: AssessmentWindow): Terms {
  const named = terms.windows.some(
    (w) =>
      w.assessment === moy.assessment &&
      w.window === moy.window &&
      w.subject.toLowerCase() === moy.subject.toLowerCase(),
  );
  return named ? terms : { ...terms, windows: [...terms.windows, { ...moy, name: `${moy.name}#moy` }] };
}

/** `data` must count sessions over `[period.start, min(period.end, asOf)]`. */
export function forecastStatement(
  terms: Terms,
  data: ContractData,
  asOf: IsoDate,
  moy: AssessmentWindow | null,
): Forecast {
  const { start, end } = terms.period;
  const periodDays = daysBetween(start, end) + 1;
  const elapsedDays = Math.max(0, Math.min(periodDays, daysBetween(start, minDate(asOf, end)) + 1));
  const current = settle(terms, data, asOf);
  if (asOf >= end) {
    return {
      asOf,
      moyWindow: moy,
      projectedStudents: 0,
      elapsedDays,
      periodDays,
      current,
      scenarios: { low: current, expected: current, high: current },
    };
  }
  const targets = endWindows(terms);
  const projected = new Set<string>();
  const scenario = (s: Scenario): Statement => {
    const factor = SCENARIO_FACTOR[s];
    const enrollments: Enrolled[] = data.enrollments.map((e) => {
      const extra = moy === null ? [] : projectRows(terms, e.tests, targets, moy, asOf, factor);
      if (extra.length > 0) projected.add(e.student.studentId);
      return extra.length === 0 ? e : { ...e, tests: [...e.tests, ...extra] };
    });
    const stats = (id: string): SessionStats =>
      extendStats(data.sessionStats(id), elapsedDays, periodDays, factor);
    return settle(terms, { ...data, enrollments, sessionStats: stats }, end);
  };
  const scenarios = { low: scenario("low"), expected: scenario("expected"), high: scenario("high") };
  return {
    asOf,
    moyWindow: moy,
    projectedStudents: projected.size,
    elapsedDays,
    periodDays,
    current,
    scenarios,
  };
}

/** End-of-year windows and the baseline each is projected from. */
function endWindows(terms: Terms): { window: AssessmentWindow; baseline: AssessmentWindow | null }[] {
  const byName = new Map(terms.windows.map((w) => [w.name, w]));
  const growth = terms.outcomes.metrics.flatMap((m) => (m.measure.kind === "growth" ? [m.measure] : []));
  const names = new Set<string>();
  for (const m of terms.outcomes.metrics) {
    if (m.measure.kind === "growth") names.add(m.measure.to);
    if (m.measure.kind === "proficiency") names.add(m.measure.window);
  }
  return [...names].flatMap((name) => {
    const window = byName.get(name);
    if (window === undefined) return [];
    const from = growth.find((g) => g.to === name)?.from ?? growth[0]?.from;
    return [{ window, baseline: from === undefined || from === name ? null : (byName.get(from) ?? null) }];
  });
}

function projectRows(
  terms: Terms,
  tests: readonly AssessmentRecord[],
  targets: readonly { window: AssessmentWindow; baseline: AssessmentWindow | null }[],
  moyWindow: AssessmentWindow,
  asOf: IsoDate,
  factor: Ratio,
): AssessmentRecord[] {
  const rapid = terms.maxRapidGuessPercent;
  const moy = pickScore(tests, moyWindow, asOf, rapid);
  if (moy === null) return [];
  return targets.flatMap(({ window, baseline }) => {
    if (pickScore(tests, window, asOf, rapid) !== null) return [];
    const base = baseline === null ? null : pickScore(tests, baseline, asOf, rapid);
    let score = scoreOf(moy);
    const soFar = base === null ? 0 : daysBetween(base.testDate, moy.testDate);
    if (base !== null && soFar > 0) {
      const toCome = ratio(BigInt(Math.max(0, daysBetween(moy.testDate, terms.period.end))), BigInt(soFar));
      score = add(score, mul(mul(sub(score, scoreOf(base)), toCome), factor));
    }
    return [
      {
        ...moy,
        assessment: window.assessment,
        subject: window.subject,
        window: window.window,
        testDate: terms.period.end,
        scaleScore: formatTrimmed(score, 4),
        percentile: null,
        growthTarget: null,
        rapidGuessPercent: null,
      },
    ];
  });
}

function extendStats(stats: SessionStats, elapsed: number, total: number, factor: Ratio): SessionStats {
  if (stats.sessions === 0 || elapsed <= 0) return stats;
  const grow = (v: number) =>
    v + Number((BigInt(v) * BigInt(total - elapsed) * factor.n) / (BigInt(elapsed) * factor.d));
  const sessions = grow(stats.sessions);
  return {
    sessions,
    minutes: grow(stats.minutes),
    topTutorSessions: Math.floor((stats.topTutorSessions * sessions) / stats.sessions),
  };
}
