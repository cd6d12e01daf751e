/**
 * Per-student lines as CSV, one row per enrolled student and contract. Metric columns
 * are `<metric id>.status|value|target|amount`, the union over the statements in the
 * order first met; cells of a metric a contract does not have are empty.
 */
import type { Statement } from "../core/settlement/statement.js";
import { statementToJson, type StatementJson } from "./statement-json.js";

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function statementsToCsv(statements: readonly Statement[]): string {
  return statementDocumentsToCsv(statements.map(statementToJson));
}

/** The same CSV from issued obc-statement/1 documents (what the store keeps). */
export function statementDocumentsToCsv(documents: readonly StatementJson[]): string {
  const metricIds: string[] = [];
  for (const s of documents) for (const m of s.metrics) if (!metricIds.includes(m.id)) metricIds.push(m.id);
  const header = [
    "contract_id",
    "student_id",
    "eligible",
    "ineligible_reason",
    "served",
    "sessions",
    "minutes",
    "consistency",
    "base",
    ...metricIds.flatMap((id) => [`${id}.status`, `${id}.value`, `${id}.target`, `${id}.amount`]),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const json of documents) {
    for (const l of json.students) {
      const cells = [
        json.contractId,
        l.studentId,
        String(l.eligible),
        l.ineligibleReason ?? "",
        String(l.served),
        String(l.sessions),
        String(l.minutes),
        l.consistency,
        l.base,
        ...metricIds.flatMap((id) => {
          const m = l.metrics[id];
          return m === undefined ? ["", "", "", ""] : [m.status, m.value ?? "", m.target ?? "", m.amount];
        }),
      ];
      lines.push(cells.map(csvCell).join(","));
    }
  }
  return lines.join("\n") + "\n";
}
