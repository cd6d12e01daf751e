/**
 * Payments reach the ledger: every recorded payment of an encumbered contract (through
 * the API or an imported payments file) is charged to the contract's funding sources, pro
 * rata to its encumbrance in each (src/core/budget/allocate.ts gives the rounding rule),
 * in the transaction that records it. A payment recorded before the contract was
 * encumbered is charged when it is (encumber-contract.ts); until then reconciliation
 * names it. A payment is charged once: afterwards only a reversal changes its entries.
 */
import type { SqlRunner } from "../ports/db.js";
import { cents } from "../../core/money.js";
import { contractPositions } from "../../core/budget/ledger.js";
import { chargePayment } from "../../core/budget/settle.js";
import { insertEntry, ledgerLines, lockContract } from "./ledger-store.js";

export interface ChargeOptions {
  /** Who records the entries and when; by default each payment's batch (who imported it, when). */
  readonly recordedBy?: string;
  readonly at?: Date;
}

/** Charges the contract's payments that have no ledger entries yet; returns how many were charged. */
export async function chargeUnchargedPayments(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  options: ChargeOptions = {},
): Promise<number> {
  const [any] = await tx.query(
    `SELECT 1 FROM payments p
      WHERE p.district_id = $1 AND p.contract_id = $2
        AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                         WHERE e.district_id = p.district_id AND e.payment_batch_id = p.batch_id
                           AND e.payment_source_line = p.source_line AND e.kind = 'payment')
      LIMIT 1`,
    [districtId, contractId],
  );
  if (any === undefined) return 0;
  await lockContract(tx, districtId, contractId);
  const positions = contractPositions(await ledgerLines(tx, districtId, { contractId }), contractId);
  if (!positions.some((p) => p.encumberedTotalCents > 0n)) return 0;
  const payments = await tx.query<{
    batch_id: bigint;
    source_line: number;
    paid_on: string;
    amount_cents: bigint;
    reference: string | null;
    imported_by: string;
    imported_at: string;
  }>(
    `SELECT p.batch_id, p.source_line, p.paid_on, p.amount_cents, p.reference, b.imported_by, b.imported_at
       FROM payments p JOIN import_batches b USING (district_id, batch_id)
      WHERE p.district_id = $1 AND p.contract_id = $2
        AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                         WHERE e.district_id = p.district_id AND e.payment_batch_id = p.batch_id
                           AND e.payment_source_line = p.source_line AND e.kind = 'payment')
      ORDER BY p.paid_on, p.batch_id, p.source_line`,
    [districtId, contractId],
  );
  for (const p of payments) {
    const parts = chargePayment(cents(p.amount_cents), positions) ?? [];
    for (const part of parts)
      await insertEntry(tx, {
        districtId,
        sourceId: part.sourceId,
        contractId,
        kind: "payment",
        countsAs: "payment",
        amountCents: part.amountCents,
        entryDate: p.paid_on,
        recordedBy: options.recordedBy ?? p.imported_by,
        recordedAt: options.at ?? new Date(p.imported_at),
        reference: p.reference,
        payment: { batchId: p.batch_id, sourceLine: p.source_line },
      });
  }
  return payments.length;
}
