/**
 * The request for proposals as a Word document (OOXML, via `docx`): the title block,
 * each section as a numbered heading with its paragraphs and a table whose header row
 * repeats on each page, and "Page X of Y" in the footer (fields Word and LibreOffice
 * fill in). US Letter, one-inch-ish margins, the built-in heading styles so that the
 * navigation pane and a table of contents work.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { RfpDocument, RfpTable } from "../../core/rfp/rfp-document.js";
import { figureColumns, rfpDateLine, rfpFooterLabel } from "./rfp-file-text.js";

/** Twentieths of a point: US Letter with 0.75 inch margins. */
const PAGE = { width: 12240, height: 15840, margin: 1080 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = "Calibri";

/** Characters XML 1.0 cannot carry are shown as "?", as the PDF shows what its fonts lack. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "?");
}

function run(text: string, options: { bold?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text: xmlSafe(text), font: FONT, ...options });
}

/** Column widths in twips: each column's longest word at least, the rest by its longest cell. */
function columnWidths(table: RfpTable): number[] {
  const cells = (i: number): string[] => [table.columns[i] ?? "", ...table.rows.map((r) => r[i] ?? "")];
  const word = table.columns.map((_, i) =>
    Math.max(4, ...cells(i).flatMap((c) => c.split(/\s+/).map((w) => w.length))),
  );
  const natural = table.columns.map((_, i) => Math.max(4, ...cells(i).map((c) => c.length)));
  const minimum = word.map((w) => Math.min(w, 24));
  const wants = natural.map((n, i) => Math.max(0, Math.min(n, 400) - (minimum[i] ?? 0)));
  const minSum = minimum.reduce((a, b) => a + b, 0);
  const wantSum = wants.reduce((a, b) => a + b, 0);
  // Characters to twips: the minimums take what they need, the rest is shared by want.
  const perChar = Math.min(110, TEXT_WIDTH / minSum);
  const spare = TEXT_WIDTH - minSum * perChar;
  const widths = minimum.map(
    (m, i) => m * perChar + (wantSum === 0 ? spare / minimum.length : (spare * (wants[i] ?? 0)) / wantSum),
  );
  return widths.map((w) => Math.floor(w));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "BFBFC7" } as const;

function cell(text: string, width: number, header: boolean, right: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E8E8EE" } } : {}),
    children: [
      new Paragraph({
        spacing: { after: 0 },
        alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { bold: header, size: 18 })],
      }),
    ],
  });
}

function table(t: RfpTable): Table {
  const widths = columnWidths(t);
  const right = figureColumns(t);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((c, i) => cell(c, widths[i] ?? 0, true, right[i] === true)),
      }),
      ...t.rows.map(
        (r) => new TableRow({ children: r.map((c, i) => cell(c, widths[i] ?? 0, false, right[i] === true)) }),
      ),
    ],
  });
}

function body(doc: RfpDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ children: [run("REQUEST FOR PROPOSALS", { bold: true, size: 18, color: "595966" })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(doc.title)] }),
    new Paragraph({ children: [run(doc.districtName, { size: 24 })] }),
    new Paragraph({
      spacing: { after: 240 },
      children: [run(rfpDateLine(doc), { size: 18, color: "595966" })],
    }),
  ];
  doc.sections.forEach((section, i) => {
    out.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(`${i + 1}. ${section.heading}`)] }),
    );
    for (const text of section.paragraphs)
      out.push(new Paragraph({ spacing: { after: 120 }, children: [run(text, { size: 20 })] }));
    if (section.table !== undefined) {
      out.push(table(section.table));
      out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
    }
  });
  return out;
}

function footer(doc: RfpDocument): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.LEFT,
        tabStops: [{ type: "right", position: TEXT_WIDTH }],
        children: [
          run(
            rfpFooterLabel(doc, (text) => text.length <= 110),
            { size: 15, color: "595966" },
          ),
          new TextRun({
            font: FONT,
            size: 15,
            color: "595966",
            children: [new Tab(), "Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/** The DOCX bytes of the document. */
export async function rfpDocx(doc: RfpDocument): Promise<Uint8Array> {
  const file = new Document({
    creator: "Accord",
    title: xmlSafe(doc.title),
    subject: xmlSafe(`Request for proposals of ${doc.districtName}`),
    description: xmlSafe(`Request for proposals of ${doc.districtName}`),
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: { default: footer(doc) },
        children: body(doc),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}
