/**
 * A canonical CSV file as the import use case reads it (`ImportFile`): its SHA-256, and
 * its records in chunks, one chunk per 1 MiB read, through the same scanner and UTF-8
 * handling as `readCsvFile` (so line numbers, BOM and bad-record codes are the same).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { CsvRecord, ImportFile } from "../../app/ports/import.js";
import { CsvScanner } from "./scanner.js";
import { decodeUtf8File } from "./read-csv-file.js";

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function* csvRecords(path: string): AsyncGenerator<CsvRecord[]> {
  let records: CsvRecord[] = [];
  const scanner = new CsvScanner({
    row(fields, count, line) {
      records.push({ kind: "row", line, fields: fields.slice(0, count) });
    },
    bad(line, column, code, message) {
      records.push({ kind: "bad", line, column, code, message });
    },
  });
  for await (const piece of decodeUtf8File(path)) {
    scanner.push(piece.text, piece.mayHoldInvalid);
    if (records.length > 0) {
      yield records;
      records = [];
    }
  }
  scanner.end();
  if (records.length > 0) yield records;
}

export function importFile(path: string): ImportFile {
  return { name: path, sha256: () => fileSha256(path), records: () => csvRecords(path) };
}
