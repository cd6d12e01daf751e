/**
 * One metric's totals (settlement-v1 sections 2-3): denominator, met and missing
 * counts, the exact rate, and the money: each measured student's own amount for
 * perStudent outcomes, or the pool share earned split equally over the met students.
 * The students' amounts are written into their rows, before the metric's cap.
 */
import type { Metric, Outcomes } from "../terms/types.js";
import type { StudentRecord } from "../data/records.js";
import { type Cents, cents, splitEqually, ZERO_CENTS } from "../money.js";
import { type Ratio, ratio, compare, ZERO } from "../ratio.js";
import type { Evaluation } from "./evaluate-metric.js";
import { perStudentAmount, poolMetricAmount, applyCap } from "./payout.js";
import type { MetricResult } from "./statement.js";
import type { Row } from "./student-row.js";

export function settleMetric(
  metric: Metric,
  mi: number,
  rows: readonly Row[],
  missingOutcome: Outcomes["missingOutcome"],
  poolCents: Cents | null,
  weightSum: Ratio,
): MetricResult {
  const inDenominator = rows.filter(
    (r) => r.measured && !(missingOutcome === "exclude" && r.evaluations[mi]?.status === "missing"),
  );
  const met = inDenominator.filter((r) => r.evaluations[mi]?.status === "met");
  const missing = rows.filter((r) => r.measured && r.evaluations[mi]?.status === "missing").length;
  const rate = inDenominator.length === 0 ? ZERO : ratio(BigInt(met.length), BigInt(inDenominator.length));
  let pool: MetricResult["pool"] = null;
  let uncappedCents: Cents;
  if (poolCents !== null) {
    const share = poolMetricAmount(metric, poolCents, weightSum, rate);
    pool = { share: share.share, earned: share.earned, belowMinRate: share.belowMinRate };
    uncappedCents = share.amountCents;
    const parts = splitEqually(uncappedCents, met.length);
    met.forEach((r, i) => (r.amounts[mi] = parts[i] ?? ZERO_CENTS));
  } else {
    let total = 0n;
    for (const r of rows) {
      const e = r.evaluations[mi];
      if (!r.measured || e === undefined) continue;
      const earned = earnedPerStudent(metric, e, r.student);
      r.amounts[mi] = earned;
      total += earned;
    }
    uncappedCents = cents(total);
  }
  const capped = applyCap(uncappedCents, metric.capCents);
  return {
    id: metric.id,
    label: metric.label,
    kind: metric.measure.kind,
    denominator: inDenominator.length,
    met: met.length,
    missing,
    rate,
    uncappedCents,
    amountCents: capped.amountCents,
    capped: capped.capped,
    pool,
  };
}

/** What a measured student earns on a perStudent metric, including the decline deduction. */
function earnedPerStudent(metric: Metric, e: Evaluation, student: StudentRecord): Cents {
  if (metric.pay.kind !== "perStudent") return ZERO_CENTS;
  let amount: Cents = ZERO_CENTS;
  if (metric.pay.tiers.length > 0) amount = e.tier?.amountCents ?? ZERO_CENTS;
  else if (e.status === "met") amount = perStudentAmount(metric, student);
  if (metric.pay.declineCents !== null && e.growth !== null && compare(e.growth, ZERO) < 0) {
    amount = cents(amount - metric.pay.declineCents);
  }
  return amount;
}
