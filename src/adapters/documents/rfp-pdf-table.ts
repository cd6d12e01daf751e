/**
 * Tables of wrapped text cells on `PdfPages`: column widths from the cells' natural
 * widths (never narrower than a column's longest word, within reason), a bold header
 * row repeated at the top of each page the table runs onto, hairlines between rows. A
 * row that fits on a page is kept on one page; a taller one continues line by line.
 */
import type { RfpTable } from "../../core/rfp/rfp-document.js";
import type { PdfPages, TextStyle } from "./pdf-pages.js";
import { figureColumns } from "./rfp-file-text.js";

const SIZE = 8.5;
const GAP = 8;
const LINE = SIZE * 1.3;
const CELL: TextStyle = { size: SIZE };
const HEAD: TextStyle = { size: SIZE, bold: true };

function longestWord(p: PdfPages, text: string, style: TextStyle): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => p.width(w, style)));
}

/** Each column's width: its longest word, plus a share of the rest in proportion to its natural width. */
export function columnWidths(p: PdfPages, table: RfpTable, total: number): number[] {
  const n = table.columns.length;
  const cap = total / n;
  const minimum = table.columns.map((c, i) =>
    Math.min(
      cap,
      Math.max(longestWord(p, c, HEAD), ...table.rows.map((r) => longestWord(p, r[i] ?? "", CELL))) + GAP,
    ),
  );
  const natural = table.columns.map(
    (c, i) => Math.max(p.width(c, HEAD), ...table.rows.map((r) => p.width(r[i] ?? "", CELL))) + GAP,
  );
  const spare = total - minimum.reduce((a, b) => a + b, 0);
  const wants = natural.map((w, i) => Math.max(0, w - (minimum[i] ?? 0)));
  const wanted = wants.reduce((a, b) => a + b, 0);
  if (wanted <= 0) return minimum.map((w) => w + spare / n);
  return minimum.map((w, i) => w + (spare * (wants[i] ?? 0)) / wanted);
}

interface Layout {
  readonly xs: readonly number[];
  readonly widths: readonly number[];
  /** Right-aligned columns. */
  readonly right: readonly boolean[];
}

function lineCount(cells: readonly string[][]): number {
  return Math.max(1, ...cells.map((c) => c.length));
}

function writeRow(p: PdfPages, layout: Layout, cells: readonly string[][], style: TextStyle): void {
  const lines = lineCount(cells);
  if (lines * LINE + 4 < 600) p.need(lines * LINE + 4);
  for (let k = 0; k < lines; k++) {
    p.need(LINE);
    cells.forEach((cell, i) => {
      const text = cell[k];
      if (text === undefined) return;
      const x = layout.xs[i] ?? p.left;
      // The gap is at a column's right; the last column's right is the margin.
      const gap = i === cells.length - 1 ? 0 : GAP;
      if (layout.right[i] === true) p.textRight(x + (layout.widths[i] ?? 0) - gap, text, style);
      else p.text(x, text, style);
    });
    p.down(SIZE, 1.3);
  }
  p.y -= 4;
  p.rule(LINE + 1);
}

/** Writes `table` across the full width from the current line. */
export function writeTable(p: PdfPages, table: RfpTable): void {
  const widths = columnWidths(p, table, p.right - p.left);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), p.left);
  const wrapRow = (row: readonly string[], style: TextStyle): string[][] =>
    row.map((text, i) => p.wrap(text, (widths[i] ?? 0) - GAP, style));
  const header = wrapRow(table.columns, HEAD);
  const layout: Layout = { xs, widths, right: figureColumns(table) };
  const writeHeader = (pages: PdfPages): void => writeRow(pages, layout, header, HEAD);
  // The header and at least two lines of the first row on one page.
  p.need((lineCount(header) + 2) * LINE + 8);
  p.y -= 4;
  writeHeader(p);
  p.repeatOnNewPage(writeHeader);
  for (const row of table.rows) writeRow(p, layout, wrapRow(row, CELL), CELL);
  p.repeatOnNewPage(null);
  p.y -= 6;
}
