/**
 * Vendor invoices of a contract: the list (voided ones too), issuing one for an approved
 * statement (an Idempotency-Key per attempt: the server answers the invoice in force when
 * the statement has one), voiding one with a reason, and the addresses of its files.
 */
import type { ApiClient } from "../api-client.js";

const seg = encodeURIComponent;

export interface InvoiceLine {
  readonly key: string;
  readonly kind: "line" | "total";
  readonly description: string;
  readonly amount: string;
}

export interface Invoice {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly districtId: string;
  readonly contractId: string;
  readonly vendorId: string;
  readonly statementId: string;
  readonly status: "issued" | "void";
  readonly issueDate: string;
  readonly dueDate: string;
  readonly netDays: number;
  readonly currency: string;
  readonly amountDue: string;
  readonly lines: readonly InvoiceLine[];
  readonly contentSha256: string;
  readonly issuedAt: string;
  readonly voidedAt: string | null;
  readonly voidReason: string | null;
}

export const DEFAULT_NET_DAYS = 30;
export const MAX_NET_DAYS = 90;

function contractApiPath(districtId: string, contractId: string): string {
  return `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}`;
}

export async function listInvoices(
  api: ApiClient,
  districtId: string,
  contractId: string,
): Promise<readonly Invoice[]> {
  const path = `${contractApiPath(districtId, contractId)}/invoices`;
  return (await api.request<{ items: Invoice[] }>("GET", path)).items;
}

export function issueInvoice(
  api: ApiClient,
  districtId: string,
  contractId: string,
  statementId: string,
  netDays: number,
): Promise<Invoice> {
  const path = `${contractApiPath(districtId, contractId)}/statements/${seg(statementId)}/invoice`;
  const body = new Blob([JSON.stringify({ netDays })]);
  return api.upload(path, body, "application/json", {
    "idempotency-key": `invoice-${statementId}-${crypto.randomUUID()}`,
  });
}

export function voidInvoice(api: ApiClient, invoice: Invoice, reason: string): Promise<Invoice> {
  const path = `${contractApiPath(invoice.districtId, invoice.contractId)}/invoices/${seg(invoice.invoiceId)}/void`;
  return api.request("POST", path, { reason: reason.trim() });
}

export function invoiceFileUrl(invoice: Invoice, format: "pdf" | "csv"): string {
  return `${contractApiPath(invoice.districtId, invoice.contractId)}/invoices/${seg(invoice.invoiceId)}/invoice.${format}`;
}
