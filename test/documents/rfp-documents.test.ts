/**
 * The request for proposals as PDF and DOCX, read back: the PDF's text through pdfjs, the
 * DOCX by unzipping it and reading its XML parts (each must be well-formed). The figures
 * of the terms (maximum value, base and contingent amounts, metric targets, weights)
 * must appear; a long document runs over numbered pages with its table header repeated.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { parseTerms } from "../../src/core/terms/parse-terms.js";
import { draftRfpDocument, type RfpDocument } from "../../src/core/rfp/rfp-document.js";
import { rfpPdf } from "../../src/adapters/documents/rfp-pdf.js";
import { rfpDocx } from "../../src/adapters/documents/rfp-docx.js";
import { figureColumns } from "../../src/adapters/documents/rfp-file-text.js";
import { HAVE_SHARED_EXAMPLES, SHARED_EXAMPLES } from "../shared-examples.js";
import { pdfPageTexts as pageTexts } from "./read-back.js";

/** Each page's text with runs of white space as one space (pdfjs separates items unevenly). */
async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  return (await pageTexts(bytes)).map((page) => page.replace(/\s+/g, " "));
}

const FIXTURE = join(import.meta.dirname, "../fixtures/rfp/literacy-terms.json");

function draft(source: unknown, title = "Early literacy tutoring, grades K-3"): RfpDocument {
  const parsed = parseTerms(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return draftRfpDocument({
    terms: parsed.terms,
    title,
    districtName: "Lakeview Unified School District",
    issuedOn: "2025-03-03",
    proposalsDueOn: "2025-04-11",
  });
}

const fixtureSource = (): Record<string, unknown> =>
  JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>;

/** The fixture with 40 obligations and 12 metrics: several pages of tables. */
function longSource(): Record<string, unknown> {
  const source = fixtureSource();
  const outcomes = source.outcomes as { metrics: unknown[]; cap?: string };
  delete outcomes.cap;
  outcomes.metrics = Array.from({ length: 12 }, (_, i) => ({
    id: `dosage-${i + 1}`,
    label: `At least ${10 + i} sessions`,
    kind: "dosage",
    minSessions: 10 + i,
    amount: `${i + 1}.25`,
  }));
  source.obligations = Array.from({ length: 40 }, (_, i) => ({
    id: `duty-${i + 1}`,
    party: i % 2 === 0 ? "vendor" : "district",
    description: `Obligation number ${i + 1}: a duty described at some length so that its cell wraps onto a second line in the table of obligations`,
    measure: { kind: "manual" },
    consequence: i % 2 === 0 ? { reduceOutcomePercent: "1" } : "none",
  }));
  return source;
}

interface DocxParts {
  readonly files: string[];
  readonly document: string;
  readonly footers: string[];
  /** The text of each paragraph of the body, table cells included. */
  readonly paragraphs: string[];
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function assertWellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | null = null;
  parser.on("error", (e) => {
    failure ??= new Error(`${name}: ${e.message}`);
  });
  parser.write(xml).close();
  if (failure !== null) throw failure;
}

async function readDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.keys(zip.files).sort();
  for (const name of files.filter((f) => f.endsWith(".xml") || f.endsWith(".rels")))
    assertWellFormed(name, await zip.file(name)!.async("string"));
  const document = await zip.file("word/document.xml")!.async("string");
  const footers = await Promise.all(
    files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")),
  );
  const paragraphs = document
    .split("</w:p>")
    .map((p) => unescapeXml([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")));
  return { files, document, footers, paragraphs };
}

describe("RFP as PDF", () => {
  it("prints the title block, the figures of the terms and numbered pages", async () => {
    const pages = await pdfPageTexts(await rfpPdf(draft(fixtureSource())));
    const text = pages.join("\n");
    expect(pages[0]).toContain("REQUEST FOR PROPOSALS");
    expect(pages[0]).toContain("Early literacy tutoring, grades K-3");
    expect(pages[0]).toContain("Issued March 3, 2025 · Proposals due April 11, 2025");
    for (const figure of [
      "$487,500.00",
      "$195,000.00",
      "$250,000.00",
      "$180,000.00",
      "51.28%",
      "36.92%",
      "At least 450.5",
      "At least 80%",
      "5. Payment structure",
      "9. Evaluation criteria",
    ])
      expect(text).toContain(figure);
    for (const weight of ["30%", "25%", "10%"]) expect(text).toContain(weight);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(text).not.toContain("?");
  });

  it("writes the same bytes for the same document", async () => {
    const doc = draft(fixtureSource());
    expect(Buffer.from(await rfpPdf(doc)).equals(Buffer.from(await rfpPdf(doc)))).toBe(true);
  });

  it("runs a long document over numbered pages, repeating the table header", async () => {
    const pages = await pdfPageTexts(await rfpPdf(draft(longSource())));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    const text = pages.join("\n");
    for (let i = 1; i <= 40; i++) expect(text).toContain(`Obligation number ${i}:`);
    expect(text).toContain("$406.25"); // 1.25 x 325, the first metric at the planned enrollment
    const withHeader = pages.filter((p) => p.includes("Party Obligation Due If not met"));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
  });
});

describe("RFP table layout", () => {
  it("right-aligns the columns of amounts and percents only", () => {
    const doc = draft(fixtureSource());
    const table = (key: string) =>
      doc.sections.find((s) => s.key === key)?.table ?? { columns: [], rows: [] };
    expect(figureColumns(table("payment"))).toEqual([false, false, true, true]);
    expect(figureColumns(table("evaluation"))).toEqual([false, true, false]);
    expect(figureColumns(table("timeline"))).toEqual([false, false]);
  });
});

describe("RFP as DOCX", () => {
  it("is a well-formed Word package with the figures, table header rows and page numbers", async () => {
    const doc = draft(fixtureSource());
    const docx = await readDocx(await rfpDocx(doc));
    expect(docx.files).toEqual(
      expect.arrayContaining(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]),
    );
    const text = docx.paragraphs.join("\n");
    expect(docx.paragraphs).toContain("Early literacy tutoring, grades K-3");
    expect(docx.paragraphs).toContain("5. Payment structure");
    expect(docx.paragraphs).toContain(
      "Base payment: $600.00 for each served student. At the planned 325 students this is $195,000.00, 40% of the maximum contract value.",
    );
    for (const figure of [
      "$487,500.00",
      "$250,000.00",
      "51.28%",
      "At least 450.5",
      "At least 80%",
      "Rate card and price",
    ])
      expect(text).toContain(figure);
    const tables = doc.sections.filter((s) => s.table !== undefined).length;
    expect(docx.document.match(/<w:tbl>/g)?.length).toBe(tables);
    expect(docx.document.match(/<w:tblHeader\/>/g)?.length).toBe(tables);
    expect(docx.footers.length).toBeGreaterThanOrEqual(1);
    const footer = docx.footers.join("");
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(footer).toContain(
      "Request for proposals: Early literacy tutoring, grades K-3 · Lakeview Unified School District</w:t>",
    );
    expect(footer).toMatch(/<w:tab\/><w:t xml:space="preserve">Page <\/w:t>/);
  });

  it("carries every row of a long document and escapes text that XML reserves", async () => {
    const doc = draft(longSource(), 'Tutoring & "coaching" <K-3>');
    const docx = await readDocx(await rfpDocx(doc));
    expect(docx.paragraphs).toContain('Tutoring & "coaching" <K-3>');
    for (let i = 1; i <= 40; i++) expect(docx.paragraphs.join("\n")).toContain(`Obligation number ${i}:`);
    expect(docx.paragraphs).toContain("$406.25");
  });
});

describe.skipIf(!HAVE_SHARED_EXAMPLES)("RFP files of the duval-per-student example", () => {
  it("show the maximum value, the base and the contingent amounts", async () => {
    const source = JSON.parse(
      readFileSync(join(SHARED_EXAMPLES, "duval-per-student/terms.json"), "utf8"),
    ) as unknown;
    const doc = draft(source, "High-dosage math tutoring, grade 8");
    const pdf = (await pdfPageTexts(await rfpPdf(doc))).join("\n");
    const docx = (await readDocx(await rfpDocx(doc))).paragraphs.join("\n");
    for (const figure of [
      "$639,000.00",
      "$301,500.00",
      "47.18%",
      "$337,500.00",
      "52.82%",
      "target: at least 100% of the growth target",
    ]) {
      expect(pdf).toContain(figure);
      expect(docx).toContain(figure);
    }
  });
});
