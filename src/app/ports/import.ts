/** Ports of the import use cases: a file read as CSV records, in chunks of bounded size. */

/** One CSV record as read, or a record the scanner could not read (no cells then). */
export type CsvRecord =
  | { readonly kind: "row"; readonly line: number; readonly fields: readonly string[] }
  | {
      readonly kind: "bad";
      readonly line: number;
      readonly column: number;
      readonly code: string;
      readonly message: string;
    };

export interface ImportFile {
  /** The name recorded in the batch (the path as given). */
  readonly name: string;
  /** SHA-256 (lowercase hex) of the file's bytes. */
  sha256(): Promise<string>;
  /** The records in order, a chunk per read (memory bounded by the read size). */
  records(): AsyncIterable<readonly CsvRecord[]>;
}
