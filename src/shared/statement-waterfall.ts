/**
 * The payment waterfall of a statement as the lines a reader follows, from the base to
 * what is due: base, each outcome metric, the outcome cap, the reduction for vendor
 * obligations, the [0, maxValue] bound, the subtotal, a district breach, the total, what
 * was paid, and what is due. Steps carry their signed change in cents; sums carry the
 * running amount, and every sum equals the statement's own figure (the steps between
 * are derived from those figures, so they add up by construction).
 */
import { parseMoney, type Cents } from "../core/money.js";
import type { StatementJson } from "./statement-json.js";

/** The document without its per-student lines (the API's statement summary). */
export type StatementSummaryJson = Omit<StatementJson, "students" | "format">;

export type WaterfallKey =
  | "base"
  | `metric:${string}`
  | "outcome-cap"
  | "reduction"
  | "subtotal-bound"
  | "subtotal"
  | "breach"
  | "total"
  | "paid"
  | "due";

export interface WaterfallStep {
  readonly key: WaterfallKey;
  readonly label: string;
  /** A step changes the running amount by `cents`; a sum is the running amount. */
  readonly kind: "step" | "sum";
  readonly cents: bigint;
  /** The running amount after this line (a sum's own amount). */
  readonly runningCents: bigint;
}

/** The figures the waterfall is drawn from (a statement document or the API's summary of it). */
export interface WaterfallFigures {
  readonly base: string;
  readonly metrics: readonly { readonly id: string; readonly amount: string; readonly capped: boolean }[];
  readonly outcome: string;
  readonly reduction: string;
  readonly subtotal: string;
  readonly total: string;
  readonly paid: string;
  readonly due: string;
}

/** A document money string ("-1234.50": exactly two decimals) as cents; anything else is a bug upstream. */
export function documentCents(value: string, field: string): Cents {
  const parsed = /^-?\d+\.\d\d$/.test(value) ? parseMoney(value, { allowNegative: true }) : "not-a-decimal";
  if (typeof parsed === "string")
    throw new Error(`the statement's ${field} is not money: ${JSON.stringify(value)} (${parsed})`);
  return parsed;
}

export function statementWaterfall(doc: WaterfallFigures): WaterfallStep[] {
  const lines: WaterfallStep[] = [];
  let running = 0n;
  const step = (key: WaterfallKey, label: string, cents: bigint, always = false): void => {
    if (cents === 0n && !always) return;
    running += cents;
    lines.push({ key, label, kind: "step", cents, runningCents: running });
  };
  const sum = (key: WaterfallKey, label: string, cents: bigint): void => {
    if (cents !== running) throw new Error(`the statement's ${key} does not follow from the lines above it`);
    lines.push({ key, label, kind: "sum", cents, runningCents: cents });
  };
  step("base", "Base", documentCents(doc.base, "base"), true);
  let earned = 0n;
  for (const m of doc.metrics) {
    const amount = documentCents(m.amount, `metric ${m.id} amount`);
    earned += amount;
    step(`metric:${m.id}`, `Outcome: ${m.id}${m.capped ? " (capped)" : ""}`, amount, true);
  }
  const outcome = documentCents(doc.outcome, "outcome");
  step("outcome-cap", "Outcome cap", outcome - earned);
  step("reduction", "Reduction for vendor obligations", -documentCents(doc.reduction, "reduction"));
  const subtotal = documentCents(doc.subtotal, "subtotal");
  step("subtotal-bound", subtotal === 0n ? "Held at zero" : "Held at the maximum value", subtotal - running);
  sum("subtotal", "Subtotal", subtotal);
  const total = documentCents(doc.total, "total");
  step("breach", "District breach: the maximum value is owed", total - subtotal);
  sum("total", "Total", total);
  step("paid", "Paid", -documentCents(doc.paid, "paid"), true);
  const due = documentCents(doc.due, "due");
  sum("due", due < 0n ? "Due (refund to the district)" : "Due", due);
  return lines;
}
