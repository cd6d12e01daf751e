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
  let bytes = 0;
  for await (const piece of decodeUtf8File(path)) {
    bytes += piece.bytes;
    scanner.push(piece.text, piece.mayHoldInvalid);
  }
  scanner.end();
  return { bytes };
}

/** A decoded piece of a file: its text, how many bytes it came from, and whether it was invalid UTF-8. */
export interface DecodedPiece {
  readonly text: string;
  readonly bytes: number;
  readonly mayHoldInvalid: boolean;
}

/**
 * The file as text, one piece per 1 MiB read: decoded strictly as UTF-8, and only when
 * that fails leniently (bad bytes become U+FFFD) and flagged. A character cut by a read
 * boundary is carried to the next piece.
 */
export async function* decodeUtf8File(path: string): AsyncGenerator<DecodedPiece> {
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const read = chunk as Buffer;
    const buffer: Buffer = carry === null ? read : Buffer.concat([carry, read]);
    const cut = completeUtf8Length(buffer);
    carry = cut === buffer.length ? null : Buffer.from(buffer.subarray(cut));
    const body = buffer.subarray(0, cut);
    let text: string;
    let mayHoldInvalid = false;
    try {
      text = strict.decode(body);
    } catch {
      text = lenient.decode(body);
      mayHoldInvalid = true;
    }
    yield { text, bytes: read.length, mayHoldInvalid };
  }
  if (carry !== null) yield { text: lenient.decode(carry), bytes: 0, mayHoldInvalid: true };
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
