/**
 * The vendor invoice as a PDF a finance office files: the invoice number, issue and due
 * dates and payment terms; bill-to (the district) and remit-to (the vendor); the contract
 * and the statement it bills (id, kind, as-of date); the line items of the statement's
 * payment waterfall with their totals; the amount due; the statement's input digest and
 * the invoice's own content digest (both SHA-256); "Page X of Y" on every page. A void
 * invoice says so at the top, with when, by whom and why.
 *
 * Every amount is the document's own decimal string, grouped for reading. The same
 * invoice gives the same bytes: the PDF's dates are the invoice's issue time.
 */
import { groupedAmount } from "../../shared/format-amount.js";
import { documentCents } from "../../shared/statement-waterfall.js";
import { PdfPages } from "./pdf-pages.js";
import { amountText, utcMinute } from "./statement-file.js";
import type { InvoiceFile } from "./invoice-file.js";

const LABEL_WIDTH = 110;

function facts(p: PdfPages, rows: readonly [string, string][], size = 9): void {
  for (const [label, value] of rows) {
    const lines = p.wrap(value, p.right - p.left - LABEL_WIDTH, { size });
    p.need(lines.length * 12);
    p.text(p.left, label, { bold: true });
    for (const line of lines) {
      p.text(p.left + LABEL_WIDTH, line, { size });
      p.down();
    }
  }
}

function writeHeader(p: PdfPages, file: InvoiceFile): void {
  const d = file.document;
  p.text(p.left, d.statement.kind === "interim" ? "Invoice (interim)" : "Invoice", { size: 18, bold: true });
  p.textRight(p.right, d.invoiceNumber, { size: 12, bold: true });
  p.down(18, 1.4);
  p.text(p.left, d.contract.title, { size: 11 });
  p.textRight(p.right, file.status === "void" ? "VOID" : `Due ${d.dueDate}`, { size: 11, bold: true });
  p.down(11, 2);
  if (file.status === "void") {
    const when = file.voidedAt === null ? "" : ` on ${utcMinute(file.voidedAt)}`;
    p.paragraph(
      p.left,
      `VOID: this invoice was voided${when} by ${file.voidedBy ?? "unknown"}. Reason: ${file.voidReason ?? ""}. Do not pay it.`,
      p.right - p.left,
      { bold: true },
    );
    p.down(4);
  }
  facts(p, [
    ["Invoice number", d.invoiceNumber],
    ["Issue date", d.issueDate],
    ["Due date", `${d.dueDate} (net ${d.netDays} days)`],
    ["Amount due", amountText(documentCents(d.amountDue, "amountDue"), d.currency)],
    ["Issued", `${utcMinute(file.issuedAt)} by ${file.issuedBy}`],
  ]);
}

function writeParties(p: PdfPages, file: InvoiceFile): void {
  const d = file.document;
  p.heading("Parties");
  const middle = p.left + (p.right - p.left) / 2;
  p.need(40);
  p.text(p.left, "Bill to", { bold: true });
  p.text(middle, "Remit to", { bold: true });
  p.down();
  p.text(p.left, d.billTo.name);
  p.text(middle, d.remitTo.name);
  p.down();
  p.text(p.left, `District id ${d.billTo.districtId}`, { muted: true });
  p.text(middle, `Vendor id ${d.remitTo.vendorId}`, { muted: true });
  p.down();
}

function writeReference(p: PdfPages, file: InvoiceFile): void {
  const d = file.document;
  p.heading("Billed under");
  facts(p, [
    ["Contract", `${d.contract.title} (${d.contract.contractId}), terms version ${d.contract.termsVersion}`],
    ["Service period", `${d.contract.periodStart} to ${d.contract.periodEnd}`],
    [
      "Statement",
      `${d.statement.statementId}, ${d.statement.kind}${d.statement.final ? "" : " (provisional figures)"}, as of ${d.statement.asOf}`,
    ],
  ]);
  if (d.statement.kind === "interim")
    p.paragraph(
      p.left,
      "An interim invoice bills what was earned by the statement's as-of date less what was paid by then; the final statement settles the contract.",
      p.right - p.left,
      { size: 7.5, muted: true },
    );
}

function writeLines(p: PdfPages, file: InvoiceFile): void {
  const d = file.document;
  p.heading(`Line items (${d.currency})`);
  const header = (): void => {
    p.text(p.left, "Description", { bold: true });
    p.textRight(p.right, `Amount (${d.currency})`, { bold: true });
    p.down();
  };
  header();
  p.repeatOnNewPage(header);
  for (const line of d.lines) {
    const total = line.kind === "total";
    const last = line.key === "due";
    const size = last ? 11 : 9;
    const wrapped = p.wrap(line.description, p.right - p.left - 140, { size, bold: total });
    p.need(wrapped.length * size * 1.35 + 8);
    if (total) p.rule(size + 2);
    wrapped.forEach((text, i) => {
      p.text(p.left, text, { size, bold: total });
      if (i === 0)
        p.textRight(p.right, groupedAmount(documentCents(line.amount, line.key)), { size, bold: total });
      p.down(size);
    });
  }
  p.repeatOnNewPage(null);
}

function writeDigests(p: PdfPages, file: InvoiceFile): void {
  const d = file.document;
  p.heading("Digests (SHA-256)");
  facts(
    p,
    [
      ["Statement input", d.statement.inputDigest],
      ["Invoice content", file.contentSha256],
    ],
    7.5,
  );
  p.paragraph(
    p.left,
    "The statement input digest names the terms and data files the statement was computed from. The invoice content digest is taken over the invoice's canonical accord-invoice/1 JSON (keys sorted, no spaces): the same digest means the same invoice.",
    p.right - p.left,
    { size: 7.5, muted: true },
  );
}

/** The PDF bytes of the invoice. */
export async function invoicePdf(file: InvoiceFile): Promise<Uint8Array> {
  const p = await PdfPages.create();
  const d = file.document;
  const issued = new Date(file.issuedAt);
  p.pdf.setTitle(`Invoice ${d.invoiceNumber}`);
  p.pdf.setSubject(
    `Statement ${d.statement.statementId} of contract ${d.contract.contractId}, as of ${d.statement.asOf}`,
  );
  p.pdf.setAuthor(d.remitTo.name);
  p.pdf.setCreator("Accord");
  p.pdf.setProducer("Accord");
  if (!Number.isNaN(issued.getTime())) {
    p.pdf.setCreationDate(issued);
    p.pdf.setModificationDate(issued);
  }
  writeHeader(p, file);
  writeParties(p, file);
  writeReference(p, file);
  writeLines(p, file);
  writeDigests(p, file);
  p.footers(
    `Invoice ${d.invoiceNumber} · statement ${d.statement.statementId} · contract ${d.contract.contractId}`,
  );
  return p.pdf.save();
}
