/**
 * A statement of `students` student lines, inserted into a demo store before the server
 * opens it: figures that follow from its lines (base and metric amounts are the sums of
 * the students'), on the contract's latest terms version, so that the page, the
 * explanation and the exports read it like any issued statement.
 */
import type { Db } from "../../src/app/ports/db.js";
import { formatCents } from "../../src/core/money.js";
import { formatFixed, ratio, ZERO } from "../../src/core/ratio.js";
import type { StatementJson, StudentLineJson } from "../../src/shared/statement-json.js";

export interface LargeStatement {
  readonly statementId: string;
  readonly document: StatementJson;
}

function studentLine(i: number, metricIds: readonly string[]): StudentLineJson {
  const eligible = i % 10 !== 0;
  const served = eligible && i % 4 !== 0;
  const metrics: StudentLineJson["metrics"] = {};
  if (eligible)
    metricIds.forEach((id, m) => {
      const met = served && (i + m) % 3 === 0;
      metrics[id] = {
        status: served ? (met ? "met" : "notMet") : "notMeasured",
        value: served ? String(i % 17) : null,
        target: served ? "9" : null,
        amount: met ? formatCents(BigInt(100 + ((i * 7 + m) % 250))) : "0.00",
      };
    });
  return {
    studentId: `B${String(i).padStart(6, "0")}`,
    eligible,
    ineligibleReason: eligible ? null : "grade",
    served,
    sessions: served ? 10 + (i % 20) : i % 5,
    minutes: served ? 300 + (i % 20) * 30 : (i % 5) * 30,
    consistency: served ? "0.800000" : "0.000000",
    base: served ? "5.00" : "0.00",
    metrics,
  };
}

/** An obc-statement/1 document of `students` lines on the terms given (as recorded, JSON text). */
export function largeStatementDocument(
  termsSource: string,
  contractId: string,
  students: number,
): StatementJson {
  const terms = JSON.parse(termsSource) as {
    currency: string;
    period: { end: string };
    outcomes: { metrics: { id: string; kind: string }[] };
  };
  const metricIds = terms.outcomes.metrics.map((m) => m.id);
  const lines = Array.from({ length: students }, (_, i) => studentLine(i + 1, metricIds));
  const sum = (amounts: Iterable<string>): bigint => {
    let total = 0n;
    for (const a of amounts) total += BigInt(a.replace(".", ""));
    return total;
  };
  const base = sum(lines.map((l) => l.base));
  const metrics = terms.outcomes.metrics.map((m) => {
    const measured = lines.filter((l) => l.served);
    const met = measured.filter((l) => l.metrics[m.id]?.status === "met").length;
    return {
      id: m.id,
      kind: m.kind,
      denominator: measured.length,
      met,
      missing: 0,
      rate: formatFixed(measured.length === 0 ? ZERO : ratio(BigInt(met), BigInt(measured.length)), 6),
      amount: formatCents(sum(lines.map((l) => l.metrics[m.id]?.amount ?? "0.00"))),
      capped: false,
    };
  });
  const outcome = sum(metrics.map((m) => m.amount));
  const total = base + outcome;
  const document: StatementJson = {
    format: "obc-statement/1",
    contractId,
    currency: terms.currency,
    asOf: terms.period.end,
    final: true,
    population: {
      enrolled: lines.length,
      eligible: lines.filter((l) => l.eligible).length,
      served: lines.filter((l) => l.served).length,
      measured: lines.filter((l) => l.served).length,
    },
    base: formatCents(base),
    metrics,
    outcome: formatCents(outcome),
    reduction: "0.00",
    obligations: [],
    subtotal: formatCents(total),
    payFull: false,
    total: formatCents(total),
    paid: "0.00",
    due: formatCents(total),
    students: lines,
  };
  return document;
}

export async function insertLargeStatement(
  db: Db,
  districtId: string,
  contractId: string,
  students: number,
): Promise<LargeStatement> {
  const [version] = await db.query<{ version: number; terms_source: string }>(
    `SELECT version, terms_source FROM contract_terms_versions
      WHERE district_id = $1 AND contract_id = $2 ORDER BY version DESC LIMIT 1`,
    [districtId, contractId],
  );
  if (version === undefined) throw new Error(`no terms of ${contractId}`);
  const document = largeStatementDocument(version.terms_source, contractId, students);
  const source = JSON.stringify(document, null, 2) + "\n";
  const [row] = await db.query<{ statement_id: bigint }>(
    `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document,
                             input_digest, issued_at, kind, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'interim', 'fixture') RETURNING statement_id`,
    [
      districtId,
      contractId,
      version.version,
      document.asOf,
      source,
      source,
      "0".repeat(64),
      "2025-06-01T12:00:00Z",
    ],
  );
  if (row === undefined) throw new Error("the statement insert returned nothing");
  return { statementId: String(row.statement_id), document };
}
