/**
 * The "why" of each payment waterfall line of an issued statement, told from the
 * obc-statement/1 document and the terms version it was settled on: the same reasons as
 * explain-statement.ts (which reads the settlement's own values), for readers that hold
 * only the document (the API, the web app, exported files). Amounts are the document's
 * cents; rates are shown as the document rounds them (six decimals).
 */
import {
  add,
  compare,
  div,
  formatTrimmed,
  mul,
  HUNDRED,
  parseDecimal,
  ratio,
  ZERO,
  type Ratio,
} from "../core/ratio.js";
import type { Terms } from "../core/terms/types.js";
import type { StatementJson } from "./statement-json.js";
import { groupedAmount } from "./format-amount.js";
import { documentCents, type StatementSummaryJson, type WaterfallKey } from "./statement-waterfall.js";

/** Which waterfall line a reason explains: `metric:<id>` for an outcome metric. */
export type WhyLine =
  "base" | `metric:${string}` | "outcome" | "reduction" | "subtotal" | "total" | "paid" | "due";

export interface Why {
  /** The waterfall line it explains (statement-waterfall.ts). */
  readonly line: WaterfallKey;
  readonly text: string;
}

const money = documentCents;

const pct = (r: Ratio): string => `${formatTrimmed(mul(r, HUNDRED), 4)}%`;
const rateText = (rate: string): string => {
  const r = parseDecimal(rate);
  return r === null ? rate : pct(r);
};
const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function baseWhy(doc: StatementSummaryJson, terms: Terms): string {
  const base = terms.base;
  const amount = groupedAmount(money(doc.base, "base"));
  const p = doc.population;
  if (base.kind === "perStudent") {
    const n = base.per === "served" ? p.served : p.eligible;
    const who = base.per === "served" ? "served" : "eligible enrolled";
    return `${groupedAmount(base.amountCents)} for each of ${n.toLocaleString("en-US")} ${who} students = ${amount}.`;
  }
  if (base.kind === "fixed")
    return `A fixed ${amount}, split equally over the ${p.served.toLocaleString("en-US")} served students.`;
  const prorate = base.prorate
    ? ` x min(1, ${p.served.toLocaleString("en-US")} served of ${terms.expectedStudents.toLocaleString("en-US")} expected students)`
    : "";
  return `${formatTrimmed(base.percent, 4)}% of the maximum value ${groupedAmount(terms.maxValueCents)}${prorate} = ${amount}, split equally over the served students.`;
}

function metricWhy(terms: Terms, m: StatementJson["metrics"][number]): string {
  const metric = terms.outcomes.metrics.find((x) => x.id === m.id);
  const parts = [`${m.met} of ${m.denominator} met it (${rateText(m.rate)}).`];
  if (m.missing > 0) {
    const counted =
      terms.outcomes.missingOutcome === "exclude"
        ? "they are left out of its denominator"
        : "they count as not meeting it";
    parts.push(
      `${count(m.missing, "measured student lacks", "measured students lack")} the scores it needs; ${counted}.`,
    );
  }
  if (metric?.pay.kind === "pool") {
    let weights = ZERO;
    for (const x of terms.outcomes.metrics) if (x.pay.kind === "pool") weights = add(weights, x.pay.weight);
    const share = weights.n === 0n ? null : div(metric.pay.weight, weights);
    const pool = terms.outcomes.pool;
    const size =
      pool === null
        ? "the pool"
        : pool.kind === "amount"
          ? `the pool of ${groupedAmount(pool.amountCents)}`
          : `the pool (${formatTrimmed(pool.percent, 4)}% of the maximum value)`;
    const shareText = share === null ? ` of ${size}` : ` of its ${pct(share)} share of ${size}`;
    // The exact rate (the document's is rounded to six decimals).
    const rate = m.denominator === 0 ? ZERO : ratio(BigInt(m.met), BigInt(m.denominator));
    if (compare(rate, metric.pay.minRate) < 0)
      parts.push(`Below the minimum rate ${pct(metric.pay.minRate)}: it earns nothing${shareText}.`);
    else parts.push(`Against a target rate of ${pct(metric.pay.targetRate)} it earns its part${shareText}.`);
  } else if (metric?.pay.kind === "perStudent" && metric.pay.amountCents !== null) {
    parts.push(`${groupedAmount(metric.pay.amountCents)} for each student who met it.`);
  }
  if (m.capped && metric !== undefined && metric.capCents !== null)
    parts.push(`Capped at the metric's cap of ${groupedAmount(metric.capCents)}.`);
  return parts.join(" ");
}

function reductionWhy(doc: StatementSummaryJson, terms: Terms): string | null {
  const reduction = money(doc.reduction, "reduction");
  const applied = doc.obligations.filter((o) => o.party === "vendor" && o.consequenceApplied);
  if (applied.length === 0 && reduction === 0n) return null;
  const named = applied.map((o) => {
    const ob = terms.obligations.find((x) => x.id === o.id);
    const percent =
      ob?.consequence.kind === "reduceOutcomePercent"
        ? ` (${formatTrimmed(ob.consequence.percent, 4)}%)`
        : "";
    return `"${o.id}"${percent}`;
  });
  return `Vendor obligation ${named.join(", ")} not met: the outcome ${groupedAmount(money(doc.outcome, "outcome"))} is reduced by ${groupedAmount(reduction)}.`;
}

/** Reasons for the lines whose amount needs one; lines without a reason are plain sums. */
export function explainStatementLines(doc: StatementSummaryJson, terms: Terms): Why[] {
  const why: Why[] = [{ line: "base", text: baseWhy(doc, terms) }];
  for (const m of doc.metrics) why.push({ line: `metric:${m.id}`, text: metricWhy(terms, m) });
  const outcome = money(doc.outcome, "outcome");
  const earned = doc.metrics.reduce((sum, m) => sum + money(m.amount, `metric ${m.id}`), 0n);
  if (terms.outcomes.capCents !== null && outcome < earned)
    why.push({
      line: "outcome-cap",
      text: `${groupedAmount(earned)} earned across metrics, capped at the outcome cap of ${groupedAmount(outcome)}.`,
    });
  const reduction = reductionWhy(doc, terms);
  if (reduction !== null) why.push({ line: "reduction", text: reduction });
  const unclamped = money(doc.base, "base") + outcome - money(doc.reduction, "reduction");
  const subtotal = money(doc.subtotal, "subtotal");
  if (unclamped !== subtotal)
    why.push({
      line: "subtotal-bound",
      text: `Base + outcome - reduction is ${groupedAmount(unclamped)}; it is held at ${unclamped < 0n ? "0" : `the maximum value ${groupedAmount(terms.maxValueCents)}`}.`,
    });
  if (doc.payFull) {
    const breached = doc.obligations.filter((o) => o.party === "district" && o.consequenceApplied);
    const names = breached.map(
      (o) => `"${o.id}"${o.value === null ? "" : ` (${o.value.toLocaleString("en-US")})`}`,
    );
    why.push({
      line: "breach",
      text: `District obligation ${names.join(", ")} not met: the district owes the full maximum value ${groupedAmount(terms.maxValueCents)}.`,
    });
  }
  const paid = money(doc.paid, "paid");
  if (paid !== 0n) why.push({ line: "paid", text: `${groupedAmount(paid)} paid on or before ${doc.asOf}.` });
  if (money(doc.due, "due") < 0n)
    why.push({ line: "due", text: "More was paid than the total: the vendor owes the difference." });
  if (!doc.final) {
    const pending = doc.obligations.filter((o) => o.status === "pending").map((o) => `"${o.id}"`);
    const reasons = [
      ...(doc.asOf < terms.period.end ? [`the period runs to ${terms.period.end}`] : []),
      ...(pending.length > 0 ? [`obligation ${pending.join(", ")} has no status yet`] : []),
    ];
    why.push({ line: "total", text: `Provisional: ${reasons.join("; ")}.` });
  }
  return why;
}
