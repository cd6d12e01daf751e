/**
 * Ports of the import use case: a source of canonical data-v1 records (a canonical CSV
 * file, a vendor export, Ed-Fi JSON, a OneRoster set), read in chunks of bounded size.
 * Sources map and validate rows; the use case checks them against the store, writes
 * them under one batch and stores the rejects.
 */
import type { StudentRecord } from "../../core/data/records.js";
import type { CanonicalRecord } from "../../core/import/canonical.js";
import type { RowProblem } from "../../core/problem.js";

/** Where a rejected value is: a 1-based column of a CSV row (0: the whole row or none), or a JSON path. */
export interface Place {
  readonly column: number;
  readonly path: string | null;
}

/** A source row mapped to its record. */
export interface ImportRow {
  readonly kind: "row";
  /** The physical line where the row (or JSON resource) starts in its file. */
  readonly line: number;
  readonly record: CanonicalRecord;
  /**
   * A student the row carries besides its record (an i-Ready row's subgroup columns),
   * written under the same batch and line. It only adds a student the store lacks (or
   * replaces one carried earlier in the same batch): the district's own students file
   * stays the authority on school, grade and flags.
   */
  readonly student: StudentRecord | null;
  /** For JSON: the resource's path in its document (`$` or `$[3]`), prefixed to the places of `refs`. */
  readonly root: string | null;
  /** The row as read, kept with a reject: the cells of a CSV row, the object of a JSON resource. */
  readonly original: unknown;
  /** True when the source has already checked that the store can hold every value (no NUL, no value past a column's range). */
  readonly storable?: boolean;
}

/** A source row that could not be read or mapped. */
export interface ImportReject {
  readonly kind: "reject";
  readonly line: number;
  readonly column: number;
  /** JSON path of the offending value, from the document's root. */
  readonly path: string | null;
  readonly code: string;
  readonly message: string;
  /** The cells or the object as read; null when the record could not be read at all. */
  readonly original: unknown;
}

/** The source cannot be imported after all (a JSON array broken half-way): nothing of it is kept. */
export interface ImportFault {
  readonly kind: "fault";
  readonly problem: RowProblem;
}

export type ImportItem = ImportRow | ImportReject | ImportFault;

export interface OpenSource {
  /** The format recorded in the batch: a canonical kind or a vendor format id. */
  readonly format: string;
  /** The CSV header as read, for exporting rejects in the file's layout; null for JSON and sets. */
  readonly header: readonly string[] | null;
  /** Where rows name their student and contract, for the store's unknown-student/contract rejects. */
  readonly refs: { readonly student: Place; readonly contract: Place };
  /** The contract every row belongs to when rows name none (`--contract`); checked before any row. */
  readonly contractId: string | null;
  /** The rows in order, a chunk at a time (memory bounded by the chunk). */
  items(): AsyncIterable<readonly ImportItem[]>;
  /**
   * Instead of `items`, for a CSV file of session rows under the canonical header: its
   * records as read, a chunk at a time, and `map` for those the import does not load as
   * they are (core/import/plain-session-row.ts), which gives the item `items` would.
   */
  readonly sessionRecords?: {
    chunks(): AsyncIterable<readonly CsvRecord[]>;
    map(record: CsvRecord): ImportItem;
  };
  /** Bytes of the source read so far and in all, for progress. */
  progress(): { readonly bytesRead: number; readonly bytesTotal: number };
  /** What to tell about the rows read (counts and codes only), once they are all read. */
  notes(): string[];
  /** Releases the file when the rows are not read to the end. */
  close(): Promise<void>;
}

export interface ImportSource {
  /** The name recorded in the batch (the path as given). */
  readonly name: string;
  /** SHA-256 (lowercase hex) of the bytes read: the file, or a set's files. */
  sha256(): Promise<string>;
  /** Reads far enough to know the format; the problems when the source cannot be imported at all. */
  open(): Promise<OpenSource | { readonly problems: readonly RowProblem[] }>;
}

/** One CSV record as read, or a record the scanner could not read (no cells then). */
export type CsvRecord =
  | {
      readonly kind: "row";
      readonly line: number;
      readonly fields: readonly string[];
      /** False when the text the row was read from holds no NUL character (its cells need no check). */
      readonly mayHoldNul?: boolean;
      /** A record on one line without quotes: its text as read (cells joined by commas, no line end). */
      readonly text?: string;
    }
  | {
      readonly kind: "bad";
      readonly line: number;
      readonly column: number;
      readonly code: string;
      readonly message: string;
    };

/** A CSV file read as records, which `csvImportSource` maps with the core's CSV formats. */
export interface ImportFile {
  /** The name recorded in the batch (the path as given). */
  readonly name: string;
  /** SHA-256 (lowercase hex) of the file's bytes. */
  sha256(): Promise<string>;
  /** The records in order, a chunk per read (memory bounded by the read size). */
  records(): AsyncIterable<readonly CsvRecord[]>;
  /** Bytes read so far by `records()`, and the file's size. */
  progress(): { readonly bytesRead: number; readonly bytesTotal: number };
}
