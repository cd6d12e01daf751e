/**
 * The payment waterfall as the page shows it: the lines of src/shared/statement-waterfall.ts
 * (base, each metric, cap, reduction, bound, subtotal, breach, total, paid, due), each with
 * the reasons the server gives for it, and the bars a chart draws (a step floats from
 * the running amount before it to the one after; a sum stands on zero).
 */
import { statementWaterfall, type WaterfallStep } from "../../../src/shared/statement-waterfall.js";
import type { Waterfall } from "./api-types.js";
import type { Why } from "./api/statements.js";
import { formatMoney } from "./money.js";

export interface WaterfallLine extends WaterfallStep {
  readonly why: readonly string[];
}

export function waterfallLines(w: Waterfall, why: readonly Why[] = []): WaterfallLine[] {
  return statementWaterfall(w).map((step) => ({
    ...step,
    why: why.filter((reason) => reason.line === step.key).map((reason) => reason.text),
  }));
}

export interface WaterfallBar {
  readonly key: string;
  /** A short label for the chart's axis (the lines beside it carry the full one). */
  readonly label: string;
  /** Dollars for the chart's scale only; every amount shown as text comes from cents. */
  readonly range: [number, number];
  readonly kind: "increase" | "decrease" | "sum";
  readonly cents: bigint;
}

const SHORT: Readonly<Record<string, string>> = {
  "outcome-cap": "Cap",
  reduction: "Reduction",
  "subtotal-bound": "Bound",
  breach: "Breach",
};

function shortLabel(step: WaterfallStep): string {
  if (step.key.startsWith("metric:")) return step.key.slice("metric:".length);
  if (step.key === "due") return "Due";
  return SHORT[step.key] ?? step.label;
}

/** Cents as a plotting number (a position on an axis, never an amount anyone reads). */
function plot(cents: bigint): number {
  return Number(cents) / 100;
}

export function waterfallBars(lines: readonly WaterfallStep[]): WaterfallBar[] {
  return lines.map((line) => {
    if (line.kind === "sum")
      return {
        key: line.key,
        label: line.label,
        range: [0, plot(line.cents)],
        kind: "sum",
        cents: line.cents,
      };
    const before = line.runningCents - line.cents;
    const low = line.cents < 0n ? line.runningCents : before;
    const high = line.cents < 0n ? before : line.runningCents;
    return {
      key: line.key,
      label: shortLabel(line),
      range: [plot(low), plot(high)],
      kind: line.cents < 0n ? "decrease" : "increase",
      cents: line.cents,
    };
  });
}

/** "Base $10.00, plus growth $5.00, ... : total $15.00; paid $0.00; due $15.00." */
export function waterfallSummary(lines: readonly WaterfallLine[], currency: string): string {
  const parts = lines.map((l) =>
    l.kind === "sum"
      ? `${l.label.toLowerCase()} ${formatMoney(l.cents, currency)}`
      : `${l.label} ${l.cents < 0n ? "minus" : "plus"} ${formatMoney(l.cents < 0n ? -l.cents : l.cents, currency)}`,
  );
  return `From the base to what is due: ${parts.join("; ")}.`;
}
