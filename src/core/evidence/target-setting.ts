/**
 * Target-setting aid for draft terms: on a like-performing population (a prior year's
 * data, settled under the draft terms), the share of measured students that met each
 * metric at its proposed target and at a few candidate targets around it.
 *
 * Each candidate is settled with the real engine (`settle`, only that metric's target
 * changed), so the rates are exactly what a statement would show. Candidates:
 * - growth `points` p > 0 and `fromRow` percent: x 0.5, 0.75, 1, 1.25, 1.5; points <= 0:
 *   p - 4, p - 2, p, p + 2, p + 4;
 * - proficiency `minLevel` L: L - 1 (when >= 0), L, L + 1; `minScore` S: S - 10 .. S + 10 by 5;
 * - dosage: sessions and minutes x 0.5, 0.75, 1, 1.25, 1.5 (whole numbers, rounded down);
 * - consistency `minShare`: -0.2 .. +0.2 by 0.1, kept within [0, 1].
 */
import type { Metric, MetricMeasure, Terms } from "../terms/types.js";
import type { ContractData } from "../data/data-set.js";
import type { IsoDate } from "../date.js";
import { settle } from "../settlement/settle.js";
import { add, compare, formatTrimmed, fromInt, mul, ratio, type Ratio, ZERO, ONE } from "../ratio.js";

export interface CandidateTarget {
  /** The target in words: "growth >= 7.5 points", "level >= 3", "20 sessions, 600 minutes". */
  readonly target: string;
  readonly proposed: boolean;
  readonly met: number;
  readonly denominator: number;
  readonly rate: Ratio;
}

export interface MetricTargets {
  readonly metricId: string;
  readonly kind: MetricMeasure["kind"];
  readonly candidates: readonly CandidateTarget[];
}

const FACTORS: readonly Ratio[] = [ratio(1n, 2n), ratio(3n, 4n), ONE, ratio(5n, 4n), ratio(3n, 2n)];
const offsets = (values: readonly number[]): Ratio[] => values.map((v) => fromInt(v));

function floorInt(r: Ratio): number {
  return Number(r.n / r.d);
}

/** The candidate measures of a metric, the proposed one among them. */
export function candidateMeasures(measure: MetricMeasure): MetricMeasure[] {
  switch (measure.kind) {
    case "growth": {
      const t = measure.target;
      if (t.kind === "fromRow")
        return FACTORS.map((f) => ({ ...measure, target: { ...t, percent: mul(t.percent, f) } }));
      const points =
        compare(t.points, ZERO) > 0
          ? FACTORS.map((f) => mul(t.points, f))
          : offsets([-4, -2, 0, 2, 4]).map((o) => add(t.points, o));
      return points.map((p) => ({ ...measure, target: { kind: "points", points: p } }));
    }
    case "proficiency":
      if (measure.minLevel !== null) {
        const level = measure.minLevel;
        return [level - 1, level, level + 1].filter((l) => l >= 0).map((l) => ({ ...measure, minLevel: l }));
      }
      return offsets([-10, -5, 0, 5, 10]).map((o) => ({
        ...measure,
        minScore: add(measure.minScore ?? ZERO, o),
      }));
    case "dosage":
      return FACTORS.map((f) => ({
        ...measure,
        minSessions: measure.minSessions === null ? null : floorInt(mul(fromInt(measure.minSessions), f)),
        minMinutes: measure.minMinutes === null ? null : floorInt(mul(fromInt(measure.minMinutes), f)),
      })).filter((m, i, all) => all.findIndex((x) => sameDosage(x, m)) === i);
    case "consistency":
      return offsets([-2, -1, 0, 1, 2])
        .map((o) => add(measure.minShare, mul(o, ratio(1n, 10n))))
        .filter((s) => compare(s, ZERO) >= 0 && compare(s, ONE) <= 0)
        .map((s) => ({ ...measure, minShare: s }));
  }
}

function sameDosage(a: MetricMeasure, b: MetricMeasure): boolean {
  return (
    a.kind === "dosage" &&
    b.kind === "dosage" &&
    a.minSessions === b.minSessions &&
    a.minMinutes === b.minMinutes
  );
}

export function describeTarget(measure: MetricMeasure): string {
  switch (measure.kind) {
    case "growth":
      return measure.target.kind === "points"
        ? `growth >= ${formatTrimmed(measure.target.points)} points`
        : `growth >= ${formatTrimmed(measure.target.percent)}% of growth_target`;
    case "proficiency":
      return measure.minLevel !== null
        ? `level >= ${measure.minLevel}`
        : `score >= ${formatTrimmed(measure.minScore ?? ZERO)}`;
    case "dosage": {
      const parts = [
        ...(measure.minSessions === null ? [] : [`${measure.minSessions} sessions`]),
        ...(measure.minMinutes === null ? [] : [`${measure.minMinutes} minutes`]),
      ];
      return parts.length === 0 ? "any attendance" : parts.join(", ");
    }
    case "consistency":
      return `same tutor >= ${formatTrimmed(measure.minShare)}`;
  }
}

/** The share meeting each metric at its proposed target and around it, on `data` settled as of `asOf`. */
export function targetSetting(terms: Terms, data: ContractData, asOf: IsoDate): MetricTargets[] {
  return terms.outcomes.metrics.map((metric, mi) => {
    const proposed = describeTarget(metric.measure);
    const candidates = candidateMeasures(metric.measure).map((measure) => {
      const metrics: Metric[] = terms.outcomes.metrics.map((m, i) => (i === mi ? { ...m, measure } : m));
      const statement = settle({ ...terms, outcomes: { ...terms.outcomes, metrics } }, data, asOf);
      const result = statement.metrics[mi];
      const target = describeTarget(measure);
      return {
        target,
        proposed: target === proposed,
        met: result?.met ?? 0,
        denominator: result?.denominator ?? 0,
        rate: result?.rate ?? ZERO,
      };
    });
    return { metricId: metric.id, kind: metric.measure.kind, candidates };
  });
}
