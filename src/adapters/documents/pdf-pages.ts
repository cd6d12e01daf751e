/**
 * A top-to-bottom writer of US Letter pages with pdf-lib's standard Helvetica fonts: text
 * runs, right-aligned amounts, wrapped paragraphs, rules, and a new page when the next
 * block does not fit. Standard fonts encode WinAnsi only: a character outside it is shown
 * as "?" rather than failing the whole document.
 */
import {
  PDFDocument,
  StandardFonts,
  beginText,
  endText,
  rgb,
  setFillingRgbColor,
  setFontAndSize,
  moveText,
  showText,
  type PDFFont,
  type PDFName,
  type PDFPage,
} from "pdf-lib";

export const PAGE = { width: 612, height: 792, margin: 48 } as const;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);
const RULE = rgb(0.75, 0.75, 0.78);

export interface TextStyle {
  readonly size?: number;
  readonly bold?: boolean;
  readonly muted?: boolean;
}

/** Replaces characters the WinAnsi standard fonts cannot encode. */
export function winAnsi(text: string): string {
  return text.replace(
    /[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g,
    "?",
  );
}

/** A position in whole hundredths of a point (finer than a page shows). */
function hundredths(value: number): number {
  return Math.trunc(value * 100);
}

export class PdfPages {
  readonly left = PAGE.margin;
  readonly right = PAGE.width - PAGE.margin;
  private page!: PDFPage;
  /** The current page's resource names of the fonts, for rows written as raw text operators. */
  private fontKeys = new Map<PDFFont, PDFName>();
  /** The baseline of the next line. */
  y = 0;

  private constructor(
    readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    /** Drawn at the top of every page after the first (a table's header, say). */
    private onNewPage: (pages: PdfPages) => void = () => {},
  ) {
    this.newPage();
  }

  static async create(): Promise<PdfPages> {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    return new PdfPages(pdf, regular, bold);
  }

  font(style: TextStyle): PDFFont {
    return style.bold === true ? this.bold : this.regular;
  }

  width(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(winAnsi(text), style.size ?? 9);
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.fontKeys = new Map();
    this.y = PAGE.height - PAGE.margin;
    this.onNewPage(this);
  }

  /** Sets what each following new page starts with (null: nothing). */
  repeatOnNewPage(draw: ((pages: PdfPages) => void) | null): void {
    this.onNewPage = draw ?? (() => {});
  }

  /** Starts a new page unless `height` points still fit above the bottom margin (and the footer). */
  need(height: number): void {
    if (this.y - height < PAGE.margin + 14) this.newPage();
  }

  text(x: number, text: string, style: TextStyle = {}): void {
    this.page.drawText(winAnsi(text), {
      x,
      y: this.y,
      size: style.size ?? 9,
      font: this.font(style),
      color: style.muted === true ? MUTED : INK,
    });
  }

  /** Text whose right edge is at `right`. */
  textRight(right: number, text: string, style: TextStyle = {}): void {
    this.text(right - this.width(text, style), text, style);
  }

  /**
   * One line of cells in one text object: a cell starts at `x`, or ends at `x` when
   * `right`. The same as a `text` call per cell, in a fraction of the operators, for
   * tables of many thousands of rows.
   */
  row(cells: readonly { x: number; text: string; right?: boolean }[], style: TextStyle = {}): void {
    const font = this.font(style);
    const size = style.size ?? 9;
    let key = this.fontKeys.get(font);
    if (key === undefined) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.fontKeys.set(font, key);
    }
    const color = style.muted === true ? MUTED : INK;
    const operators = [
      beginText(),
      setFontAndSize(key, size),
      setFillingRgbColor(color.red, color.green, color.blue),
    ];
    // Each cell moves from the previous cell's start (Td): two short numbers a cell, in
    // whole hundredths of a point so that the moves add up to the positions exactly.
    let previousX = 0;
    let previousY = 0;
    for (const cell of cells) {
      const text = winAnsi(cell.text);
      const x = hundredths(cell.right === true ? cell.x - font.widthOfTextAtSize(text, size) : cell.x);
      const y = hundredths(this.y);
      operators.push(moveText((x - previousX) / 100, (y - previousY) / 100), showText(font.encodeText(text)));
      previousX = x;
      previousY = y;
    }
    operators.push(endText());
    this.page.pushOperators(...operators);
  }

  /** Moves down one line of `size` points. */
  down(size = 9, leading = 1.35): void {
    this.y -= size * leading;
  }

  /** `text` broken into lines no wider than `width` (words longer than a line are cut). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter((w) => w !== "")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (this.width(candidate, style) <= width || line === "") line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line !== "") lines.push(line);
    return lines;
  }

  /** A wrapped paragraph at `x`, kept on one page. */
  paragraph(x: number, text: string, width: number, style: TextStyle = {}): void {
    const size = style.size ?? 9;
    const lines = this.wrap(text, width, style);
    this.need(lines.length * size * 1.35);
    for (const line of lines) {
      this.text(x, line, style);
      this.down(size);
    }
  }

  heading(text: string, size = 12): void {
    this.need(size * 4);
    this.y -= size * 0.8;
    this.text(this.left, text, { size, bold: true });
    this.down(size, 1.6);
  }

  /** A hairline `above` points over the current baseline (6: under the line just written). */
  rule(above = 6): void {
    this.page.drawLine({
      start: { x: this.left, y: this.y + above },
      end: { x: this.right, y: this.y + above },
      thickness: 0.5,
      color: RULE,
    });
  }

  /** "Page X of Y" and a line naming the statement at the foot of every page. */
  footers(label: string): void {
    const pages = this.pdf.getPages();
    pages.forEach((page, i) => {
      const number = `Page ${i + 1} of ${pages.length}`;
      const style = { size: 7.5, font: this.regular, color: MUTED, y: PAGE.margin - 20 };
      page.drawText(winAnsi(label), { ...style, x: this.left });
      page.drawText(number, { ...style, x: this.right - this.regular.widthOfTextAtSize(number, 7.5) });
    });
  }
}
