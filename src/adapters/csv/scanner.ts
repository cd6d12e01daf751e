/**
 * A streaming RFC 4180 record scanner, written for speed: the district files it reads
 * run to millions of rows (see bench/RESULTS.md for why no library is used here).
 *
 * Text is pushed in decoded chunks; complete records go to `sink.row` with a reused
 * field array, so no per-row array is allocated. A malformed record (stray quote,
 * unterminated quote, a record over `maxRecordChars`, text that was not valid UTF-8)
 * goes to `sink.bad` with its line and column and is skipped: every record reaches the
 * sink exactly once, as a row or as a problem. Entirely empty lines carry no data and
 * are skipped. Line numbers are physical lines (a quoted field may span several).
 */
export interface CsvSink {
  /**
   * `fields[0..count)` hold the record; the array is reused after the call returns. A
   * record on one line without quotes also comes as `text.slice(start, end)`: its cells
   * joined by commas as written (the line end's carriage return left out).
   */
  row(fields: string[], count: number, line: number, text?: string, start?: number, end?: number): void;
  bad(
    line: number,
    column: number,
    code: "bad-quote" | "unterminated-quote" | "row-too-long" | "bad-encoding",
    message: string,
  ): void;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const REPLACEMENT = "\uFFFD";

export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

export class CsvScanner {
  private pending = "";
  private line = 1;
  private first = true;
  /** While skipping an over-long record: inside quotes or not. */
  private skipping = false;
  private skipInQuotes = false;
  private readonly fields: string[] = [];
  /** Whether the text being scanned may hold U+FFFD from invalid UTF-8. */
  private checkEncoding = true;
  private pendingMayHoldInvalid = false;

  constructor(
    private readonly sink: CsvSink,
    private readonly maxRecordChars: number = DEFAULT_MAX_RECORD_CHARS,
  ) {}

  /**
   * Scans the next piece of text. `mayHoldInvalid` says whether the text may hold
   * U+FFFD from decoding invalid UTF-8 (the reader knows; text pushed directly is
   * checked): records that hold it are rejected as `bad-encoding`.
   */
  push(chunk: string, mayHoldInvalid = true): void {
    if (chunk.length === 0) return;
    if (this.first) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.skipping) {
      const resume = this.skipRecord(chunk, 0);
      if (resume < 0) return;
      chunk = chunk.slice(resume);
    }
    if (this.pending.length > 0) {
      // Finish the record cut by the chunk boundary on its own, so that the chunk is
      // scanned as it came (a flat string) rather than copied into pending + chunk.
      const nl = chunk.indexOf("\n");
      if (nl >= 0 && !this.pending.includes('"') && !chunk.slice(0, nl).includes('"')) {
        const head = this.pending + chunk.slice(0, nl + 1);
        this.checkEncoding = mayHoldInvalid || this.pendingMayHoldInvalid;
        this.pending = "";
        this.scan(head, false);
        chunk = chunk.slice(nl + 1);
        if (chunk.length === 0) return;
      }
    }
    const text = this.pending.length === 0 ? chunk : this.pending + chunk;
    this.checkEncoding = mayHoldInvalid || (this.pending.length > 0 && this.pendingMayHoldInvalid);
    const consumed = this.scan(text, false);
    this.pending = consumed === text.length ? "" : text.slice(consumed);
    this.pendingMayHoldInvalid = this.checkEncoding;
    if (this.pending.length > this.maxRecordChars) {
      this.tooLong(this.line);
      const rest = this.pending;
      this.pending = "";
      this.skipping = true;
      this.skipInQuotes = false;
      const resume = this.skipRecord(rest, 0);
      if (resume >= 0) this.push(rest.slice(resume));
    }
  }

  end(): void {
    if (this.skipping) {
      this.skipping = false;
      this.pending = "";
      return;
    }
    if (this.pending.length > 0) {
      const text = this.pending;
      this.pending = "";
      this.checkEncoding = this.pendingMayHoldInvalid;
      this.scan(text, true);
    }
  }

  private tooLong(line: number): void {
    this.sink.bad(line, 0, "row-too-long", `the record is longer than ${this.maxRecordChars} characters`);
  }

  /** Skips the rest of an over-long record; returns the index after its line end, or -1. */
  private skipRecord(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) this.skipInQuotes = !this.skipInQuotes;
      else if (c === LF) {
        this.line++;
        if (!this.skipInQuotes) {
          this.skipping = false;
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** Scans complete records from `text`; returns how many characters were consumed. */
  private scan(text: string, final: boolean): number {
    const length = text.length;
    let pos = 0;
    let nextQuote = find(text, '"', 0);
    let nextBad = this.checkEncoding ? find(text, REPLACEMENT, 0) : -1;
    while (pos < length) {
      let lineEnd = text.indexOf("\n", pos);
      if (lineEnd < 0) {
        if (!final) return pos;
        lineEnd = length;
      }
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = find(text, '"', pos);
      if (nextBad >= 0 && nextBad < pos) nextBad = find(text, REPLACEMENT, pos);
      if ((nextQuote < 0 || nextQuote > lineEnd) && (nextBad < 0 || nextBad > lineEnd)) {
        if (lineEnd - pos > this.maxRecordChars) this.tooLong(this.line);
        else this.simpleRecord(text, pos, lineEnd);
        this.line++;
        pos = lineEnd + 1;
        continue;
      }
      const next = this.quotedRecord(text, pos, final);
      if (next < 0) return pos;
      pos = next;
    }
    return length;
  }

  /** A record without quotes on one line: split at commas. */
  private simpleRecord(text: string, start: number, lineEnd: number): void {
    let end = lineEnd;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (end === start) return;
    const fields = this.fields;
    let count = 0;
    let fieldStart = start;
    for (;;) {
      const comma = text.indexOf(",", fieldStart);
      if (comma < 0 || comma >= end) {
        fields[count++] = text.slice(fieldStart, end);
        break;
      }
      fields[count++] = text.slice(fieldStart, comma);
      fieldStart = comma + 1;
    }
    this.sink.row(fields, count, this.line, text, start, end);
  }

  /**
   * A record that holds a quote or a replacement character: parsed character by
   * character. Returns the index after the record, or -1 when more text is needed.
   */
  private quotedRecord(text: string, start: number, final: boolean): number {
    const fields = this.fields;
    const startLine = this.line;
    const length = text.length;
    let lines = 0;
    let count = 0;
    let i = start;
    let problem: {
      column: number;
      code: "bad-quote" | "unterminated-quote" | "bad-encoding";
      message: string;
    } | null = null;
    for (;;) {
      const column = count + 1;
      let value: string;
      if (i < length && text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let parts = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            if (!final) return -1;
            lines += countNewlines(text, j, length);
            problem ??= {
              column,
              code: "unterminated-quote",
              message: "a quoted field is not closed before the end of the file",
            };
            this.line = startLine + lines;
            this.sink.bad(startLine, problem.column, problem.code, problem.message);
            return length;
          }
          if (q + 1 >= length && !final) return -1;
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          parts += text.slice(j, q);
          lines += countNewlines(text, i, q);
          i = q + 1;
          break;
        }
        value = parts;
        const c = i < length ? text.charCodeAt(i) : LF;
        if (
          c !== COMMA &&
          c !== LF &&
          !(c === CR && (i + 1 >= length ? final : text.charCodeAt(i + 1) === LF))
        ) {
          if (i + 1 >= length && !final) return -1;
          problem ??= { column, code: "bad-quote", message: "characters after the closing quote of a field" };
          // Skip to the end of the field; the record is reported, not guessed at.
          while (i < length && text.charCodeAt(i) !== COMMA && text.charCodeAt(i) !== LF) i++;
          if (i >= length && !final) return -1;
        }
      } else {
        let j = i;
        while (j < length) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF) break;
          if (c === QUOTE)
            problem ??= {
              column,
              code: "bad-quote",
              message: 'a quote (") inside a field that does not start with one',
            };
          j++;
        }
        if (j >= length && !final) return -1;
        let end = j;
        if (end > i && text.charCodeAt(end - 1) === CR && (j >= length || text.charCodeAt(j) === LF)) end--;
        value = text.slice(i, end);
        i = j;
      }
      if (this.checkEncoding && value.includes(REPLACEMENT)) {
        problem ??= {
          column,
          code: "bad-encoding",
          message: "the text is not valid UTF-8 (or holds U+FFFD)",
        };
      }
      fields[count++] = value;
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= length && !final) return -1;
        if (i >= length) {
          fields[count++] = "";
          break;
        }
        continue;
      }
      if (c === CR) i++;
      // c is LF
      i++;
      lines++;
      break;
    }
    this.line = startLine + lines;
    if (i - start > this.maxRecordChars) this.tooLong(startLine);
    else if (problem !== null) this.sink.bad(startLine, problem.column, problem.code, problem.message);
    else this.sink.row(fields, count, startLine);
    return i;
  }
}

/**
 * `text.indexOf(ch, from)`, guarded by `includes`. Measured on Node 20: once `scan` is
 * optimised a second time (a new sink closure per file), an unguarded `indexOf` of a
 * character absent from a 1 MiB chunk turned a 0.2 s read of 300k rows into 20 s;
 * `includes` first keeps every read at full speed (bench/RESULTS.md).
 */
function find(text: string, ch: string, from: number): number {
  return text.includes(ch, from) ? text.indexOf(ch, from) : -1;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  let i = text.indexOf("\n", from);
  while (i >= 0 && i < to) {
    n++;
    i = text.indexOf("\n", i + 1);
  }
  return n;
}
