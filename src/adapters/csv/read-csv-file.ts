import { createReadStream } from "node:fs";
import { CsvScanner, type CsvSink } from "./scanner.js";

/**
 * Streams a CSV file through the scanner in 1 MiB reads: memory stays bounded by the
 * read size plus the longest record, whatever the file size.
 *
 * Each read is decoded strictly as UTF-8 first; only a read that is not valid UTF-8 is
 * decoded again leniently (bad bytes become U+FFFD) and flagged, so that the scanner
 * rejects its records as `bad-encoding`. Valid files skip that search entirely.
 */
export async function readCsvFile(path: string, sink: CsvSink): Promise<{ bytes: number }> {
  const scanner = new CsvScanner(sink);
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  let bytes = 0;
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const read = chunk as Buffer;
    bytes += read.length;
    const buffer: Buffer = carry === null ? read : Buffer.concat([carry, read]);
    const cut = completeUtf8Length(buffer);
    carry = cut === buffer.length ? null : Buffer.from(buffer.subarray(cut));
    const body = buffer.subarray(0, cut);
    try {
      scanner.push(strict.decode(body), false);
    } catch {
      scanner.push(lenient.decode(body), true);
    }
  }
  if (carry !== null) scanner.push(lenient.decode(carry), true);
  scanner.end();
  return { bytes };
}

/**
 * The length of the longest prefix of `buffer` that does not end inside a multi-byte
 * UTF-8 sequence (the rest is carried to the next read).
 */
export function completeUtf8Length(buffer: Uint8Array): number {
  const n = buffer.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = buffer[n - back] ?? 0;
    if (b < 0x80) return n; // ASCII: complete
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < length ? n - back : n;
    }
  }
  return n;
}
