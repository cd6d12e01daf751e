/** Scorecards in words: the sentences beside the charts and the cells of the tables. */
import type { ContractScoreJson, TotalsJson } from "../api/scorecards.js";
import { formatMoney, formatRatePercent } from "../money.js";

/** A share sent as a fraction of 1 ("0.4922") as a percentage ("49.2%"); "–" when there is none. */
export function shareText(share: string | null): string {
  return share === null ? "–" : formatRatePercent(share);
}

/** Money or "–" when the figure does not exist (no statement, nobody to divide by). */
export function moneyText(value: string | null): string {
  return value === null ? "–" : formatMoney(value);
}

export function countText(value: number | null): string {
  return value === null ? "–" : String(value);
}

/** Which statement a line comes from, in words. */
export function statementText(line: ContractScoreJson): string {
  const s = line.statement;
  if (s === null) return "No statement yet";
  return `${s.kind === "final" ? "Final" : "Interim"} statement as of ${s.asOf}${s.status === "disputed" ? " (disputed)" : ""}`;
}

/** The sentence beside the cost chart: what the portfolio paid per student served and per student meeting a target. */
export function costSummary(lines: readonly ContractScoreJson[], totals: TotalsJson): string {
  const charted = lines.filter(
    (l) => l.costPerStudentServed !== null || l.costPerStudentMeetingOutcomes !== null,
  );
  if (charted.length === 0)
    return "No contract has a statement with students served yet, so there is no cost per student to compare.";
  const served =
    totals.costPerStudentServed === null
      ? "no cost per student served"
      : `${formatMoney(totals.costPerStudentServed)} per student served`;
  const meeting =
    totals.costPerStudentMeetingOutcomes === null
      ? "no student has met an outcome target yet"
      : `${formatMoney(totals.costPerStudentMeetingOutcomes)} per student meeting at least one outcome target`;
  return `Across ${charted.length} contract${charted.length === 1 ? "" : "s"} with a statement, the money paid comes to ${served} and ${meeting}.`;
}

/** The number a chart bar stands for (drawing only; the table shows the exact text). */
export function chartDollars(value: string | null): number {
  return value === null ? 0 : Number(value);
}

export function obligationsText(o: ContractScoreJson["obligations"]): string {
  if (o.vendorObligations === 0) return "None";
  if (o.notYetDue === o.vendorObligations) return `${o.vendorObligations} not yet due`;
  return `${o.metOnTime} of ${o.metOnTime + o.missed} on time`;
}
