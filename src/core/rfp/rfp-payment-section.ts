/**
 * The payment structure section: the maximum contract value, the base and contingent
 * (outcome) payments with their amounts and shares of the maximum value at the planned
 * enrollment, the rate card per metric, caps, deductions and the consequences of
 * obligations on payment. Every figure is the terms' own, from exact cents.
 */
import type { Metric, Terms } from "../terms/types.js";
import { div } from "../ratio.js";
import type { RfpSection } from "./rfp-types.js";
import { paymentPlan, type MetricPlan, type PaymentPlan } from "./rfp-payment-plan.js";
import {
  SUBGROUP_TEXT,
  count,
  decimal,
  money,
  partOf,
  percent,
  shareAsPercent,
  whole,
} from "./rfp-format.js";
import { sumWeights } from "../settlement/payout.js";

export function metricName(metric: Metric): string {
  return `${metric.label} (${metric.id})`;
}

function baseBasis(terms: Terms): string {
  const b = terms.base;
  switch (b.kind) {
    case "perStudent":
      return `${money(b.amountCents, terms.currency)} for each ${b.per === "served" ? "served" : "eligible enrolled"} student`;
    case "fixed":
      return `A fixed ${money(b.amountCents, terms.currency)}`;
    case "share":
      return `${percent(b.percent)} of the maximum contract value${b.prorate ? `, prorated by students served over the ${count(terms.expectedStudents, "student")} planned` : ""}`;
  }
}

/** How one metric pays, as the rate card's "basis" cell. */
export function metricBasis(terms: Terms, plan: MetricPlan): string {
  const pay = plan.metric.pay;
  const c = terms.currency;
  const cap = plan.metric.capCents === null ? "" : `; at most ${money(plan.metric.capCents, c)} in all`;
  if (pay.kind === "pool") {
    const weights = sumWeights(terms.outcomes.metrics);
    const min = pay.minRate.n === 0n ? "" : `, nothing below ${shareAsPercent(pay.minRate)}`;
    return `Weight ${decimal(pay.weight)} of ${decimal(weights)} (${shareAsPercent(div(pay.weight, weights))} of the pool); full share when ${shareAsPercent(pay.targetRate)} of measured students meet it${min}${cap}`;
  }
  const parts: string[] = [];
  if (pay.amountCents !== null)
    parts.push(`${money(pay.amountCents, c)} for each measured student who meets it`);
  if (pay.tiers.length > 0) {
    const tiers = pay.tiers.map((t) => `${percent(t.atLeast)} of target: ${money(t.amountCents, c)}`);
    parts.push(
      `By attainment of the growth target, per measured student: ${tiers.join("; ")} (the highest tier reached pays)`,
    );
  }
  for (const s of pay.amountBySubgroup)
    parts.push(`${money(s.amountCents, c)} instead for ${SUBGROUP_TEXT[s.flag]}`);
  if (pay.declineCents !== null)
    parts.push(`${money(pay.declineCents, c)} deducted for each measured student whose growth is negative`);
  return `${parts.join("; ")}${cap}`;
}

function shareOfMax(terms: Terms, amount: bigint): string {
  return partOf(amount, terms.maxValueCents) ?? "-";
}

function baseParagraph(terms: Terms, plan: PaymentPlan): string {
  const b = terms.base;
  const c = terms.currency;
  const amount = money(plan.baseCents, c);
  const of = partOf(plan.baseCents, terms.maxValueCents);
  const ofMax = of === null ? "" : `, ${of} of the maximum contract value`;
  switch (b.kind) {
    case "perStudent":
      return `Base payment: ${baseBasis(terms)}. At the planned ${count(terms.expectedStudents, "student")} this is ${amount}${ofMax}.`;
    case "fixed":
      return `Base payment: a fixed ${amount}${ofMax}.`;
    case "share": {
      const prorate = b.prorate
        ? `; it is prorated by the students served over the ${count(terms.expectedStudents, "student")} planned, and paid in full once ${whole(terms.expectedStudents)} are served`
        : "";
      return `Base payment: ${percent(b.percent)} of the maximum contract value, ${amount}${prorate}.`;
    }
  }
}

function outcomeParagraph(terms: Terms, plan: PaymentPlan): string {
  const c = terms.currency;
  const of = partOf(plan.outcomeCents, terms.maxValueCents);
  const share = of === null ? "" : `, ${of} of the maximum contract value`;
  if (plan.poolCents !== null) {
    const pool = terms.outcomes.pool;
    const size = pool?.kind === "percent" ? `${percent(pool.percent)} of the maximum contract value, ` : "";
    return `Outcome payments (contingent): an outcome pool of ${size}${money(plan.poolCents, c)}, divided among the metrics by weight. A metric earns its full share when the share of measured students who meet it reaches its target rate, a proportional part below that, and nothing below its minimum rate. At most ${money(plan.outcomeCents, c)} is paid on outcomes${share}.`;
  }
  return `Outcome payments (contingent): each metric pays the amount in the rate card for each measured student who meets it. If all ${count(terms.expectedStudents, "planned student")} are measured and meet every metric, ${
    plan.cappedByOutcomeCap
      ? `the metrics pay ${money(plan.metricsSumCents, c)}, held at the outcome cap: ${money(plan.outcomeCents, c)}`
      : `outcome payments come to ${money(plan.outcomeCents, c)}`
  }${share}.`;
}

function obligationParagraphs(terms: Terms): string[] {
  const out: string[] = [];
  for (const o of terms.obligations) {
    if (o.consequence.kind === "reduceOutcomePercent")
      out.push(
        `If the vendor does not meet obligation "${o.id}" (${o.description}), outcome payments are reduced by ${percent(o.consequence.percent)}.`,
      );
    if (o.consequence.kind === "payFull")
      out.push(
        `If the district does not meet obligation "${o.id}" (${o.description}), it owes the maximum contract value, ${money(terms.maxValueCents, terms.currency)}.`,
      );
  }
  return out;
}

/** The payment structure section, with the rate card table. */
export function paymentSection(terms: Terms): RfpSection {
  const c = terms.currency;
  const plan = paymentPlan(terms);
  const paragraphs = [
    `The maximum contract value is ${money(terms.maxValueCents, c)}. No payment under the contract, in total, will exceed it.`,
    baseParagraph(terms, plan),
    outcomeParagraph(terms, plan),
  ];
  if (terms.outcomes.capCents !== null)
    paragraphs.push(`Outcome payments in all are capped at ${money(terms.outcomes.capCents, c)}.`);
  for (const m of plan.metrics.filter((x) => x.metric.capCents !== null))
    paragraphs.push(
      `Metric ${metricName(m.metric)} pays at most ${money(m.metric.capCents ?? 0n, c)} in all.`,
    );
  if (plan.plannedTotalCents > terms.maxValueCents)
    paragraphs.push(
      `At the planned enrollment the base and outcome payments could together reach ${money(plan.plannedTotalCents, c)}; payments are held at the maximum contract value.`,
    );
  paragraphs.push(...obligationParagraphs(terms));
  paragraphs.push(
    "Payments are computed from the data files by the settlement rules of the contract terms and shown on a payment statement that both parties review before it is paid.",
  );
  const rows = [
    ["Base payment", baseBasis(terms), money(plan.baseCents, c), shareOfMax(terms, plan.baseCents)],
    ...plan.metrics.map((m) => [
      `Outcome: ${metricName(m.metric)}`,
      metricBasis(terms, m),
      money(m.plannedCents, c),
      shareOfMax(terms, m.plannedCents),
    ]),
    [
      "Outcome payments in all",
      terms.outcomes.capCents === null
        ? "Sum of the metrics"
        : `Sum of the metrics, capped at ${money(terms.outcomes.capCents, c)}`,
      money(plan.outcomeCents, c),
      shareOfMax(terms, plan.outcomeCents),
    ],
    [
      "Maximum contract value",
      "Nothing paid under the contract exceeds it",
      money(terms.maxValueCents, c),
      shareOfMax(terms, terms.maxValueCents),
    ],
  ];
  return {
    key: "payment",
    heading: "Payment structure",
    paragraphs,
    table: {
      columns: ["Component", "Basis", "Amount at planned enrollment", "Share of maximum value"],
      rows,
    },
  };
}
