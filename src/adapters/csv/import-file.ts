/**
 * A canonical CSV file as the import use case reads it (`ImportFile`): its SHA-256, and
 * its records in chunks, one chunk per 1 MiB read, through the same scanner and UTF-8
 * handling as `readCsvFile` (so line numbers, BOM and bad-record codes are the same).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { CsvRecord, ImportFile } from "../../app/ports/import.js";
import { CsvScanner } from "./scanner.js";
import { completeUtf8Length } from "./read-csv-file.js";

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
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const read = chunk as Buffer;
    const buffer: Buffer = carry === null ? read : Buffer.concat([carry, read]);
    const cut = completeUtf8Length(buffer);
    carry = cut === buffer.length ? null : Buffer.from(buffer.subarray(cut));
    const body = buffer.subarray(0, cut);
    try {
      scanner.push(strict.decode(body), false);
    } catch {
      scanner.push(lenient.decode(body), true);
    }
    if (records.length > 0) {
      yield records;
      records = [];
    }
  }
  if (carry !== null) scanner.push(lenient.decode(carry), true);
  scanner.end();
  if (records.length > 0) yield records;
}

export function importFile(path: string): ImportFile {
  return { name: path, sha256: () => fileSha256(path), records: () => csvRecords(path) };
}
