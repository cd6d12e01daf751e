/**
 * The payment waterfall as the lines a reader follows, in the order the text statement
 * prints them (src/shared/statement-text.ts): base, each outcome metric, outcome,
 * reduction (subtracted), subtotal, total, paid, due. Amounts stay cents.
 */
import type { Waterfall } from "./api-types.js";
import { parseMoneyCents } from "./money.js";

export interface WaterfallLine {
  readonly key: string;
  readonly label: string;
  readonly cents: bigint;
  /** Lines that sum the ones above them are set apart. */
  readonly emphasis: "detail" | "subtotal" | "total";
  readonly note?: string;
}

function cents(value: string, field: string): bigint {
  const parsed = parseMoneyCents(value);
  if (parsed === null) throw new Error(`the statement's ${field} is not money: ${JSON.stringify(value)}`);
  return parsed;
}

export function waterfallLines(w: Waterfall): WaterfallLine[] {
  const lines: WaterfallLine[] = [
    { key: "base", label: "Base", cents: cents(w.base, "base"), emphasis: "detail" },
  ];
  for (const m of w.metrics)
    lines.push({
      key: `metric-${m.id}`,
      label: `Outcome: ${m.id}`,
      cents: cents(m.amount, `metric ${m.id} amount`),
      emphasis: "detail",
      ...(m.capped ? { note: "capped" } : {}),
    });
  lines.push({ key: "outcome", label: "Outcome", cents: cents(w.outcome, "outcome"), emphasis: "subtotal" });
  const reduction = cents(w.reduction, "reduction");
  lines.push({
    key: "reduction",
    label: "Reduction for obligations",
    cents: reduction === 0n ? 0n : -reduction,
    emphasis: "detail",
  });
  lines.push({
    key: "subtotal",
    label: "Subtotal",
    cents: cents(w.subtotal, "subtotal"),
    emphasis: "subtotal",
  });
  lines.push({
    key: "total",
    label: "Total",
    cents: cents(w.total, "total"),
    emphasis: "total",
    ...(w.payFull ? { note: "paid in full (a district breach)" } : {}),
  });
  lines.push({ key: "paid", label: "Paid", cents: cents(w.paid, "paid"), emphasis: "detail" });
  const due = cents(w.due, "due");
  lines.push({ key: "due", label: due < 0n ? "Due (refund)" : "Due", cents: due, emphasis: "total" });
  return lines;
}
