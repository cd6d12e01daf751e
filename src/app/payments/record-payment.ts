/**
 * Use case: the district records a payment (or, negative, a refund) of a contract
 * through the API. Every stored payment row comes from an import batch (payments have no
 * data-v1 key; a row is named by its batch and line), so an API payment is a batch of
 * one row: format `api-payment`, named after the request, hashed over the canonical
 * request. Statements run after it count it in `paid`. An encumbered contract's payment is
 * charged to its funding sources in the same transaction (budget/charge-payments.ts).
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { storedTime } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import type { IsoDate } from "../../core/date.js";
import { formatCents, type Cents } from "../../core/money.js";
import type { StoredPayment } from "./list-payments.js";
import { chargeUnchargedPayments } from "../budget/charge-payments.js";

export const API_PAYMENT_FORMAT = "api-payment";

export interface RecordPaymentRequest {
  readonly districtId: string;
  readonly contractId: string;
  readonly paidOn: IsoDate;
  /** Negative for a refund. */
  readonly amountCents: Cents;
  readonly reference: string | null;
  /** The batch's file name: the request line (`POST /api/districts/d1/contracts/c1/payments`). */
  readonly requestName: string;
  /** SHA-256 of the canonical request, the batch's file_sha256. */
  readonly requestSha256: string;
}

export type RecordPaymentResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "stage-conflict"; readonly stage: string }
  | { readonly kind: "recorded"; readonly payment: StoredPayment };

/** A contract still being drafted or proposed has no agreed terms to pay under. */
const UNPAYABLE = new Set(["draft", "proposed"]);

export async function recordPayment(
  tx: SqlRunner,
  request: RecordPaymentRequest,
  context: { readonly actor: Actor; readonly at: Date },
): Promise<RecordPaymentResult> {
  const { districtId, contractId } = request;
  const [contract] = await tx.query<{ stage: string }>(
    "SELECT stage FROM contracts WHERE district_id = $1 AND contract_id = $2",
    [districtId, contractId],
  );
  if (contract === undefined) return { kind: "not-found" };
  if (UNPAYABLE.has(contract.stage)) return { kind: "stage-conflict", stage: contract.stage };
  const [batch] = await tx.query<{ batch_id: bigint }>(
    `INSERT INTO import_batches (district_id, file_name, file_sha256, format, imported_by, imported_at,
                                 rows_accepted, organization_id)
     VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING batch_id`,
    [
      districtId,
      request.requestName,
      request.requestSha256,
      API_PAYMENT_FORMAT,
      actorName(context.actor),
      storedTime(context.at),
      context.actor.organizationId,
    ],
  );
  if (batch === undefined) throw new Error("the batch insert returned no id");
  await tx.query(
    `INSERT INTO payments (district_id, batch_id, source_line, contract_id, paid_on, amount_cents, reference)
     VALUES ($1, $2, 1, $3, $4, $5, $6)`,
    [districtId, batch.batch_id, contractId, request.paidOn, request.amountCents, request.reference],
  );
  await chargeUnchargedPayments(tx, districtId, contractId, {
    recordedBy: actorName(context.actor),
    at: context.at,
  });
  const payment: StoredPayment = {
    batchId: batch.batch_id,
    sourceLine: 1,
    paidOn: request.paidOn,
    amountCents: request.amountCents,
    reference: request.reference,
  };
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: "payment.create",
      objectType: "payment",
      objectId: `${batch.batch_id}:1`,
      detail: {
        districtId,
        contractId,
        batchId: batch.batch_id.toString(),
        paidOn: request.paidOn,
        amount: formatCents(request.amountCents),
      },
    },
    context.at,
  );
  return { kind: "recorded", payment };
}
