/**
 * Port of the server's imports: a request body kept as a private temporary file, then
 * planned as `accord import FILE` would plan it (its format told from its name and
 * header, or its first JSON resource), so the HTTP import reads the same sources as the
 * CLI. The body is streamed to the file, never held whole in memory.
 */
import type { CsvFormatId } from "../../core/import/csv-format.js";
import type { ImportFormatId } from "../../core/import/import-formats.js";
import type { RowProblem } from "../../core/problem.js";
import type { ImportFile, ImportSource } from "./import.js";

/** How the body is read: CSV (any CSV format) or JSON (Ed-Fi resources, an array or NDJSON). */
export type UploadKind = "csv" | "json";

export interface ReceiveOptions {
  /** The name the client gave the file (no folders): told formats by name, recorded in the batch. */
  readonly fileName: string;
  readonly kind: UploadKind;
  /** The body is refused past this many bytes. */
  readonly maxBytes: number;
  /** Called as bytes arrive, with the bytes received so far. */
  readonly onBytes?: (bytesReceived: number) => void;
}

export type PlannedUploadInput =
  | { readonly kind: "csv"; readonly file: ImportFile; readonly format: CsvFormatId | null }
  | { readonly kind: "source"; readonly source: ImportSource }
  | { readonly kind: "invalid"; readonly problems: readonly RowProblem[] };

export interface PlannedUpload {
  /** The format told from the file (or given); null when it cannot be told (its import says why). */
  readonly format: ImportFormatId | null;
  /** Whether its rows name no contract, so the import needs one given. */
  readonly needsContract: boolean;
  /** The file as an import source, named by the client's file name; or why it cannot be read. */
  readonly input: PlannedUploadInput;
}

export interface ReceivedFile {
  readonly sizeBytes: number;
  /** SHA-256 (lowercase hex) of the bytes received. */
  readonly sha256: string;
  plan(options: {
    readonly format: ImportFormatId | null;
    readonly contractId: string | null;
  }): Promise<PlannedUpload>;
  /** Deletes the file (and its private folder); safe to call more than once. */
  remove(): Promise<void>;
}

export type ReceiveResult =
  | { readonly kind: "received"; readonly file: ReceivedFile }
  | { readonly kind: "too-large"; readonly maxBytes: number };

export interface ImportFilesPort {
  /** Streams `body` to a new private file; nothing is left behind when it is too large or fails. */
  receive(body: AsyncIterable<Uint8Array>, options: ReceiveOptions): Promise<ReceiveResult>;
}
