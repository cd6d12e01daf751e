/**
 * The `accord-invoice/1` document: a vendor invoice as issued, in the canonical form its
 * SHA-256 is taken over (src/app/invoices). Money is decimal strings with two decimals;
 * dates are `YYYY-MM-DD`. Its lines are the statement's payment waterfall
 * (statement-waterfall.ts), so they add up to the amount due by construction: base, each
 * outcome metric, the outcome cap, the reduction for vendor obligations, the bound to
 * [0, maxValue], the subtotal, a district breach, the total, the payments already received
 * by the statement's as-of date, and the amount due, which is the statement's `due`.
 */
import { formatCents } from "../core/money.js";
import { statementWaterfall, type WaterfallFigures, type WaterfallStep } from "./statement-waterfall.js";

export const INVOICE_FORMAT = "accord-invoice/1";

export interface InvoiceLine {
  /** The waterfall line (statement-waterfall.ts): base, metric:<id>, ..., paid, due. */
  readonly key: string;
  /** A line item changes the running amount; a total is the running amount. */
  readonly kind: "line" | "total";
  readonly description: string;
  /** Signed decimal string ("-1500.00" for the payments already received). */
  readonly amount: string;
}

export interface InvoiceDocument {
  readonly format: typeof INVOICE_FORMAT;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly netDays: number;
  readonly currency: string;
  readonly billTo: { readonly districtId: string; readonly name: string };
  readonly remitTo: { readonly vendorId: string; readonly name: string };
  readonly contract: {
    readonly contractId: string;
    readonly title: string;
    readonly termsVersion: number;
    readonly periodStart: string;
    readonly periodEnd: string;
  };
  readonly statement: {
    readonly statementId: string;
    readonly kind: "interim" | "final";
    readonly asOf: string;
    /** The statement's own `final` (false: provisional figures). */
    readonly final: boolean;
    /** SHA-256 of the terms and data the statement was computed from. */
    readonly inputDigest: string;
  };
  readonly lines: readonly InvoiceLine[];
  /** The statement's `due`: total payable less payments received by its as-of date. */
  readonly amountDue: string;
}

export interface InvoiceSource {
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly netDays: number;
  readonly district: { readonly id: string; readonly name: string };
  readonly vendor: { readonly id: string; readonly name: string };
  readonly contract: InvoiceDocument["contract"];
  readonly statement: InvoiceDocument["statement"];
  readonly currency: string;
  /** The statement's figures (its document or the API's summary of it). */
  readonly figures: WaterfallFigures;
  /** Each metric's label in the terms, by id (a metric without one is named by its id). */
  readonly metricLabels: ReadonlyMap<string, string>;
}

function describe(step: WaterfallStep, source: InvoiceSource): string {
  const key = step.key;
  if (key.startsWith("metric:")) {
    const id = key.slice("metric:".length);
    const label = source.metricLabels.get(id);
    const capped = source.figures.metrics.find((m) => m.id === id)?.capped === true ? " (capped)" : "";
    return `Outcome: ${label === undefined || label === id ? id : `${label} (${id})`}${capped}`;
  }
  switch (key) {
    case "base":
      return "Base payment";
    case "total":
      return source.statement.kind === "interim" ? "Total earned to date" : "Total payable";
    case "paid":
      return `Less payments received by ${source.statement.asOf}`;
    case "due":
      return "Amount due";
    default:
      return step.label;
  }
}

/** The invoice's lines, from the statement's waterfall. */
export function invoiceLines(source: InvoiceSource): InvoiceLine[] {
  return statementWaterfall(source.figures).map((step) => ({
    key: step.key,
    kind: step.kind === "sum" ? "total" : "line",
    description: describe(step, source),
    amount: formatCents(step.cents),
  }));
}

/** The document of an invoice (without its digest, which is taken over this). */
export function invoiceDocument(source: InvoiceSource): InvoiceDocument {
  const lines = invoiceLines(source);
  const due = lines.at(-1);
  if (due === undefined || due.key !== "due") throw new Error("a waterfall ends with what is due");
  return {
    format: INVOICE_FORMAT,
    invoiceNumber: source.invoiceNumber,
    issueDate: source.issueDate,
    dueDate: source.dueDate,
    netDays: source.netDays,
    currency: source.currency,
    billTo: { districtId: source.district.id, name: source.district.name },
    remitTo: { vendorId: source.vendor.id, name: source.vendor.name },
    contract: { ...source.contract },
    statement: { ...source.statement },
    lines,
    amountDue: due.amount,
  };
}
