/**
 * What an invoice file (PDF, CSV) is made from: the accord-invoice/1 document as issued,
 * its SHA-256 and what happened to it since (a void). By shape, so that the adapters need
 * nothing of the use cases.
 */
import type { InvoiceDocument } from "../../shared/invoice-document.js";

export interface InvoiceFile {
  readonly document: InvoiceDocument;
  /** SHA-256 of the document's canonical text. */
  readonly contentSha256: string;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly status: "issued" | "void";
  readonly voidedAt: string | null;
  readonly voidedBy: string | null;
  readonly voidReason: string | null;
}

/** `invoice-INV-d1-v1-2025-0001` (+ extension), in characters safe in any file system. */
export function invoiceFileName(file: InvoiceFile, extension: string): string {
  return `invoice-${file.document.invoiceNumber.replace(/[^A-Za-z0-9._-]/g, "_")}.${extension}`;
}
