/**
 * Splits an Ed-Fi JSON document into its resources as text arrives, so that a file of
 * any size is read in bounded memory: a JSON array (each element parsed as soon as it
 * ends), NDJSON (one resource per line) or a single resource object. The result is the
 * same as `splitEdfiDocument` on the whole text:
 *
 * - an array's elements are `file:$[i]`; an array that is not valid JSON is `broken`
 *   (the file is unusable as a whole, whatever elements came before the fault);
 * - a document whose first line is a JSON value is NDJSON: lines are `file:N`, a line
 *   that is not JSON is a `bad-json` problem and the others are still read; a document
 *   that is one object on one line is that object, `file`;
 * - otherwise the document is one (pretty-printed) object, `file`, read whole; if it
 *   is not JSON after all, its lines are read as NDJSON. Past 8 MiB it is taken for
 *   NDJSON whose first line is bad, so that memory stays bounded.
 */
import type { JsonProblem } from "../problem.js";

export interface EdfiItem {
  /** `file:line` or `file:$[i]` (or `file` for a single object). */
  readonly where: string;
  readonly value: unknown;
}

export interface EdfiStreamItem extends EdfiItem {
  /** The physical line where the resource starts. */
  readonly line: number;
  /** The JSON path of the resource in its document: `$` or `$[i]`. */
  readonly root: string;
}

export type EdfiSplitEvent =
  | { readonly kind: "item"; readonly item: EdfiStreamItem }
  | { readonly kind: "bad-line"; readonly line: number; readonly text: string; readonly problem: JsonProblem }
  | { readonly kind: "broken"; readonly line: number; readonly problem: JsonProblem };

const DOCUMENT_LIMIT = 8 << 20;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const LF = 10;

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export class EdfiJsonSplitter {
  private mode: "start" | "array" | "lines" | "document" = "start";
  private bomChecked = false;
  private startsWithBrace = false;
  private line = 1;
  // array mode
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element: string[] = [];
  private elementLine = 0;
  private hasElement = false;
  private index = 0;
  private closed = false;
  private broken = false;
  // lines and document modes
  private carry = "";
  private firstDone = false;
  private held: EdfiStreamItem | null = null;
  private document: string[] = [];
  private documentLine = 0;
  private documentChars = 0;

  constructor(
    private readonly file: string,
    private readonly emit: (event: EdfiSplitEvent) => void,
  ) {}

  push(text: string): void {
    if (!this.bomChecked && text.length > 0) {
      this.bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.mode === "start") {
      const at = text.search(/\S/);
      if (at < 0) {
        this.carry += text;
        return;
      }
      const first = text.charCodeAt(at);
      this.startsWithBrace = first === OPEN_BRACE;
      if (first === OPEN_BRACKET) {
        this.mode = "array";
        this.line += countLines(this.carry) + countLines(text.slice(0, at));
        this.carry = "";
        text = text.slice(at);
      } else this.mode = "lines";
    }
    if (this.mode === "array") this.scanArray(text);
    else this.scanLines(text);
  }

  end(): void {
    if (this.mode === "array") {
      if (!this.closed) this.breakArray();
      return;
    }
    if (this.mode === "start") return;
    if (this.carry !== "") this.takeLine(this.carry, this.line++);
    this.carry = "";
    if (this.mode === "document") {
      const whole = parse(this.document.join(""));
      if (whole.ok) this.emit({ kind: "item", item: this.itemOf(whole.value, this.documentLine, false) });
      else this.replayDocument();
    }
    if (this.held !== null) {
      // The document is one object on one line.
      this.emit({ kind: "item", item: { ...this.held, where: this.file } });
      this.held = null;
    }
  }

  private itemOf(value: unknown, line: number, numbered: boolean): EdfiStreamItem {
    return { where: numbered ? `${this.file}:${line}` : this.file, value, line, root: "$" };
  }

  // ---- NDJSON and single objects ----------------------------------------------------

  private scanLines(text: string): void {
    let from = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
      const piece = text.slice(from, nl);
      this.takeLine(this.carry === "" ? piece : this.carry + piece, this.line++);
      this.carry = "";
      from = nl + 1;
    }
    this.carry += text.slice(from);
  }

  private takeLine(raw: string, line: number): void {
    if (this.mode === "document") {
      this.document.push(raw, "\n");
      this.documentChars += raw.length + 1;
      if (this.documentChars > DOCUMENT_LIMIT) this.replayDocument();
      return;
    }
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return;
    const parsed = parse(text);
    if (!this.firstDone) {
      this.firstDone = true;
      if (this.startsWithBrace && !parsed.ok) {
        this.mode = "document";
        this.documentLine = line;
        return this.takeLine(raw, line);
      }
      if (this.startsWithBrace && parsed.ok) {
        this.held = this.itemOf(parsed.value, line, true);
        return;
      }
    }
    if (this.held !== null) {
      this.emit({ kind: "item", item: this.held });
      this.held = null;
    }
    if (parsed.ok) this.emit({ kind: "item", item: this.itemOf(parsed.value, line, true) });
    else {
      const problem = {
        path: `${this.file}:${line}`,
        code: "bad-json",
        message: "the line is not a JSON value",
      };
      this.emit({ kind: "bad-line", line, text, problem });
    }
  }

  /** The document is not one object: its lines are read as NDJSON lines. */
  private replayDocument(): void {
    const lines = this.document.join("").split("\n");
    lines.pop();
    this.document = [];
    this.documentChars = 0;
    this.mode = "lines";
    lines.forEach((raw, i) => this.takeLine(raw, this.documentLine + i));
  }

  // ---- arrays -----------------------------------------------------------------------

  private scanArray(text: string): void {
    if (this.broken) return;
    let from = this.hasElement ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) this.line++;
      if (this.closed) {
        if (!isSpace(c)) return this.breakArray();
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === OPEN_BRACKET) this.depth = 1;
        else if (!isSpace(c)) return this.breakArray();
        continue;
      }
      if (this.depth === 1 && (c === COMMA || c === CLOSE_BRACKET)) {
        if (from >= 0) this.element.push(text.slice(from, i));
        from = -1;
        if (!this.finishElement(c === CLOSE_BRACKET)) return;
        if (c === CLOSE_BRACKET) this.closed = true;
        continue;
      }
      if (from < 0 && !isSpace(c)) {
        from = i;
        this.hasElement = true;
        this.elementLine = this.line;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) this.depth--;
    }
    if (from >= 0) this.element.push(text.slice(from));
  }

  /** Parses the element that just ended; false when the array is broken. */
  private finishElement(closing: boolean): boolean {
    if (!this.hasElement) {
      // `[]` is an empty array; `[,` or `[1,]` is not JSON.
      if (closing && this.index === 0) return true;
      this.breakArray();
      return false;
    }
    const parsed = parse(this.element.join(""));
    this.element = [];
    this.hasElement = false;
    if (!parsed.ok) {
      this.breakArray();
      return false;
    }
    const root = `$[${this.index}]`;
    this.emit({
      kind: "item",
      item: { where: `${this.file}:${root}`, value: parsed.value, line: this.elementLine, root },
    });
    this.index++;
    return true;
  }

  private breakArray(): void {
    if (this.broken) return;
    this.broken = true;
    this.element = [];
    this.emit({
      kind: "broken",
      line: this.line,
      problem: { path: this.file, code: "bad-json", message: "the file is not a valid JSON array" },
    });
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
