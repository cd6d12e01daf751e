/**
 * A contract's payments as the parties see them, in the order they were paid, each with
 * the running total of what has been paid so far (refunds, negative, lower it).
 * Payments imported from files and those recorded through the API are listed alike.
 */
import type { SqlRunner } from "../ports/db.js";
import { ZERO_CENTS, cents, sumCents, type Cents } from "../../core/money.js";

export interface StoredPayment {
  readonly batchId: bigint;
  readonly sourceLine: number;
  readonly paidOn: string;
  readonly amountCents: Cents;
  readonly reference: string | null;
}

export interface ListedPayment extends StoredPayment {
  readonly runningTotalCents: Cents;
}

export interface PaymentList {
  readonly payments: readonly ListedPayment[];
  readonly totalCents: Cents;
}

export async function listPayments(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<PaymentList> {
  const rows = await tx.query<{
    batch_id: bigint;
    source_line: number;
    paid_on: string;
    amount_cents: bigint;
    reference: string | null;
  }>(
    `SELECT batch_id, source_line, paid_on, amount_cents, reference FROM payments
      WHERE district_id = $1 AND contract_id = $2 ORDER BY paid_on, batch_id, source_line`,
    [districtId, contractId],
  );
  let running = ZERO_CENTS;
  const payments = rows.map((row): ListedPayment => {
    const amountCents = cents(row.amount_cents);
    running = sumCents([running, amountCents]);
    return {
      batchId: row.batch_id,
      sourceLine: row.source_line,
      paidOn: row.paid_on,
      amountCents,
      reference: row.reference,
      runningTotalCents: running,
    };
  });
  return { payments, totalCents: running };
}
