/**
 * The shape every vendor assessment format takes: detect a header, bind it, and map
 * each row to canonical records of data-v1 (or the first reason the row is rejected).
 */
import type { AssessmentRecord, StudentRecord } from "../data/records.js";
import type { RowError } from "../data/row-cells.js";
import type { HeaderProblem } from "./vendor-columns.js";

export type AssessmentFormatId = "nwea-map" | "iready-diagnostic" | "star";

export interface MappedRow {
  readonly assessment: AssessmentRecord;
  /** Present when the export carries the student's subgroups (i-Ready). */
  readonly student: StudentRecord | null;
}

export interface BoundFormat {
  /** Missing required columns and duplicate columns; when any, `map` must not be used. */
  readonly problems: HeaderProblem[];
  /** 1-based column of the student id (0 when the header lacks it). */
  readonly studentColumn: number;
  /** Whether rows also yield a student record (the export has the subgroup columns). */
  readonly carriesStudents: boolean;
  /** Maps `fields[0..count)`; the array may be reused by the caller after the call. */
  map(fields: readonly string[], count: number): MappedRow | RowError;
}

export interface AssessmentFormat {
  readonly id: AssessmentFormatId;
  readonly label: string;
  /** True when a header row (fields as written, BOM already stripped) is this format. */
  detect(header: readonly string[]): boolean;
  /** Binds the header; problems name missing required columns. */
  bind(header: readonly string[]): BoundFormat;
}
