/**
 * A statement as text for a person: the population, each metric, the payment from base
 * to due, and a "why" line for every adjustment the rules made.
 */
import type { Statement, MetricResult } from "../core/settlement/statement.js";
import { groupedAmount } from "./format-amount.js";
import { formatFixed, mul, HUNDRED } from "../core/ratio.js";
import { explainStatement } from "./explain-statement.js";
import type { Terms } from "../core/terms/types.js";

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function metricLine(m: MetricResult): string {
  const rate = `${formatFixed(mul(m.rate, HUNDRED), 1)}%`;
  const missing = m.missing > 0 ? `  (${m.missing} missing)` : "";
  return `  ${pad(m.id, 14)} ${pad(m.label.slice(0, 34), 34)} ${pad(`${m.met} / ${m.denominator}`, 13, true)} ${pad(rate, 7, true)} ${pad(groupedAmount(m.amountCents), 15, true)}${m.capped ? " capped" : ""}${missing}`;
}

export function statementToText(s: Statement, terms: Terms): string {
  const out: string[] = [];
  const status = s.final ? "FINAL" : "PROVISIONAL";
  out.push(`${s.title}`);
  out.push(`Contract ${s.contractId} · statement as of ${s.asOf} · ${status} · amounts in ${s.currency}`);
  out.push("");
  const ineligible = s.students.filter((l) => !l.eligible);
  const reasons = new Map<string, number>();
  for (const l of ineligible)
    reasons.set(l.ineligibleReason ?? "", (reasons.get(l.ineligibleReason ?? "") ?? 0) + 1);
  const reasonText = [...reasons].map(([r, n]) => `${n} ${r}`).join(", ");
  out.push(
    `Population   enrolled ${s.population.enrolled} · eligible ${s.population.eligible}${ineligible.length > 0 ? ` (ineligible: ${reasonText})` : ""} · served ${s.population.served} · measured ${s.population.measured}`,
  );
  out.push("");
  out.push(
    `  ${pad("metric", 14)} ${pad("label", 34)} ${pad("met / denom", 13, true)} ${pad("rate", 7, true)} ${pad("amount", 15, true)}`,
  );
  for (const m of s.metrics) out.push(metricLine(m));
  out.push("");
  const row = (label: string, value: bigint): string =>
    `  ${pad(label, 24)} ${pad(groupedAmount(value), 18, true)}`;
  out.push(row("Base", s.baseCents));
  out.push(row("Outcome", s.outcomeCents));
  if (s.reductionCents !== 0n) out.push(row("Reduction", -s.reductionCents));
  out.push(row("Subtotal", s.subtotalCents));
  out.push(row("Total", s.totalCents));
  out.push(row("Paid", s.paidCents));
  out.push(row(s.dueCents < 0n ? "Due (refund)" : "Due", s.dueCents));
  if (s.obligations.length > 0) {
    out.push("");
    out.push("Obligations");
    for (const o of s.obligations) {
      const value = o.value === null ? "" : ` (${o.value})`;
      out.push(`  ${pad(o.id, 14)} ${pad(o.party, 9)} ${pad(o.status + value, 14)} ${o.description}`);
    }
  }
  out.push("");
  out.push("Why");
  for (const line of explainStatement(s, terms)) out.push(`  - ${line}`);
  return out.join("\n") + "\n";
}
