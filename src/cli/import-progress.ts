/**
 * The progress line of one file being imported, on a terminal only: rows read, rows a
 * second, and the percent and time left from the bytes read of the file's size. It is
 * redrawn in place at most every 100 ms and erased when the file is done, so that
 * nothing of it stays in the output; nothing is written when standard error is not a
 * terminal.
 */
import type { ImportProgress } from "../app/import-batch.js";

export interface ProgressTerminal {
  readonly isTTY: boolean;
  /** Width of the terminal; the line is cut to it, since a wrapped line cannot be redrawn. */
  readonly columns: number;
  write(text: string): void;
  /** Milliseconds of a monotonic clock. */
  now(): number;
}

const REDRAW_MS = 100;
const count = new Intl.NumberFormat("en-US");

function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return minutes >= 60
    ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}:${rest}`
    : `${minutes}:${rest}`;
}

/** The text of the line for `progress` after `elapsedMs`. */
export function progressText(label: string, progress: ImportProgress, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.floor(progress.rows / seconds) : 0;
  const parts = [`${count.format(progress.rows)} rows`, `${count.format(rate)} rows/s`];
  if (progress.bytesTotal > 0) {
    const done = Math.min(progress.bytesRead, progress.bytesTotal);
    parts.push(`${Math.floor((done * 100) / progress.bytesTotal)}%`);
    if (done > 0 && seconds > 0) parts.push(`ETA ${clock((seconds * (progress.bytesTotal - done)) / done)}`);
  }
  return `${label}: ${parts.join("  ")}`;
}

export class ProgressLine {
  private readonly started: number;
  private drawnAt: number | null = null;

  constructor(
    private readonly terminal: ProgressTerminal,
    private readonly label: string,
  ) {
    this.started = terminal.now();
  }

  readonly update = (progress: ImportProgress): void => {
    if (!this.terminal.isTTY) return;
    const now = this.terminal.now();
    if (this.drawnAt !== null && now - this.drawnAt < REDRAW_MS) return;
    this.drawnAt = now;
    const text = progressText(this.label, progress, now - this.started);
    this.terminal.write(`\r${text.slice(0, Math.max(this.terminal.columns - 1, 0))}\x1b[K`);
  };

  /** Erases the line, if one was drawn. */
  done(): void {
    if (this.drawnAt === null) return;
    this.drawnAt = null;
    this.terminal.write("\r\x1b[K");
  }
}
