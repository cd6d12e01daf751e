/**
 * A settled population reduced to what its money depends on, so that a resampled
 * population (a bootstrap draw) is priced by adding up per-student counts and cents
 * instead of settling it again. Exact: every amount goes through the same money rules
 * as `settle` (payout.ts, obligations.ts), and the simulation's tests check draws against
 * `settle` on the resampled students themselves.
 *
 * What a statement's money depends on, per student: eligible, served, and per metric
 * whether the student is in the denominator, met it, and (perStudent outcomes) what the
 * student earned including `decline`. Obligations measured from the data read the
 * eligible and served counts; manual ones keep their statuses.
 */
import type { Terms } from "../terms/types.js";
import type { ContractData } from "../data/data-set.js";
import type { StudentRecord } from "../data/records.js";
import type { Statement } from "../settlement/statement.js";
import { type Cents, cents, ZERO_CENTS } from "../money.js";
import { type Ratio, ratio, ZERO } from "../ratio.js";
import {
  applyCap,
  baseTotal,
  clampSubtotal,
  perStudentAmount,
  poolMetricAmount,
  poolTotal,
  reduction,
  sumWeights,
} from "../settlement/payout.js";
import { settleObligations } from "../settlement/obligations.js";

export interface PaymentModel {
  readonly terms: Terms;
  readonly data: ContractData;
  readonly studentIds: readonly string[];
  readonly eligible: Uint8Array;
  readonly served: Uint8Array;
  /** Per metric, per student: 1 when in the metric's denominator. */
  readonly inDenominator: readonly Uint8Array[];
  readonly met: readonly Uint8Array[];
  /** Per metric, per student: cents earned (perStudent outcomes), decline included. */
  readonly earned: readonly BigInt64Array[];
  /** Per metric, per student: the most the student could earn (perStudent outcomes). */
  readonly atStake: readonly BigInt64Array[];
}

export interface DrawTotals {
  readonly totalCents: Cents;
  /** Outcome after caps, less the vendor reductions. */
  readonly contingentCents: Cents;
  /** The most the outcome could have paid this population (after caps). */
  readonly stakeCents: Cents;
  /** `contingentCents / stakeCents` (0 when nothing is at stake). */
  readonly contingentShare: Ratio;
  readonly metricCents: readonly Cents[];
}

/** The model of a population settled as `statement` (from `settle(terms, data, asOf)`). */
export function paymentModel(terms: Terms, data: ContractData, statement: Statement): PaymentModel {
  const n = statement.students.length;
  const records = new Map<string, StudentRecord>(
    data.enrollments.map((e) => [e.student.studentId, e.student]),
  );
  const metrics = terms.outcomes.metrics;
  const model = {
    terms,
    data,
    studentIds: statement.students.map((s) => s.studentId),
    eligible: new Uint8Array(n),
    served: new Uint8Array(n),
    inDenominator: metrics.map(() => new Uint8Array(n)),
    met: metrics.map(() => new Uint8Array(n)),
    earned: metrics.map(() => new BigInt64Array(n)),
    atStake: metrics.map(() => new BigInt64Array(n)),
  };
  const exclude = terms.outcomes.missingOutcome === "exclude";
  statement.students.forEach((line, i) => {
    model.eligible[i] = line.eligible ? 1 : 0;
    model.served[i] = line.served ? 1 : 0;
    const student = records.get(line.studentId);
    metrics.forEach((metric, mi) => {
      const result = line.metrics.get(metric.id);
      if (result === undefined || result.status === "notMeasured") return;
      const inDenominator = !(exclude && result.status === "missing");
      (model.inDenominator[mi] as Uint8Array)[i] = inDenominator ? 1 : 0;
      (model.met[mi] as Uint8Array)[i] = inDenominator && result.status === "met" ? 1 : 0;
      if (metric.pay.kind !== "perStudent") return;
      (model.earned[mi] as BigInt64Array)[i] = result.amountCents;
      const top =
        metric.pay.tiers.length > 0
          ? metric.pay.tiers.reduce((m, t) => (t.amountCents > m ? t.amountCents : m), ZERO_CENTS)
          : student === undefined
            ? ZERO_CENTS
            : perStudentAmount(metric, student);
      (model.atStake[mi] as BigInt64Array)[i] = top;
    });
  });
  return model;
}

/** Prices the population made of `picks` (indexes into the model's students, repeats allowed). */
export function priceDraw(model: PaymentModel, picks: ArrayLike<number>): DrawTotals {
  const { terms } = model;
  const metrics = terms.outcomes.metrics;
  let eligible = 0;
  let served = 0;
  const m = metrics.length;
  const denominators = new Float64Array(m);
  const mets = new Float64Array(m);
  const sums = new BigInt64Array(m);
  const stakes = new BigInt64Array(m);
  for (let k = 0; k < picks.length; k++) {
    const i = picks[k] as number;
    eligible += model.eligible[i] as number;
    served += model.served[i] as number;
    for (let mi = 0; mi < m; mi++) {
      denominators[mi] =
        (denominators[mi] as number) + ((model.inDenominator[mi] as Uint8Array)[i] as number);
      mets[mi] = (mets[mi] as number) + ((model.met[mi] as Uint8Array)[i] as number);
      sums[mi] = (sums[mi] as bigint) + ((model.earned[mi] as BigInt64Array)[i] as bigint);
      stakes[mi] = (stakes[mi] as bigint) + ((model.atStake[mi] as BigInt64Array)[i] as bigint);
    }
  }
  const base = baseTotal(terms.base, terms.maxValueCents, { served, eligible }, terms.expectedStudents);
  const pool = poolTotal(terms.outcomes, terms.maxValueCents);
  const weights = sumWeights(metrics);
  const metricCents: Cents[] = [];
  let outcomeSum = 0n;
  let stakeSum = 0n;
  metrics.forEach((metric, mi) => {
    const denominator = denominators[mi] ?? 0;
    const rate = denominator === 0 ? ZERO : ratio(BigInt(mets[mi] ?? 0), BigInt(denominator));
    const uncapped =
      pool === null ? cents(sums[mi] ?? 0n) : poolMetricAmount(metric, pool, weights, rate).amountCents;
    const full =
      pool === null
        ? cents(stakes[mi] ?? 0n)
        : poolMetricAmount(metric, pool, weights, ratio(1n)).amountCents;
    const amount = applyCap(uncapped, metric.capCents).amountCents;
    metricCents.push(amount);
    outcomeSum += amount;
    stakeSum += applyCap(full, metric.capCents).amountCents;
  });
  const outcome = applyCap(cents(outcomeSum), terms.outcomes.capCents).amountCents;
  const stake = applyCap(cents(stakeSum), terms.outcomes.capCents).amountCents;
  const obligations = settleObligations(terms, { eligible, served }, model.data);
  const percents = terms.obligations.flatMap((o, i) =>
    o.consequence.kind === "reduceOutcomePercent" && obligations[i]?.status === "notMet"
      ? [o.consequence.percent]
      : [],
  );
  const reduced = reduction(outcome, percents).reductionCents;
  const subtotal = clampSubtotal(terms, cents(base.totalCents + outcome - reduced));
  const payFull = terms.obligations.some(
    (o, i) =>
      o.party === "district" && o.consequence.kind === "payFull" && obligations[i]?.status === "notMet",
  );
  const contingent = cents(outcome - reduced);
  return {
    totalCents: payFull ? terms.maxValueCents : subtotal,
    contingentCents: contingent,
    stakeCents: stake,
    contingentShare: stake > 0n ? ratio(contingent, stake) : ZERO,
    metricCents,
  };
}
