/**
 * The figures an export reads from an issued `obc-statement/1` document (its summary:
 * the per-student lines are neither needed nor read), with money back in exact cents.
 * Statements are written by the settlement, so a document that does not have this shape
 * is a bug and throws, naming the JSON path.
 */
import { parseMoney, type Cents } from "../money.js";
import { parseIsoDate } from "../date.js";
import type { StatementFacts } from "./ocds-types.js";

/** The fields of the statement summary that the export uses. */
export interface StatementSummaryJson {
  readonly asOf: string;
  readonly final: boolean;
  readonly base: string;
  readonly metrics: readonly {
    readonly id: string;
    readonly denominator: number;
    readonly met: number;
    readonly amount: string;
  }[];
}

function money(text: unknown, path: string): Cents {
  const cents = parseMoney(text, { allowNegative: true });
  if (typeof cents === "string") throw new Error(`statement document ${path}: ${cents}`);
  return cents;
}

function count(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new Error(`statement document ${path}: not a count`);
  return value;
}

export function statementFacts(
  row: { readonly statementId: string; readonly kind: "interim" | "final"; readonly issuedAt: string },
  summary: StatementSummaryJson,
): StatementFacts {
  const asOf = parseIsoDate(summary.asOf);
  if (asOf === null) throw new Error("statement document $.asOf: not a date");
  return {
    statementId: row.statementId,
    kind: row.kind,
    final: summary.final === true,
    asOf,
    issuedAt: row.issuedAt,
    baseCents: money(summary.base, "$.base"),
    metrics: summary.metrics.map((m, i) => {
      const denominator = count(m.denominator, `$.metrics[${i}].denominator`);
      const met = count(m.met, `$.metrics[${i}].met`);
      if (met > denominator) throw new Error(`statement document $.metrics[${i}].met: above the denominator`);
      return { id: m.id, denominator, met, amountCents: money(m.amount, `$.metrics[${i}].amount`) };
    }),
  };
}
