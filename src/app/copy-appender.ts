/**
 * Rows appended to one table with COPY: the rows' text is held until it fills a
 * statement, and one statement is in flight while the next rows are read and built
 * (node-postgres queues the batch's other queries behind it).
 */
import type { CopyFormat, SqlRunner } from "./ports/db.js";

export class CopyAppender {
  private parts: string[] = [];
  private bytes = 0;
  private inflight: Promise<number> | null = null;

  constructor(
    private readonly tx: SqlRunner,
    private readonly table: string,
    private readonly columns: readonly string[],
    /** The format of the rows' text (`copyLine` for text, `csvField` for csv). */
    private readonly format: CopyFormat = "text",
    /**
     * Characters of COPY text a statement (default 1 Mi): small enough that the row
     * strings die young (megabytes held for long made the garbage collector the largest
     * cost of an import), large enough that statements are few (PGlite pays for each).
     */
    private readonly copyBytes = 1 << 20,
  ) {}

  /** One row of COPY text in the appender's format, ending in a newline. */
  push(line: string): void {
    this.parts.push(line);
    this.bytes += line.length;
  }

  /** Starts a COPY of the rows held once they fill a statement. */
  async flushIfFull(): Promise<void> {
    if (this.bytes >= this.copyBytes) await this.flush();
  }

  /** Copies every row held and waits for the last statement. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.inflight !== null) await this.inflight;
    this.inflight = null;
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.bytes = 0;
    if (this.inflight !== null) await this.inflight;
    const copy = this.tx.copyFrom(this.table, this.columns, text, this.format);
    copy.catch(() => {}); // awaited by the next flush or by finish; this only keeps an early failure from going unhandled
    this.inflight = copy;
  }
}
