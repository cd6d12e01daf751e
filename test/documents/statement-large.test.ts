/**
 * Exports of a statement too long for one page: the PDF's annex holds every student over
 * numbered pages and the XLSX every line. (How long 50,000 students took is recorded in
 * bench/RESULTS.md; no time is asserted here.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import { explainStatementLines } from "../../src/shared/statement-why.js";
import type { StatementFile } from "../../src/adapters/documents/statement-file.js";
import { statementPdf } from "../../src/adapters/documents/statement-pdf.js";
import { statementXlsx } from "../../src/adapters/documents/statement-xlsx.js";
import { largeStatementDocument } from "../browser/statement-fixture.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES } from "../shared-examples.js";
import { pdfPageTexts } from "./read-back.js";

const STUDENTS = 3_000;

describe.skipIf(!HAVE_SHARED_EXAMPLES)("a 3,000-student statement as files", () => {
  const source = readFileSync(join(SHARED_EXAMPLES, "pool-60-40", "terms.json"), "utf8");
  const parsed = parseTerms(JSON.parse(source) as unknown);
  if (!parsed.ok) throw new Error("the example terms do not parse");
  const document = largeStatementDocument(source, parsed.terms.contractId, STUDENTS);
  const file: StatementFile = {
    statement: {
      statementId: 12n,
      districtId: parsed.terms.district.id,
      contractId: parsed.terms.contractId,
      kind: "interim",
      asOf: document.asOf,
      termsVersion: 1,
      issuedAt: "2025-06-01T12:00:00Z",
      issuedBy: "fixture",
      inputDigest: "0".repeat(64),
      supersedesStatementId: null,
      supersededByStatementId: null,
      status: "issued",
    },
    reviews: [],
    document,
    terms: parsed.terms,
    why: explainStatementLines(document, parsed.terms),
  };

  it("writes a PDF whose numbered pages hold every student", async () => {
    const pages = await pdfPageTexts(await statementPdf(file));
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    const text = pages.join("\n");
    for (let n = 1; n <= STUDENTS; n += 1) {
      const id = `B${String(n).padStart(6, "0")}`;
      if (!text.includes(id)) throw new Error(`student ${id} is missing from the PDF's annex`);
    }
  }, 120_000);

  it("writes an XLSX with a row for every student", async () => {
    const bytes = await statementXlsx(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(book.getWorksheet("Students")!.rowCount).toBe(STUDENTS + 1);
  }, 120_000);
});
