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

/**
 * The text of the line for `progress` after `elapsedMs`, at most `width` characters: a
 * long label (a file's path) loses its beginning first, so that the counts stay in view.
 */
export function progressText(
  label: string,
  progress: ImportProgress,
  elapsedMs: number,
  width = Number.POSITIVE_INFINITY,
): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.floor(progress.rows / seconds) : 0;
  const parts = [`${count.format(progress.rows)} rows`, `${count.format(rate)} rows/s`];
  if (progress.bytesTotal > 0) {
    const done = Math.min(progress.bytesRead, progress.bytesTotal);
    parts.push(`${Math.floor((done * 100) / progress.bytesTotal)}%`);
    if (done > 0 && seconds > 0) parts.push(`ETA ${clock((seconds * (progress.bytesTotal - done)) / done)}`);
  }
  const counts = parts.join("  ");
  const room = width - counts.length - 2;
  if (label.length <= room) return `${label}: ${counts}`;
  if (room >= 8) return `…${label.slice(label.length - room + 1)}: ${counts}`;
  return `${label}: ${counts}`.slice(0, Math.max(width, 0));
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
    const text = progressText(this.label, progress, now - this.started, this.terminal.columns - 1);
    this.terminal.write(`\r${text}\x1b[K`);
  };

  /** Erases the line, if one was drawn. */
  done(): void {
    if (this.drawnAt === null) return;
    this.drawnAt = null;
    this.terminal.write("\r\x1b[K");
  }
}
