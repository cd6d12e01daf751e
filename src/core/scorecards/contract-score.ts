/**
 * One contract's line of a scorecard: what was committed, paid and earned, and what it
 * bought, from the contract's terms, its recorded payments and one statement (the latest
 * final statement, else the latest interim: `StatementFigures.kind` says which).
 *
 * - **Committed**: the terms' `maxValue`. **Contingent at stake**: `maxValue` less the base
 *   the plan pays (core/alerts/money-at-stake.ts).
 * - **Contingent earned**: the statement's `outcome - reduction` (the outcome money after
 *   the vendor-obligation reductions; a district breach paying `maxValue` does not count
 *   as outcomes earned). Its **share**: earned / at stake, exact.
 * - **Cost per student served**: paid / the statement's `population.served` (served as the
 *   contract's terms define it: eligible, `minSessions` and `minMinutes` reached).
 * - **Cost per student meeting outcomes**: paid / the students whose statement line has
 *   status `met` for at least one of the contract's metrics. Per metric: paid / that
 *   metric's `met`. A ratio is null when its divisor is 0 or there is no statement.
 * - **Obligations on time**: the vendor's obligations, due at the period end (terms give
 *   them no other date). Decided by a statement as of the period end or later: `met`
 *   there is met on time; `notMet` or still `pending` is missed. Before such a statement
 *   they are not yet due.
 *
 * Money is exact cents; ratios stay exact (src/core/ratio.ts) until a presenter rounds
 * them (src/shared/scorecard-json.ts).
 */
import type { Cents } from "../money.js";
import { compare, ratio, type Ratio } from "../ratio.js";
import type { IsoDate } from "../date.js";
import type { Party } from "../terms/types.js";

export type Stage = "active" | "settled" | "closed";

export interface StatementFigures {
  readonly statementId: string;
  readonly kind: "interim" | "final";
  readonly asOf: IsoDate;
  /** The document's `final` flag (no pending obligation, as of the period end or later). */
  readonly final: boolean;
  readonly status: "issued" | "approved" | "disputed";
  readonly served: number;
  readonly outcomeCents: Cents;
  readonly reductionCents: Cents;
  readonly metrics: readonly { readonly id: string; readonly met: number; readonly denominator: number }[];
  readonly obligations: readonly { readonly id: string; readonly status: "met" | "notMet" | "pending" }[];
  /** Students with status `met` for at least one metric. */
  readonly studentsMeetingAny: number;
}

export interface MetricTerms {
  readonly id: string;
  readonly label: string;
  readonly kind: "growth" | "proficiency" | "dosage" | "consistency";
  /** Pool outcomes: the rate that earns the metric's whole share; null for per-student pay. */
  readonly targetRate: Ratio | null;
}

export interface ContractFacts {
  readonly districtId: string;
  readonly districtName: string;
  readonly contractId: string;
  readonly title: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly stage: Stage;
  readonly termsVersion: number;
  readonly period: { readonly start: IsoDate; readonly end: IsoDate };
  readonly maxValueCents: Cents;
  readonly contingentAtStakeCents: Cents;
  readonly metrics: readonly MetricTerms[];
  readonly obligations: readonly { readonly id: string; readonly party: Party }[];
  readonly statement: StatementFigures | null;
  /** The sum of the contract's recorded payments (refunds negative). */
  readonly paidCents: Cents;
  /** Dispute reviews of the contract's statements, and statements disputed now (not superseded). */
  readonly disputes: { readonly raised: number; readonly open: number };
}

export interface MetricScore {
  readonly id: string;
  readonly label: string;
  readonly kind: MetricTerms["kind"];
  readonly met: number | null;
  readonly denominator: number | null;
  /** met / denominator (0 when the denominator is 0, as the statement's rate). */
  readonly rate: Ratio | null;
  readonly targetRate: Ratio | null;
  /** rate >= targetRate; null without a target or a statement. */
  readonly attained: boolean | null;
  /** paid cents per student meeting this metric. */
  readonly costPerStudentMetCents: Ratio | null;
}

export interface ObligationScore {
  readonly vendorObligations: number;
  readonly metOnTime: number;
  readonly missed: number;
  readonly notYetDue: number;
}

export interface ContractScore {
  readonly facts: ContractFacts;
  readonly contingentEarnedCents: Cents | null;
  readonly contingentEarnedShare: Ratio | null;
  readonly studentsServed: number | null;
  readonly studentsMeetingAny: number | null;
  readonly costPerStudentServedCents: Ratio | null;
  readonly costPerStudentMeetingCents: Ratio | null;
  readonly metrics: readonly MetricScore[];
  readonly obligations: ObligationScore;
}

/** `numerator / divisor`, or null when the divisor is 0. */
export function perUnit(numerator: bigint, divisor: bigint | number): Ratio | null {
  const d = BigInt(divisor);
  return d === 0n ? null : ratio(numerator, d);
}

function metricScore(m: MetricTerms, statement: StatementFigures | null, paid: Cents): MetricScore {
  const result = statement?.metrics.find((r) => r.id === m.id) ?? null;
  const rate =
    result === null
      ? null
      : result.denominator === 0
        ? ratio(0n)
        : ratio(BigInt(result.met), BigInt(result.denominator));
  return {
    id: m.id,
    label: m.label,
    kind: m.kind,
    met: result?.met ?? null,
    denominator: result?.denominator ?? null,
    rate,
    targetRate: m.targetRate,
    attained: rate === null || m.targetRate === null ? null : compare(rate, m.targetRate) >= 0,
    costPerStudentMetCents: result === null ? null : perUnit(paid, result.met),
  };
}

export function obligationScore(facts: ContractFacts): ObligationScore {
  const vendor = facts.obligations.filter((o) => o.party === "vendor");
  const statement = facts.statement;
  if (statement === null || statement.asOf < facts.period.end)
    return { vendorObligations: vendor.length, metOnTime: 0, missed: 0, notYetDue: vendor.length };
  const met = vendor.filter((o) => statement.obligations.find((s) => s.id === o.id)?.status === "met").length;
  return { vendorObligations: vendor.length, metOnTime: met, missed: vendor.length - met, notYetDue: 0 };
}

/** The contract's scorecard line. */
export function scoreContract(facts: ContractFacts): ContractScore {
  const s = facts.statement;
  const paid = facts.paidCents;
  const earned = s === null ? null : ((s.outcomeCents - s.reductionCents) as Cents);
  return {
    facts,
    contingentEarnedCents: earned,
    contingentEarnedShare: earned === null ? null : perUnit(earned, facts.contingentAtStakeCents),
    studentsServed: s?.served ?? null,
    studentsMeetingAny: s?.studentsMeetingAny ?? null,
    costPerStudentServedCents: s === null ? null : perUnit(paid, s.served),
    costPerStudentMeetingCents: s === null ? null : perUnit(paid, s.studentsMeetingAny),
    metrics: facts.metrics.map((m) => metricScore(m, s, paid)),
    obligations: obligationScore(facts),
  };
}
