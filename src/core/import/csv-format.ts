/**
 * The shape every CSV import format takes, canonical or vendor: detect a header, bind
 * it, and map each row to one canonical record (and, for exports that carry them, the
 * row's student), or the first reason the row is rejected.
 */
import type { DataFileKind, StudentRecord } from "../data/records.js";
import { RowError } from "../data/row-cells.js";
import type { HeaderProblem } from "../data/header.js";
import type { CanonicalRecord } from "./canonical.js";
import type { AssessmentFormatId } from "./assessment-format.js";

export type CsvFormatId = DataFileKind | AssessmentFormatId | "datas-sessions" | "datas-students";

export interface MappedCsvRow {
  readonly record: CanonicalRecord;
  /** The row's student when the export carries one (i-Ready's subgroup columns), else null. */
  readonly student: StudentRecord | null;
}

export interface BoundCsv {
  /** Missing, duplicate or unusable columns; when any, the file is refused and `map` unused. */
  readonly problems: readonly HeaderProblem[];
  /** 1-based columns where a row names its student and its contract (0: not in the row). */
  readonly studentColumn: number;
  readonly contractColumn: number;
  /** Whether rows yield a student besides their record (see `MappedCsvRow.student`). */
  readonly carriesStudents: boolean;
  /** True when `map` already rejects every value the store cannot hold (store-limits.ts). */
  readonly checksStoreLimits: boolean;
  /** Maps `fields[0..count)` of a data row; the array may be reused after the call. */
  map(fields: readonly string[], count: number): MappedCsvRow | RowError;
  /** What the import should say about the rows mapped so far: counts and codes, never values. */
  notes(): string[];
}

export interface CsvBindOptions {
  /** The file's base name, for messages that name the file. */
  readonly fileName: string;
  /** The contract the rows belong to, for formats whose rows name none. */
  readonly contractId: string | null;
}

export interface CsvFormat {
  readonly id: CsvFormatId;
  readonly label: string;
  /** The kind of the record each row yields. */
  readonly kind: DataFileKind;
  /** True when rows name no contract, so the import must be given one (`--contract`). */
  readonly needsContract: boolean;
  /** True when a header row (fields as written, BOM stripped) is this format. */
  detect(header: readonly string[]): boolean;
  bind(header: readonly string[], options: CsvBindOptions): BoundCsv;
}

/** A row whose field count differs from the header's is rejected, never padded or cut. */
export function fieldCountError(count: number, width: number): RowError | null {
  if (count === width) return null;
  return new RowError(
    Math.min(count, width) + 1,
    "field-count",
    `the row has ${count} fields; the header has ${width}`,
  );
}

/** The problem of a format that needs a contract when none was given. */
export function contractRequired(label: string): HeaderProblem {
  return {
    column: 0,
    code: "contract-required",
    message: `${label} rows name no contract; give the contract they belong to with --contract ID`,
  };
}
