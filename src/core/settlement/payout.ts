/**
 * The money rules of settlement-v1 section 3. Amounts are cents; products with
 * percents and rates are exact ratios rounded once, half away from zero, exactly where
 * the spec says.
 */
import type { BaseTerms, Metric, Outcomes, SubgroupFlag, Terms } from "../terms/types.js";
import type { StudentRecord } from "../data/records.js";
import { type Cents, cents, centsOf, centsToRatio, ZERO_CENTS } from "../money.js";
import { type Ratio, ratio, mul, div, min, compare, HUNDRED, ONE, ZERO, add } from "../ratio.js";

/** Base total: `perStudent` amount x count, or a share of maxValue (optionally prorated), or fixed. */
export function baseTotal(
  base: BaseTerms,
  maxValueCents: Cents,
  counts: { served: number; eligible: number },
  expectedStudents: number,
): { totalCents: Cents; prorate: Ratio | null } {
  switch (base.kind) {
    case "perStudent":
      return {
        totalCents: cents(base.amountCents * BigInt(base.per === "served" ? counts.served : counts.eligible)),
        prorate: null,
      };
    case "fixed":
      return { totalCents: base.amountCents, prorate: null };
    case "share": {
      let amount = mul(centsToRatio(maxValueCents), div(base.percent, HUNDRED));
      const prorate = base.prorate ? min(ONE, ratio(BigInt(counts.served), BigInt(expectedStudents))) : null;
      if (prorate !== null) amount = mul(amount, prorate);
      return { totalCents: centsOf(amount), prorate };
    }
  }
}

const FLAG_OF: Readonly<Record<SubgroupFlag, (s: StudentRecord) => boolean>> = {
  economicallyDisadvantaged: (s) => s.economicallyDisadvantaged,
  englishLearner: (s) => s.englishLearner,
  specialEducation: (s) => s.specialEducation,
};

/** The `perStudent` amount a student earns for meeting a metric paid by `amount`. */
export function perStudentAmount(metric: Metric, student: StudentRecord): Cents {
  if (metric.pay.kind !== "perStudent") return ZERO_CENTS;
  for (const entry of metric.pay.amountBySubgroup) {
    if (FLAG_OF[entry.flag](student)) return entry.amountCents;
  }
  return metric.pay.amountCents ?? ZERO_CENTS;
}

/** Pool size: maxValue x percent / 100 or the amount, rounded once. */
export function poolTotal(outcomes: Outcomes, maxValueCents: Cents): Cents | null {
  if (outcomes.pool === null) return null;
  if (outcomes.pool.kind === "amount") return outcomes.pool.amountCents;
  return centsOf(mul(centsToRatio(maxValueCents), div(outcomes.pool.percent, HUNDRED)));
}

/** One pool metric: `pool x share x earned`, rounded once; earned is 0 below minRate. */
export function poolMetricAmount(
  metric: Metric,
  poolCents: Cents,
  weightSum: Ratio,
  rate: Ratio,
): { amountCents: Cents; share: Ratio; earned: Ratio; belowMinRate: boolean } {
  if (metric.pay.kind !== "pool") throw new Error("poolMetricAmount on a perStudent metric");
  const share = div(metric.pay.weight, weightSum);
  const belowMinRate = compare(rate, metric.pay.minRate) < 0;
  const earned = belowMinRate ? ZERO : min(ONE, div(rate, metric.pay.targetRate));
  return {
    amountCents: centsOf(mul(mul(centsToRatio(poolCents), share), earned)),
    share,
    earned,
    belowMinRate,
  };
}

export function sumWeights(metrics: readonly Metric[]): Ratio {
  return metrics.reduce((sum, m) => (m.pay.kind === "pool" ? add(sum, m.pay.weight) : sum), ZERO);
}

/** A cap limits a positive total only. */
export function applyCap(totalCents: Cents, capCents: Cents | null): { amountCents: Cents; capped: boolean } {
  if (capCents !== null && totalCents > capCents) return { amountCents: capCents, capped: true };
  return { amountCents: totalCents, capped: false };
}

/** Vendor reductions: percents add up (at most 100) and apply to a positive outcome, rounded once. */
export function reduction(
  outcomeCents: Cents,
  percents: readonly Ratio[],
): { percent: Ratio; reductionCents: Cents } {
  const percent = min(HUNDRED, percents.reduce(add, ZERO));
  if (outcomeCents <= 0n) return { percent, reductionCents: ZERO_CENTS };
  return { percent, reductionCents: centsOf(mul(centsToRatio(outcomeCents), div(percent, HUNDRED))) };
}

/** Subtotal held within [0, maxValue]. */
export function clampSubtotal(terms: Terms, unclampedCents: Cents): Cents {
  if (unclampedCents < 0n) return ZERO_CENTS;
  return unclampedCents > terms.maxValueCents ? terms.maxValueCents : unclampedCents;
}
