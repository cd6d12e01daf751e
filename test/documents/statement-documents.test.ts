/**
 * Statement files from the worked examples' documents and terms: the waterfall adds up
 * to each figure of the statement, each adjustment has its reason, and the PDF and XLSX
 * read back with the statement's exact amounts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import type { Terms } from "../../src/core/terms/types.js";
import type { StatementJson } from "../../src/shared/statement-json.js";
import { explainStatementLines } from "../../src/shared/statement-why.js";
import { statementWaterfall } from "../../src/shared/statement-waterfall.js";
import {
  reviewLines,
  statementFacts,
  type StatementFile,
} from "../../src/adapters/documents/statement-file.js";
import { statementPdf } from "../../src/adapters/documents/statement-pdf.js";
import { statementXlsx } from "../../src/adapters/documents/statement-xlsx.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES, sharedExampleNames } from "../shared-examples.js";
import { cents, pdfPageTexts } from "./read-back.js";

function example(name: string): { document: StatementJson; terms: Terms } {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(SHARED_EXAMPLES, name, file), "utf8"));
  const parsed = parseTerms(read("terms.json"));
  if (!parsed.ok) throw new Error(`${name}: terms do not parse`);
  return { document: read("expected-statement.json") as StatementJson, terms: parsed.terms };
}

function fileOf(name: string): StatementFile {
  const { document, terms } = example(name);
  return {
    statement: {
      statementId: 7n,
      districtId: terms.district.id,
      contractId: document.contractId,
      kind: "final",
      asOf: document.asOf,
      termsVersion: 1,
      issuedAt: "2025-06-01T14:30:00.000Z",
      issuedBy: "analyst@district.test",
      inputDigest: "ab".repeat(32),
      supersedesStatementId: null,
      supersededByStatementId: null,
      status: "approved",
    },
    reviews: [
      {
        action: "approve",
        comment: null,
        organizationId: terms.district.id,
        reviewedBy: "admin@district.test",
        reviewedAt: "2025-06-02T09:00:00.000Z",
      },
    ],
    document,
    terms,
    why: explainStatementLines(document, terms),
  };
}

const reasons = (file: StatementFile, line: string): string =>
  file.why
    .filter((w) => w.line === line)
    .map((w) => w.text)
    .join(" ");

describe.skipIf(!HAVE_SHARED_EXAMPLES)("statement waterfall and reasons", () => {
  it.each(sharedExampleNames())("%s: each sum line is the statement's own figure", (name) => {
    const { document } = example(name);
    const lines = statementWaterfall(document);
    const sum = (key: string) => lines.find((l) => l.key === key && l.kind === "sum")?.cents;
    expect(sum("subtotal")).toBe(cents(document.subtotal));
    expect(sum("total")).toBe(cents(document.total));
    expect(sum("due")).toBe(cents(document.due));
    expect(lines.map((l) => l.key).slice(0, 1 + document.metrics.length)).toEqual([
      "base",
      ...document.metrics.map((m) => `metric:${m.id}`),
    ]);
  });

  it("says why a district breach owes the maximum value", () => {
    const file = fileOf("breach");
    expect(statementWaterfall(file.document).find((l) => l.key === "breach")?.cents).toBe(
      cents(file.document.total) - cents(file.document.subtotal),
    );
    expect(reasons(file, "breach")).toContain('District obligation "enroll" (451) not met');
    expect(reasons(file, "breach")).toContain("1,200,000.00");
  });

  it("says why the subtotal is held at the maximum value", () => {
    const file = fileOf("denver-cap");
    expect(reasons(file, "subtotal-bound")).toBe(
      "Base + outcome - reduction is 1,282,800.00; it is held at the maximum value 1,200,000.00.",
    );
  });

  it("names the vendor obligation behind a reduction, with its percent", () => {
    const file = fileOf("duval-per-student");
    expect(reasons(file, "reduction")).toMatch(
      /^Vendor obligation "same-tutor" \(10%\) not met: .*8,600\.00\.$/,
    );
    expect(reasons(file, "metric:growth")).toContain("106 of 242 met it (43.8017%).");
  });

  it("gives each pool metric its share of the pool", () => {
    const file = fileOf("pool-60-40");
    expect(reasons(file, "metric:growth")).toMatch(/share of the pool/);
  });
});

describe.skipIf(!HAVE_SHARED_EXAMPLES)("statement PDF and XLSX", () => {
  it("prints the header, the exact total, the approvals, numbered pages and every student id", async () => {
    const file = fileOf("duval-per-student");
    const pages = await pdfPageTexts(await statementPdf(file));
    const text = pages.join("\n");
    expect(text).toContain("Statement 7");
    expect(text).toContain("239,540.00");
    expect(text).toContain("ab".repeat(32));
    expect(text).toContain("Approved by admin@district.test");
    expect(text).toContain(file.terms.vendor.name);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    for (const line of file.document.students) expect(text).toContain(line.studentId);
    // The annex's sums are the statement's base and the metrics' per-student totals.
    expect(text).toContain("162,140.00");
  });

  it("names the people who issued and approved it, with their user ids, when their names are known", async () => {
    const plain = fileOf("duval-per-student");
    const file: StatementFile = {
      ...plain,
      statement: { ...plain.statement, issuedBy: "u-17", issuedByName: "District analyst" },
      reviews: plain.reviews.map((r) => ({
        ...r,
        reviewedBy: "u-3",
        reviewedByName: "District administrator",
      })),
    };
    expect(reviewLines(file)[0]).toMatch(/^Approved by District administrator, user u-3 \(/);
    expect(statementFacts(file)).toContainEqual([
      "Issued",
      "2025-06-01 14:30 UTC by District analyst, user u-17",
    ]);
    const text = (await pdfPageTexts(await statementPdf(file))).join("\n");
    expect(text).toContain("Approved by District administrator, user u-3");
    expect(text).toContain("by District analyst, user u-17");
  });

  it("writes the same PDF bytes for the same statement", async () => {
    const file = fileOf("breach");
    expect(Buffer.from(await statementPdf(file)).equals(Buffer.from(await statementPdf(file)))).toBe(true);
  });

  it("writes money cells as the document's decimals, formatted as currency", async () => {
    const file = fileOf("duval-per-student");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await statementXlsx(file)) as unknown as ArrayBuffer);
    const summary = book.getWorksheet("Summary")!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      if (found === undefined) throw new Error(`no ${label} row`);
      return found;
    };
    expect(rowOf("Total").getCell(2).value).toBe(239540);
    expect(rowOf("Total").getCell(2).numFmt).toContain("#,##0.00");
    expect(rowOf("Reduction for vendor obligations").getCell(2).value).toBe(-8600);
    expect(String(rowOf("Reduction for vendor obligations").getCell(3).value)).toContain("same-tutor");
    expect(rowOf("Statement").getCell(2).value).toBe("7");
    const students = book.getWorksheet("Students")!;
    expect(students.rowCount).toBe(file.document.students.length + 1);
    const header = (students.getRow(1).values as unknown[]).slice(1);
    const baseColumn = header.indexOf("Base") + 1;
    const growthColumn = header.indexOf("growth amount") + 1;
    file.document.students.forEach((line, i) => {
      const row = students.getRow(i + 2);
      expect(row.getCell(1).value).toBe(line.studentId);
      expect(row.getCell(baseColumn).value).toBe(Number(line.base));
      const growth = line.metrics["growth"];
      expect(row.getCell(growthColumn).value).toBe(growth === undefined ? null : Number(growth.amount));
    });
    expect(students.getColumn(baseColumn).numFmt).toContain("#,##0.00");
  });
});
