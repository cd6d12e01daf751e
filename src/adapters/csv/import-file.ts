/**
 * A CSV file as the import use cases read it (`ImportFile`): its SHA-256, and its
 * records in chunks, one chunk per 1 MiB read, through the same scanner and UTF-8
 * handling as `readCsvFile` (so line numbers, BOM and bad-record codes are the same),
 * with the bytes read so far for progress.
 */
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import type { CsvRecord, ImportFile } from "../../app/ports/import.js";
import { CsvScanner } from "./scanner.js";
import { decodeUtf8File } from "./read-csv-file.js";

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function* csvRecords(path: string, read: { bytes: number }): AsyncGenerator<CsvRecord[]> {
  let records: CsvRecord[] = [];
  let nulSeen = false;
  const scanner = new CsvScanner({
    row(fields, count, line, text, start, end) {
      const row = text === undefined ? undefined : text.slice(start, end);
      records.push({ kind: "row", line, fields: fields.slice(0, count), mayHoldNul: nulSeen, text: row });
    },
    bad(line, column, code, message) {
      records.push({ kind: "bad", line, column, code, message });
    },
  });
  read.bytes = 0;
  for await (const piece of decodeUtf8File(path)) {
    read.bytes += piece.bytes;
    // Fed to the scanner in slices so that a chunk's records are few enough to die
    // young: a whole megabyte's records outlived the young generation of the heap and
    // made copying them the largest cost of an import.
    for (let at = 0; at < piece.text.length; at += SLICE_CHARS) {
      const slice = piece.text.slice(at, at + SLICE_CHARS);
      // Once any text read held a NUL, every later row is checked cell by cell (a row may
      // begin in an earlier slice).
      nulSeen ||= slice.includes("\u0000");
      scanner.push(slice, piece.mayHoldInvalid);
      if (records.length > 0) {
        yield records;
        records = [];
      }
    }
  }
  scanner.end();
  if (records.length > 0) yield records;
}

const SLICE_CHARS = 64 << 10;

export function importFile(path: string): ImportFile {
  const read = { bytes: 0 };
  let size: number | null = null;
  return {
    name: path,
    sha256: () => fileSha256(path),
    records: () => csvRecords(path, read),
    progress() {
      size ??= statSync(path).size;
      return { bytesRead: read.bytes, bytesTotal: size };
    },
  };
}
