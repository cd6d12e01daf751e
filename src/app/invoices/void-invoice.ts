/**
 * Use case: the district voids an invoice, with a reason. The invoice stays stored as
 * issued, with who voided it, when and why; its statement may then be invoiced again,
 * under the next number of the sequence. A void invoice is not voided again.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { storedTime } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import { readInvoice, type InvoiceRow } from "./read-invoices.js";

export interface VoidInvoiceRequest {
  readonly districtId: string;
  readonly contractId: string;
  readonly invoiceId: bigint;
  readonly reason: string;
}

export type VoidInvoiceResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "already-void"; readonly invoice: InvoiceRow }
  | { readonly kind: "voided"; readonly invoice: InvoiceRow };

export async function voidInvoice(
  tx: SqlRunner,
  request: VoidInvoiceRequest,
  context: { readonly actor: Actor; readonly at: Date },
): Promise<VoidInvoiceResult> {
  const { districtId, contractId, invoiceId } = request;
  const updated = await tx.query(
    `UPDATE invoices SET voided_at = $4, voided_by = $5, void_reason = $6
      WHERE district_id = $1 AND contract_id = $2 AND invoice_id = $3 AND voided_at IS NULL
      RETURNING invoice_id`,
    [districtId, contractId, invoiceId, storedTime(context.at), actorName(context.actor), request.reason],
  );
  const invoice = await readInvoice(tx, districtId, contractId, invoiceId);
  if (invoice === null) return { kind: "not-found" };
  if (updated.length === 0) return { kind: "already-void", invoice };
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: "invoice.void",
      objectType: "invoice",
      objectId: invoiceId.toString(),
      // The reason is kept on the invoice; free text stays out of the log.
      detail: { districtId, contractId, invoiceNumber: invoice.invoiceNumber },
    },
    context.at,
  );
  return { kind: "voided", invoice };
}
