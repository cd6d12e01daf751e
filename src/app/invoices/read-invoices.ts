/**
 * Invoices as an organization sees them (row-level security: the parties to the
 * contract): a contract's list, newest first, and one invoice with its document as issued.
 */
import type { SqlRunner } from "../ports/db.js";
import type { InvoiceDocument } from "../../shared/invoice-document.js";

export interface InvoiceRow {
  readonly invoiceId: bigint;
  readonly districtId: string;
  readonly contractId: string;
  readonly vendorId: string;
  readonly statementId: bigint;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly amountCents: bigint;
  readonly currency: string;
  readonly contentSha256: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly status: "issued" | "void";
  readonly voidedAt: string | null;
  readonly voidedBy: string | null;
  readonly voidReason: string | null;
  /** The accord-invoice/1 document as issued (its canonical text parsed). */
  readonly document: InvoiceDocument;
}

type Raw = {
  invoice_id: bigint;
  district_id: string;
  contract_id: string;
  vendor_id: string;
  statement_id: bigint;
  invoice_number: string;
  issue_date: string;
  due_date: string;
  amount_cents: bigint;
  currency: string;
  content_sha256: string;
  issued_by: string;
  issued_at: string;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  document_source: string;
};

const SELECT = `
  SELECT invoice_id, district_id, contract_id, vendor_id, statement_id, invoice_number, issue_date, due_date,
         amount_cents, currency, content_sha256, issued_by, issued_at, voided_at, voided_by, void_reason,
         document_source
    FROM invoices`;

function invoiceRow(row: Raw): InvoiceRow {
  return {
    invoiceId: row.invoice_id,
    districtId: row.district_id,
    contractId: row.contract_id,
    vendorId: row.vendor_id,
    statementId: row.statement_id,
    invoiceNumber: row.invoice_number,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    amountCents: row.amount_cents,
    currency: row.currency,
    contentSha256: row.content_sha256,
    issuedBy: row.issued_by,
    issuedAt: row.issued_at,
    status: row.voided_at === null ? "issued" : "void",
    voidedAt: row.voided_at,
    voidedBy: row.voided_by,
    voidReason: row.void_reason,
    document: JSON.parse(row.document_source) as InvoiceDocument,
  };
}

/** The contract's invoices, newest first (voided ones too). */
export async function listInvoices(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<InvoiceRow[]> {
  const rows = await tx.query<Raw>(
    `${SELECT} WHERE district_id = $1 AND contract_id = $2 ORDER BY invoice_id DESC`,
    [districtId, contractId],
  );
  return rows.map(invoiceRow);
}

/** One invoice of the contract, or null when the organization does not see it. */
export async function readInvoice(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
  invoiceId: bigint,
): Promise<InvoiceRow | null> {
  const [row] = await tx.query<Raw>(
    `${SELECT} WHERE district_id = $1 AND contract_id = $2 AND invoice_id = $3`,
    [districtId, contractId, invoiceId],
  );
  return row === undefined ? null : invoiceRow(row);
}

/** The invoice in force (not void) of a statement, if any. */
export async function invoiceOfStatement(
  tx: SqlRunner,
  districtId: string,
  statementId: bigint,
): Promise<InvoiceRow | null> {
  const [row] = await tx.query<Raw>(
    `${SELECT} WHERE district_id = $1 AND statement_id = $2 AND voided_at IS NULL`,
    [districtId, statementId],
  );
  return row === undefined ? null : invoiceRow(row);
}
