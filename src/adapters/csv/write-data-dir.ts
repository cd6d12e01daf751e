/**
 * Writes a generated district as a data folder that `settle` reads offline: the six
 * canonical CSV files (shared/spec/data-v1.md) and `terms/<contractId>.json`.
 *
 * Rows are streamed from the generator into ~1 MB chunks, and a chunk waits for the file
 * stream to drain before the next is built, so memory stays bounded however many rows
 * there are, while the disk write of one chunk overlaps the making of the next.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import type { GeneratedDistrict } from "../../core/demo/generate-district.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "../../core/demo/rows.js";

export interface WrittenFile {
  /** Path relative to the folder: `sessions.csv`, `terms/c001.json`. */
  readonly name: string;
  /** Data rows (header excluded) for CSV files; 1 for a terms document. */
  readonly rows: number;
  readonly bytes: number;
}

const CHUNK_CHARS = 1 << 20;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: a value with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Streams `rows` to `path` as CSV with a header row and `\n` line ends. */
export async function writeCsv<K extends string>(
  path: string,
  columns: readonly K[],
  rows: Iterable<Readonly<Record<K, string>>>,
): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(path, { highWaterMark: CHUNK_CHARS });
  const failed = once(out, "error").then(([error]: unknown[]) => {
    throw error;
  });
  failed.catch(() => undefined); // surfaced by `finished` or the drain race below
  let count = 0;
  let bytes = 0;
  let chunk = columns.map(csvField).join(",") + "\n";
  const flush = async (): Promise<void> => {
    const buffer = Buffer.from(chunk, "utf8");
    chunk = "";
    bytes += buffer.length;
    if (!out.write(buffer)) await Promise.race([once(out, "drain"), failed]);
  };
  try {
    for (const row of rows) {
      let line = "";
      for (let i = 0; i < columns.length; i++) {
        const value = row[columns[i] as K];
        line += i === 0 ? csvField(value) : "," + csvField(value);
      }
      chunk += line + "\n";
      count++;
      if (chunk.length >= CHUNK_CHARS) await flush();
    }
    await flush();
  } finally {
    out.end();
  }
  await finished(out);
  return { rows: count, bytes };
}

/**
 * Writes every file of `district` into `dir` (created if missing; existing files of the
 * same names are replaced, other files are left alone). Returns each file's row and
 * byte counts, CSV files first, in the order written.
 */
export async function writeDataDir(
  dir: string,
  district: GeneratedDistrict,
): Promise<{ files: WrittenFile[] }> {
  await mkdir(join(dir, "terms"), { recursive: true });
  const files: WrittenFile[] = [];
  const csv = async <K extends string>(
    name: string,
    columns: readonly K[],
    rows: Iterable<Record<K, string>>,
  ) => {
    files.push({ name, ...(await writeCsv(join(dir, name), columns, rows)) });
  };
  await csv("students.csv", STUDENT_COLUMNS, district.students());
  await csv("enrollments.csv", ENROLLMENT_COLUMNS, district.enrollments());
  await csv("assessments.csv", ASSESSMENT_COLUMNS, district.assessments());
  await csv("sessions.csv", SESSION_COLUMNS, district.sessions());
  await csv("obligations.csv", OBLIGATION_COLUMNS, district.obligations());
  await csv("payments.csv", PAYMENT_COLUMNS, district.payments());
  for (const doc of district.terms()) {
    const name = `terms/${doc.contractId}.json`;
    const text = JSON.stringify(doc, null, 2) + "\n";
    await writeFile(join(dir, name), text, "utf8");
    files.push({ name, rows: 1, bytes: Buffer.byteLength(text, "utf8") });
  }
  return { files };
}
