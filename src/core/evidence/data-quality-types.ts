/**
 * The data quality report run before a settlement (see data-quality.ts for the checks
 * and their thresholds). Findings carry student ids only, never names or other personal
 * values, and at most `EXAMPLE_IDS` of them.
 */
import type { IsoDate } from "../date.js";
import type { DataFileKind, EnrollmentRecord, AssessmentRecord, StudentRecord } from "../data/records.js";
import type { Terms } from "../terms/types.js";

export type Severity = "error" | "warning" | "info";

export type FindingCode =
  | "enrollment-unknown-student"
  | "duplicate-enrollment"
  | "window-not-tested"
  | "missing-window"
  | "rapid-guess"
  | "test-date-outside-window"
  | "window-dates-unknown"
  | "implausible-growth"
  | "assessment-unknown-student"
  | "session-outside-period"
  | "session-unknown-student"
  | "session-not-enrolled"
  | "duplicate-session-id"
  | "file-never-imported"
  | "file-stale";

export interface Finding {
  readonly code: FindingCode;
  /** `error` makes the statement provisional; `warning` and `info` are reported only. */
  readonly severity: Severity;
  /** Rows (or events) concerned: sessions, test rows, enrollment rows, students for a missing window. */
  readonly count: number;
  /** Distinct students concerned (0 for findings about files). */
  readonly students: number;
  /** The first few student ids concerned, in id order (UTF-8 byte order). */
  readonly exampleStudentIds: readonly string[];
  /** The window name of the terms, or the file kind, the finding is about; null otherwise. */
  readonly subject: string | null;
  readonly message: string;
}

export interface FileFreshness {
  readonly kind: DataFileKind;
  /** The last import of a file of this kind (a stored timestamp, ISO 8601 UTC), or null. */
  readonly lastImportedAt: string | null;
  readonly fileName: string | null;
  /** Whole days from the last import to `today`; null when never imported. */
  readonly ageDays: number | null;
}

export interface DataQualityReport {
  readonly contractId: string;
  readonly asOf: IsoDate;
  readonly findings: readonly Finding[];
  readonly freshness: readonly FileFreshness[];
  /** True when any finding is an error: the statement should be treated as provisional. */
  readonly provisional: boolean;
  /** The messages of the error findings. */
  readonly reasons: readonly string[];
}

export interface SessionFact {
  readonly sessionId: string | null;
  readonly studentId: string;
  readonly sessionDate: IsoDate;
}

/** A student's session rows of the contract, counted (a store sums them in one query). */
export interface SessionSummary {
  readonly studentId: string;
  readonly sessions: number;
  /** Rows dated outside the contract period. */
  readonly outsidePeriod: number;
  /** Rows whose session id an earlier row of the contract already had. */
  readonly repeatedIds: number;
}

export interface ImportFact {
  readonly kind: DataFileKind;
  readonly fileName: string;
  /** ISO 8601 timestamp (UTC), as the store gives it. */
  readonly importedAt: string;
}

export interface DataQualityInput {
  readonly terms: Terms;
  readonly asOf: IsoDate;
  /** The date the report is made (file ages are counted to it). */
  readonly today: IsoDate;
  /** The known students (the roster); only the id and grade are read. */
  readonly students: readonly Pick<StudentRecord, "studentId" | "grade">[];
  /** Further ids known to exist in the district's roster (students not loaded in full). */
  readonly otherKnownStudentIds?: ReadonlySet<string>;
  /** This contract's enrollment rows, as read (duplicates included). */
  readonly enrollments: readonly EnrollmentRecord[];
  /** Assessment rows; rows outside the contract's windows are not looked at. */
  readonly assessments: readonly AssessmentRecord[];
  /** This contract's session rows, summed per student (`summariseSessions`). */
  readonly sessions: readonly SessionSummary[];
  /** Import batches of the district (any order). */
  readonly imports: readonly ImportFact[];
}

/**
 * What the data quality report reads besides a contract's enrolled students and their
 * rows: its sessions summed per student, which of those students the roster knows, and
 * the imports of the data (batches in a store, the data files offline).
 */
export interface QualityFacts {
  readonly sessions: readonly SessionSummary[];
  readonly knownSessionStudents: ReadonlySet<string>;
  readonly imports: readonly ImportFact[];
}
