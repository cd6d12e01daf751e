/**
 * Whether one measured student meets one metric (settlement-v1 section 2), with the
 * display value and target. Decisions use exact ratios; nothing is rounded here.
 */
import type { AssessmentRecord } from "../data/records.js";
import type { SessionStats } from "../data/session-log.js";
import type { Metric, Tier, GrowthTarget } from "../terms/types.js";
import { type Ratio, compare, sub, mul, div, min, ratio, fromInt, HUNDRED, ONE, ZERO } from "../ratio.js";
import { daysBetween } from "../date.js";
import { scoreOf, growthTargetOf } from "./scores.js";

export interface Evaluation {
  readonly status: "met" | "notMet" | "missing";
  readonly value: Ratio | null;
  readonly target: Ratio | null;
  /** Growth metrics with a growth computed: for `decline`. */
  readonly growth: Ratio | null;
  /** Growth metrics with tiers: the highest tier reached, or null. */
  readonly tier: Tier | null;
}

const MISSING: Evaluation = { status: "missing", value: null, target: null, growth: null, tier: null };

/** The student's picked score row per window name of the contract. */
export type ScoreLookup = (windowName: string) => AssessmentRecord | null;

export function evaluateMetric(metric: Metric, stats: SessionStats, score: ScoreLookup): Evaluation {
  const m = metric.measure;
  switch (m.kind) {
    case "growth": {
      const from = score(m.from);
      const to = score(m.to);
      if (from === null || to === null) return MISSING;
      const target = growthTarget(m.target, from, to);
      if (target === null) return MISSING;
      const growth = sub(scoreOf(to), scoreOf(from));
      const tiers = metric.pay.kind === "perStudent" ? metric.pay.tiers : [];
      if (tiers.length === 0) {
        return {
          status: compare(growth, target) >= 0 ? "met" : "notMet",
          value: growth,
          target,
          growth,
          tier: null,
        };
      }
      const reached = tiersReached(tiers, growth, target);
      const tier = reached === 0 ? null : (tiers[reached - 1] ?? null);
      const meetingTier = tiers.findIndex((t) => compare(t.atLeast, HUNDRED) === 0);
      const needed = meetingTier >= 0 ? meetingTier + 1 : tiers.length;
      return { status: reached >= needed ? "met" : "notMet", value: growth, target, growth, tier };
    }
    case "proficiency": {
      const row = score(m.window);
      if (row === null) return MISSING;
      if (m.minLevel !== null) {
        if (row.performanceLevel === null) return MISSING;
        const met = row.performanceLevel >= m.minLevel;
        return {
          status: met ? "met" : "notMet",
          value: fromInt(row.performanceLevel),
          target: fromInt(m.minLevel),
          growth: null,
          tier: null,
        };
      }
      const minScore = m.minScore ?? ZERO;
      const value = scoreOf(row);
      return {
        status: compare(value, minScore) >= 0 ? "met" : "notMet",
        value,
        target: minScore,
        growth: null,
        tier: null,
      };
    }
    case "dosage": {
      const met = stats.sessions >= (m.minSessions ?? 0) && stats.minutes >= (m.minMinutes ?? 0);
      return {
        status: met ? "met" : "notMet",
        value: fromInt(stats.sessions),
        target: m.minSessions === null ? null : fromInt(m.minSessions),
        growth: null,
        tier: null,
      };
    }
    case "consistency": {
      const share = consistencyOf(stats);
      const met = stats.sessions > 0 && compare(share, m.minShare) >= 0;
      return { status: met ? "met" : "notMet", value: share, target: m.minShare, growth: null, tier: null };
    }
  }
}

/** Sessions with the most frequent tutor over all attended sessions; 0 without sessions. */
export function consistencyOf(stats: SessionStats): Ratio {
  return stats.sessions === 0 ? ZERO : ratio(BigInt(stats.topTutorSessions), BigInt(stats.sessions));
}

/** The exact per-student growth target, or null when a `fromRow` target has no `growth_target`. */
function growthTarget(target: GrowthTarget, from: AssessmentRecord, to: AssessmentRecord): Ratio | null {
  if (target.kind === "points") return target.points;
  const expected = growthTargetOf(from);
  if (expected === null) return null;
  let value = mul(expected, div(target.percent, HUNDRED));
  if (target.prorateWeeks !== null) {
    const weeks = ratio(BigInt(daysBetween(from.testDate, to.testDate)), 7n);
    value = mul(value, min(ONE, div(weeks, fromInt(target.prorateWeeks))));
  }
  return value;
}

/**
 * How many tiers (in increasing order) the student reached. Attainment is
 * `100 * growth / target`; a target <= 0 reaches every tier when growth >= target
 * and none otherwise.
 */
function tiersReached(tiers: readonly Tier[], growth: Ratio, target: Ratio): number {
  if (compare(target, ZERO) <= 0) return compare(growth, target) >= 0 ? tiers.length : 0;
  const attainment = div(mul(HUNDRED, growth), target);
  let reached = 0;
  for (const tier of tiers) {
    if (compare(attainment, tier.atLeast) >= 0) reached++;
    else break;
  }
  return reached;
}
