/**
 * The request for proposals as a PDF: a title block (the district, the title, the issue
 * and due dates), then each section numbered with its paragraphs and table, and the
 * evaluation criteria as the document states them. Pages are numbered "Page X of Y".
 * The same document gives the same bytes (no dates are written into the file).
 */
import type { RfpDocument } from "../../core/rfp/rfp-document.js";
import { PdfPages } from "./pdf-pages.js";
import { writeTable } from "./rfp-pdf-table.js";
import { rfpDateLine, rfpFooterLabel } from "./rfp-file-text.js";

const BODY = { size: 9.5 } as const;
const LEADING = 1.4;

function writeTitleBlock(p: PdfPages, doc: RfpDocument): void {
  p.text(p.left, "REQUEST FOR PROPOSALS", { size: 9, bold: true, muted: true });
  p.down(9, 2.8);
  for (const line of p.wrap(doc.title, p.right - p.left, { size: 18, bold: true })) {
    p.need(24);
    p.text(p.left, line, { size: 18, bold: true });
    p.down(18, 1.3);
  }
  p.text(p.left, doc.districtName, { size: 11 });
  p.down(11, 1.6);
  p.text(p.left, rfpDateLine(doc), { size: 9, muted: true });
  p.down(9, 1.2);
  p.rule(2);
  p.down(9, 1);
}

/** A paragraph that may run onto the next page; short ones are kept together. */
function writeParagraph(p: PdfPages, text: string): void {
  const lines = p.wrap(text, p.right - p.left, BODY);
  const lineHeight = BODY.size * LEADING;
  if (lines.length <= 6) p.need(lines.length * lineHeight);
  for (const line of lines) {
    p.need(lineHeight);
    p.text(p.left, line, BODY);
    p.down(BODY.size, LEADING);
  }
  p.y -= 4;
}

/** The PDF bytes of the document. */
export async function rfpPdf(doc: RfpDocument): Promise<Uint8Array> {
  const p = await PdfPages.create();
  p.pdf.setTitle(doc.title);
  p.pdf.setSubject(`Request for proposals of ${doc.districtName}`);
  p.pdf.setAuthor(doc.districtName);
  p.pdf.setCreator("Accord");
  p.pdf.setProducer("Accord");
  writeTitleBlock(p, doc);
  doc.sections.forEach((section, i) => {
    p.heading(`${i + 1}. ${section.heading}`, 12);
    for (const paragraph of section.paragraphs) writeParagraph(p, paragraph);
    if (section.table !== undefined) writeTable(p, section.table);
  });
  const number = "Page 999 of 999";
  const room = p.right - p.left - p.width(number, { size: 7.5 }) - 24;
  p.footers(rfpFooterLabel(doc, (text) => p.width(text, { size: 7.5 }) <= room));
  return p.pdf.save();
}
