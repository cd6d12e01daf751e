/**
 * The vendor invoice as CSV: one row per line item and per total of the statement's
 * waterfall (the last row is the amount due), each with the invoice's number, dates,
 * parties and digests, so that a row read alone still says whose invoice it is. Amounts
 * are the document's exact decimal strings. Descriptions begin with a word of ours
 * ("Base payment", "Outcome: ..."), never with a character a spreadsheet runs as a formula.
 */
import { csvCell } from "../../shared/statement-csv.js";
import type { InvoiceFile } from "./invoice-file.js";

export const INVOICE_CSV_COLUMNS = [
  "invoice_number",
  "status",
  "issue_date",
  "due_date",
  "district_id",
  "vendor_id",
  "contract_id",
  "statement_id",
  "statement_as_of",
  "line_no",
  "kind",
  "key",
  "description",
  "amount",
  "currency",
  "statement_input_sha256",
  "invoice_content_sha256",
] as const;

export function invoiceCsv(file: InvoiceFile): string {
  const d = file.document;
  const rows = [INVOICE_CSV_COLUMNS.join(",")];
  d.lines.forEach((line, i) => {
    const cells = [
      d.invoiceNumber,
      file.status,
      d.issueDate,
      d.dueDate,
      d.billTo.districtId,
      d.remitTo.vendorId,
      d.contract.contractId,
      d.statement.statementId,
      d.statement.asOf,
      String(i + 1),
      line.kind,
      line.key,
      line.description,
      line.amount,
      d.currency,
      d.statement.inputDigest,
      file.contentSha256,
    ];
    rows.push(cells.map(csvCell).join(","));
  });
  return `${rows.join("\n")}\n`;
}
