/**
 * Generated rows as an `ImportFile`, so the demo workspace is imported through the same
 * source, checks and writers as `accord import` without writing a folder first: the
 * records are the cells the CSV file would hold, line 1 its header, and the SHA-256 that
 * of the CSV text `writeDataDir` would write for the same rows (RFC 4180 quoting, `\n`
 * line ends), so a batch's digest means what it means for a file.
 */
import { createHash } from "node:crypto";
import type { CsvRecord, ImportFile } from "../ports/import.js";

// Records per chunk: about what a 64 KiB slice of a data file yields.
const CHUNK_RECORDS = 1000;
const NEEDS_QUOTES = /[",\r\n]/;

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (NEEDS_QUOTES.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",") + "\n";
}

export function generatedImportFile(
  name: string,
  columns: readonly string[],
  rows: () => Iterable<readonly string[]>,
): ImportFile {
  let recordsRead = 0;
  return {
    name,
    sha256() {
      const hash = createHash("sha256").update(csvLine(columns), "utf8");
      for (const cells of rows()) hash.update(csvLine(cells), "utf8");
      return Promise.resolve(hash.digest("hex"));
    },
    async *records(): AsyncGenerator<CsvRecord[]> {
      let line = 1;
      let chunk: CsvRecord[] = [{ kind: "row", line, fields: columns }];
      for (const fields of rows()) {
        chunk.push({ kind: "row", line: ++line, fields });
        if (chunk.length >= CHUNK_RECORDS) {
          recordsRead += chunk.length;
          yield chunk;
          chunk = [];
        }
      }
      recordsRead += chunk.length;
      if (chunk.length > 0) yield chunk;
    },
    // No bytes are read: progress counts records, with no total known.
    progress: () => ({ bytesRead: recordsRead, bytesTotal: 0 }),
  };
}
