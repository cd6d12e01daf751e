/**
 * The money of the terms at the planned enrollment (`expectedStudents`), for the payment
 * section: the base, each metric's most it can pay, the outcome payments in all and how
 * they stand against the maximum contract value. Amounts are exact cents; a share of an
 * amount is rounded once, half away from zero, as settlement rounds it (settlement-v1).
 */
import { type Cents, cents, centsOf, centsToRatio, maxCents, minCents, sumCents } from "../money.js";
import { HUNDRED, div, mul } from "../ratio.js";
import type { BaseTerms, Metric, Terms } from "../terms/types.js";
import { poolTotal, sumWeights } from "../settlement/payout.js";

export interface MetricPlan {
  readonly metric: Metric;
  /** The most one student can earn (`perStudent`), or null in a pool contract. */
  readonly perStudentMaxCents: Cents | null;
  /** The most the metric pays at the planned enrollment, after its own cap. */
  readonly plannedCents: Cents;
  readonly cappedByMetric: boolean;
}

export interface PaymentPlan {
  /** The base if every planned student is served (or eligible, as the base counts). */
  readonly baseCents: Cents;
  /** The pool of a pool contract, else null. */
  readonly poolCents: Cents | null;
  readonly metrics: readonly MetricPlan[];
  /** The sum of the metrics' planned amounts, before the outcome cap. */
  readonly metricsSumCents: Cents;
  /** `metricsSumCents`, held at the outcome cap. */
  readonly outcomeCents: Cents;
  readonly cappedByOutcomeCap: boolean;
  /** Base plus outcome, before the maximum contract value holds it. */
  readonly plannedTotalCents: Cents;
}

function plannedBase(base: BaseTerms, terms: Terms): Cents {
  switch (base.kind) {
    case "perStudent":
      return cents(base.amountCents * BigInt(terms.expectedStudents));
    case "fixed":
      return base.amountCents;
    case "share":
      // Prorated by min(1, served / expected), which is 1 at the planned enrollment.
      return centsOf(mul(centsToRatio(terms.maxValueCents), div(base.percent, HUNDRED)));
  }
}

/** The most one student earns on a `perStudent` metric: its amount, a subgroup amount or its top tier. */
export function perStudentMax(metric: Metric): Cents | null {
  const pay = metric.pay;
  if (pay.kind !== "perStudent") return null;
  const amounts = [
    ...(pay.amountCents === null ? [] : [pay.amountCents]),
    ...pay.amountBySubgroup.map((s) => s.amountCents),
    ...pay.tiers.map((t) => t.amountCents),
  ];
  return amounts.reduce((a, b) => maxCents(a, b), cents(0n));
}

function metricPlan(terms: Terms, metric: Metric, poolCents: Cents | null): MetricPlan {
  const perStudentMaxCents = perStudentMax(metric);
  let uncapped: Cents;
  if (metric.pay.kind === "pool") {
    const share = div(metric.pay.weight, sumWeights(terms.outcomes.metrics));
    uncapped = centsOf(mul(centsToRatio(poolCents ?? cents(0n)), share));
  } else {
    uncapped = cents((perStudentMaxCents ?? 0n) * BigInt(terms.expectedStudents));
  }
  const capped = metric.capCents !== null && uncapped > metric.capCents;
  return {
    metric,
    perStudentMaxCents,
    plannedCents: capped && metric.capCents !== null ? metric.capCents : uncapped,
    cappedByMetric: capped,
  };
}

/** What the terms pay at the planned enrollment when every student meets every metric. */
export function paymentPlan(terms: Terms): PaymentPlan {
  const baseCents = plannedBase(terms.base, terms);
  const poolCents = poolTotal(terms.outcomes, terms.maxValueCents);
  const metrics = terms.outcomes.metrics.map((m) => metricPlan(terms, m, poolCents));
  const sum = sumCents(metrics.map((m) => m.plannedCents));
  const cap = terms.outcomes.capCents;
  const outcomeCents = cap === null ? sum : minCents(sum, cap);
  return {
    baseCents,
    poolCents,
    metrics,
    metricsSumCents: sum,
    outcomeCents,
    cappedByOutcomeCap: cap !== null && sum > cap,
    plannedTotalCents: cents(baseCents + outcomeCents),
  };
}
