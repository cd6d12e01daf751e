/**
 * `contracts[].implementation`: the payment milestones of the terms (the base, then one
 * contingent outcome payment per metric) with their status from the statement, and the
 * recorded payments as transactions.
 *
 * Milestones: all are due at the end of the service period (terms-v1 has no payment
 * schedule; the final statement settles as of that day). Without a final statement a
 * milestone is `scheduled`. With one: the base is `met` when it earned money, else
 * `notMet`; an outcome metric is `met` when it earned money and every measured student
 * (pool: at least the target rate) met it, `partiallyMet` when it earned some, `notMet`
 * when it earned nothing. An outcome milestone whose metric's figures are withheld (small
 * cell) has no status: its status would tell how the few students did.
 *
 * Transactions: one per payment row; a refund (negative amount) is money from the vendor
 * to the district, so it is written with payer and payee swapped and a positive amount.
 */
import { ZERO_CENTS, type Cents } from "../money.js";
import { MIN_CELL_STUDENTS } from "../evidence/suppression.js";
import { compare, ratio } from "../ratio.js";
import type { Metric, Terms } from "../terms/types.js";
import { baseText, criterionText, metricPayText } from "./ocds-criteria.js";
import type { PublishedFigures } from "./ocds-metrics.js";
import type { OcdsMilestone, OcdsTransaction, PaymentFacts, StatementFacts } from "./ocds-types.js";
import { dateTimeOf, districtRef, moneyValue, storedDateTime, vendorRef } from "./ocds-values.js";

export const BASE_MILESTONE_ID = "payment-base";

export function outcomeMilestone(metric: Metric): { readonly id: string; readonly title: string } {
  return { id: `payment-outcome-${metric.id}`, title: `Outcome payment: ${metric.label}` };
}

type Status = NonNullable<OcdsMilestone["status"]>;

function decided(
  status: Status,
  statement: StatementFacts,
): Pick<OcdsMilestone, "status" | "dateMet" | "dateModified"> {
  const dateModified = storedDateTime(statement.issuedAt);
  return status === "met" || status === "partiallyMet"
    ? { status, dateMet: dateTimeOf(statement.asOf), dateModified }
    : { status, dateModified };
}

function metricStatus(metric: Metric, amountCents: Cents, denominator: number, met: number): Status {
  if (amountCents <= ZERO_CENTS) return "notMet";
  const full =
    metric.pay.kind === "pool"
      ? denominator > 0 && compare(ratio(BigInt(met), BigInt(denominator)), metric.pay.targetRate) >= 0
      : met === denominator;
  return full ? "met" : "partiallyMet";
}

export function paymentMilestones(
  terms: Terms,
  statement: StatementFacts | null,
  figures: PublishedFigures,
): OcdsMilestone[] {
  const dueDate = dateTimeOf(terms.period.end);
  const final = statement !== null && statement.final ? statement : null;
  const pending = statement === null ? {} : { dateModified: storedDateTime(statement.issuedAt) };
  const base: OcdsMilestone = {
    id: BASE_MILESTONE_ID,
    title: "Base payment",
    type: "payment",
    code: "base",
    description: `Base payment: ${baseText(terms, terms.base)}.`,
    dueDate,
    ...(final === null
      ? { status: "scheduled", ...pending }
      : decided(final.baseCents > ZERO_CENTS ? "met" : "notMet", final)),
  };
  const outcomes = terms.outcomes.metrics.map((metric): OcdsMilestone => {
    const { id, title } = outcomeMilestone(metric);
    const description = `Contingent on ${criterionText(terms, metric)}; pays ${metricPayText(terms, metric)}.`;
    const common = { id, title, type: "payment", code: `outcome-${metric.id}`, dueDate } as const;
    if (final === null) return { ...common, description, status: "scheduled", ...pending };
    const result = final.metrics.find((m) => m.id === metric.id);
    if (result === undefined) throw new Error(`statement ${final.statementId} has no metric ${metric.id}`);
    const shown = figures.get(metric.id) ?? null;
    if (shown === null)
      return {
        ...common,
        description: `${description} Result withheld: fewer than ${MIN_CELL_STUDENTS} students were measured.`,
        dateModified: storedDateTime(final.issuedAt),
      };
    return {
      ...common,
      description,
      ...decided(metricStatus(metric, result.amountCents, shown.denominator, shown.met), final),
    };
  });
  return [base, ...outcomes];
}

export function paymentTransactions(terms: Terms, payments: readonly PaymentFacts[]): OcdsTransaction[] {
  const district = districtRef(terms);
  const vendor = vendorRef(terms);
  return payments.map((p) => {
    const refund = p.amountCents < ZERO_CENTS;
    return {
      id: `payment-${p.batchId}-${p.sourceLine}`,
      date: dateTimeOf(p.paidOn),
      value: moneyValue((refund ? -p.amountCents : p.amountCents) as Cents, terms.currency),
      payer: refund ? vendor : district,
      payee: refund ? district : vendor,
    };
  });
}
