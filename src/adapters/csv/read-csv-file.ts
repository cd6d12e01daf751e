import { createReadStream } from "node:fs";
import { CsvScanner, type CsvSink } from "./scanner.js";

/**
 * Streams a CSV file through the scanner in 1 MiB reads: memory stays bounded by the
 * read size plus the longest record, whatever the file size. Invalid UTF-8 becomes
 * U+FFFD in decoding, which the scanner reports as `bad-encoding` on the record.
 */
export async function readCsvFile(path: string, sink: CsvSink): Promise<{ bytes: number }> {
  const scanner = new CsvScanner(sink);
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    scanner.push(decoder.decode(buffer, { stream: true }));
  }
  const tail = decoder.decode();
  if (tail.length > 0) scanner.push(tail);
  scanner.end();
  return { bytes };
}
