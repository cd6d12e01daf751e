/**
 * Invoice files from a statement's figures: the lines are its waterfall and add up to the
 * amount due; the PDF and the CSV read back with the exact amounts, the parties, the
 * numbers and both digests; a long invoice runs over pages, each numbered.
 */
import { describe, expect, it } from "vitest";
import { invoiceDocument, type InvoiceSource } from "../../src/shared/invoice-document.js";
import type { InvoiceFile } from "../../src/adapters/documents/invoice-file.js";
import { invoiceFileName } from "../../src/adapters/documents/invoice-file.js";
import { invoicePdf } from "../../src/adapters/documents/invoice-pdf.js";
import { INVOICE_CSV_COLUMNS, invoiceCsv } from "../../src/adapters/documents/invoice-csv.js";
import { cents, parseCsv, pdfPageTexts } from "./read-back.js";

/** Base 150,000.00; two metrics of 53,000.00 and 33,000.00 capped at 80,000.00; 8,000.00 reduced; 100,000.55 paid. */
const FIGURES = {
  base: "150000.00",
  metrics: [
    { id: "growth", amount: "53000.00", capped: false },
    { id: "proficient", amount: "33000.00", capped: true },
  ],
  outcome: "80000.00",
  reduction: "8000.00",
  subtotal: "222000.00",
  total: "222000.00",
  paid: "100000.55",
  due: "121999.45",
};

function source(overrides: Partial<InvoiceSource> = {}): InvoiceSource {
  return {
    invoiceNumber: "INV-d1-v1-2025-0001",
    issueDate: "2025-07-10",
    dueDate: "2025-08-09",
    netDays: 30,
    district: { id: "d1", name: "Riverside Unified" },
    vendor: { id: "v1", name: "Bright Tutors, Inc." },
    contract: {
      contractId: "c1",
      title: "High-dosage math tutoring",
      termsVersion: 2,
      periodStart: "2024-09-01",
      periodEnd: "2025-06-30",
    },
    statement: {
      statementId: "7",
      kind: "final",
      asOf: "2025-06-30",
      final: true,
      inputDigest: "ab".repeat(32),
    },
    currency: "USD",
    figures: FIGURES,
    metricLabels: new Map([
      ["growth", "Met projected growth"],
      ["proficient", "=Reached level 3"],
    ]),
    ...overrides,
  };
}

function fileOf(src: InvoiceSource, status: "issued" | "void" = "issued"): InvoiceFile {
  return {
    document: invoiceDocument(src),
    contentSha256: "cd".repeat(32),
    issuedAt: "2025-07-10T14:30:00.000Z",
    issuedBy: "admin@d1.test",
    status,
    voidedAt: status === "void" ? "2025-07-11T09:00:00.000Z" : null,
    voidedBy: status === "void" ? "admin@d1.test" : null,
    voidReason: status === "void" ? "Billed the wrong statement" : null,
  };
}

const flat = (pages: string[]) => pages.join("\n").replace(/\s+/g, " ");

describe("invoice document", () => {
  it("bills the statement's due with its waterfall as lines that add up to it", () => {
    const d = invoiceDocument(source());
    expect(d.amountDue).toBe("121999.45");
    expect(d.lines.map((l) => [l.key, l.kind, l.description, l.amount])).toEqual([
      ["base", "line", "Base payment", "150000.00"],
      ["metric:growth", "line", "Outcome: Met projected growth (growth)", "53000.00"],
      ["metric:proficient", "line", "Outcome: =Reached level 3 (proficient) (capped)", "33000.00"],
      ["outcome-cap", "line", "Outcome cap", "-6000.00"],
      ["reduction", "line", "Reduction for vendor obligations", "-8000.00"],
      ["subtotal", "total", "Subtotal", "222000.00"],
      ["total", "total", "Total payable", "222000.00"],
      ["paid", "line", "Less payments received by 2025-06-30", "-100000.55"],
      ["due", "total", "Amount due", "121999.45"],
    ]);
    const items = d.lines.filter((l) => l.kind === "line").map((l) => cents(l.amount));
    expect(items.reduce((a, b) => a + b, 0n)).toBe(12199945n);
  });

  it("calls an interim statement's total what was earned to date", () => {
    const d = invoiceDocument(
      source({ statement: { ...source().statement, kind: "interim", final: false } }),
    );
    expect(d.lines.find((l) => l.key === "total")?.description).toBe("Total earned to date");
  });

  it("refuses figures whose lines do not add up to the statement's own totals", () => {
    expect(() => invoiceDocument(source({ figures: { ...FIGURES, due: "121999.46" } }))).toThrow(/due/);
  });
});

describe("invoice PDF", () => {
  it("reads back with the parties, numbers, dates, exact amounts, digests and page numbers", async () => {
    const pages = await pdfPageTexts(await invoicePdf(fileOf(source())));
    expect(pages).toHaveLength(1);
    const text = flat(pages);
    for (const expected of [
      "Invoice INV-d1-v1-2025-0001",
      "Issue date 2025-07-10",
      "Due date 2025-08-09 (net 30 days)",
      "Amount due USD 121,999.45",
      "Bill to Remit to Riverside Unified Bright Tutors, Inc.",
      "District id d1 Vendor id v1",
      "Contract High-dosage math tutoring (c1), terms version 2",
      "Statement 7, final, as of 2025-06-30",
      "Base payment 150,000.00",
      "Outcome cap -6,000.00",
      "Reduction for vendor obligations -8,000.00",
      "Total payable 222,000.00",
      "Less payments received by 2025-06-30 -100,000.55",
      "Amount due 121,999.45",
      `Statement input ${"ab".repeat(32)}`,
      `Invoice content ${"cd".repeat(32)}`,
      "Page 1 of 1",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("VOID");
  });

  it("says a void invoice is void, when, by whom and why", async () => {
    const text = flat(await pdfPageTexts(await invoicePdf(fileOf(source(), "void"))));
    expect(text).toContain(
      "VOID: this invoice was voided on 2025-07-11 09:00 UTC by admin@d1.test. Reason: Billed the wrong statement. Do not pay it.",
    );
  });

  it("runs a long invoice over numbered pages, repeating the column header", async () => {
    const metrics = Array.from({ length: 80 }, (_, i) => ({
      id: `m${i + 1}`,
      amount: "1000.00",
      capped: false,
    }));
    const figures = {
      base: "0.00",
      metrics,
      outcome: "80000.00",
      reduction: "0.00",
      subtotal: "80000.00",
      total: "80000.00",
      paid: "0.00",
      due: "80000.00",
    };
    const pages = await pdfPageTexts(await invoicePdf(fileOf(source({ figures, metricLabels: new Map() }))));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(pages[1]).toContain("Amount (USD)");
    expect(flat(pages)).toContain("Outcome: m80 1,000.00");
    expect(flat(pages)).toContain("Amount due 80,000.00");
  });
});

describe("invoice CSV", () => {
  it("has one row per line and total with exact decimals and the invoice's identity on each", () => {
    const file = fileOf(source());
    const [header, ...rows] = parseCsv(invoiceCsv(file));
    expect(header).toEqual([...INVOICE_CSV_COLUMNS]);
    const col = (name: (typeof INVOICE_CSV_COLUMNS)[number]) => header!.indexOf(name);
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => [r[col("line_no")], r[col("key")], r[col("kind")], r[col("amount")]])).toEqual(
      file.document.lines.map((l, i) => [String(i + 1), l.key, l.kind, l.amount]),
    );
    expect(rows[0]).toEqual([
      "INV-d1-v1-2025-0001",
      "issued",
      "2025-07-10",
      "2025-08-09",
      "d1",
      "v1",
      "c1",
      "7",
      "2025-06-30",
      "1",
      "line",
      "base",
      "Base payment",
      "150000.00",
      "USD",
      "ab".repeat(32),
      "cd".repeat(32),
    ]);
    // A label a spreadsheet would run as a formula is never first in its cell.
    expect(rows[2]?.[col("description")]).toBe("Outcome: =Reached level 3 (proficient) (capped)");
    expect(rows.at(-1)?.[col("amount")]).toBe("121999.45");
    const lineSum = rows
      .filter((r) => r[col("kind")] === "line")
      .reduce((s, r) => s + cents(r[col("amount")]!), 0n);
    expect(lineSum).toBe(cents("121999.45"));
  });

  it("names files by the invoice number only", () => {
    expect(invoiceFileName(fileOf(source()), "pdf")).toBe("invoice-INV-d1-v1-2025-0001.pdf");
  });
});
