/**
 * Reconciliation of a contract's payments: the ledger's paid total must equal the sum of
 * the recorded payments (each payment charged, in full, to the contract's sources), and
 * the latest statement's `paid` must equal the payments dated on or before its as-of
 * date. Each difference is named with its amount and the reason it arises.
 */
import type { SqlRunner } from "../ports/db.js";
import { cents, formatCents, parseMoney, type Cents } from "../../core/money.js";

export interface Difference {
  readonly code: "payment-not-charged" | "payment-charged-differently" | "statement-paid-differs";
  readonly message: string;
  /** What the first figure exceeds the second by (recorded minus ledger; payments minus statement). */
  readonly amountCents: Cents;
}

export interface Reconciliation {
  readonly contractId: string;
  readonly matches: boolean;
  readonly recordedPaidCents: Cents;
  readonly ledgerPaidCents: Cents;
  readonly statement: {
    readonly statementId: string;
    readonly asOf: string;
    readonly paidCents: Cents;
    readonly paymentsThroughAsOfCents: Cents;
  } | null;
  readonly differences: readonly Difference[];
}

export async function reconcileContract(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<Reconciliation | null> {
  const [contract] = await tx.query("SELECT 1 FROM contracts WHERE district_id = $1 AND contract_id = $2", [
    districtId,
    contractId,
  ]);
  if (contract === undefined) return null;
  const payments = await tx.query<{
    batch_id: bigint;
    source_line: number;
    paid_on: string;
    amount_cents: bigint;
    entries: string;
    charged_cents: string;
  }>(
    `SELECT p.batch_id, p.source_line, p.paid_on, p.amount_cents,
            count(e.entry_id)::text AS entries, coalesce(sum(e.amount_cents), 0)::text AS charged_cents
       FROM payments p
       LEFT JOIN ledger_entries e ON e.district_id = p.district_id AND e.payment_batch_id = p.batch_id
            AND e.payment_source_line = p.source_line AND e.counts_as = 'payment'
      WHERE p.district_id = $1 AND p.contract_id = $2
      GROUP BY p.batch_id, p.source_line, p.paid_on, p.amount_cents
      ORDER BY p.paid_on, p.batch_id, p.source_line`,
    [districtId, contractId],
  );
  const [ledger] = await tx.query<{ paid: string }>(
    `SELECT coalesce(sum(amount_cents), 0)::text AS paid FROM ledger_entries
      WHERE district_id = $1 AND contract_id = $2 AND counts_as = 'payment'`,
    [districtId, contractId],
  );
  const differences: Difference[] = [];
  let recorded = 0n;
  for (const p of payments) {
    recorded += p.amount_cents;
    const charged = BigInt(p.charged_cents);
    const name = `payment ${p.batch_id}:${p.source_line} of ${p.paid_on} (${formatCents(p.amount_cents)})`;
    if (p.entries === "0")
      differences.push({
        code: "payment-not-charged",
        message: `${name} is not charged to any funding source: the contract had no encumbrance when it was recorded`,
        amountCents: cents(p.amount_cents),
      });
    else if (charged !== p.amount_cents)
      differences.push({
        code: "payment-charged-differently",
        message: `${name} is charged ${formatCents(charged)} to funding sources (a charge was reversed)`,
        amountCents: cents(p.amount_cents - charged),
      });
  }
  const statement = await latestStatement(tx, districtId, contractId);
  let statementView: Reconciliation["statement"] = null;
  if (statement !== null) {
    const through = payments
      .filter((p) => p.paid_on <= statement.asOf)
      .reduce((s, p) => s + p.amount_cents, 0n);
    statementView = {
      statementId: statement.statementId,
      asOf: statement.asOf,
      paidCents: statement.paidCents,
      paymentsThroughAsOfCents: cents(through),
    };
    if (through !== statement.paidCents)
      differences.push({
        code: "statement-paid-differs",
        message: `statement ${statement.statementId} (as of ${statement.asOf}) shows ${formatCents(statement.paidCents)} paid; payments dated on or before ${statement.asOf} now add up to ${formatCents(through)}: payments were recorded after the statement was issued; run a new settlement`,
        amountCents: cents(through - statement.paidCents),
      });
  }
  return {
    contractId,
    matches: differences.length === 0,
    recordedPaidCents: cents(recorded),
    ledgerPaidCents: cents(BigInt(ledger?.paid ?? "0")),
    statement: statementView,
    differences,
  };
}

async function latestStatement(tx: SqlRunner, districtId: string, contractId: string) {
  const [row] = await tx.query<{ statement_id: bigint; as_of: string; paid: string }>(
    `SELECT statement_id, as_of, document->>'paid' AS paid FROM statements
      WHERE district_id = $1 AND contract_id = $2 ORDER BY statement_id DESC LIMIT 1`,
    [districtId, contractId],
  );
  if (row === undefined) return null;
  const paid = parseMoney(row.paid, { allowNegative: true });
  if (typeof paid === "string") throw new Error(`statement ${row.statement_id}: paid is not money`);
  return { statementId: row.statement_id.toString(), asOf: row.as_of, paidCents: paid };
}
